// Package appenv assembles what every function builds once per container,
// outside the handler: configuration, logger, AWS configuration and clock.
package appenv

import (
	"context"
	"io"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/aws"

	"lms/shared/awsclient"
	"lms/shared/clock"
	"lms/shared/config"
	"lms/shared/logging"
)

// Env is a function's environment.
type Env struct {
	Config config.Config
	Log    *slog.Logger
	AWS    aws.Config
	Clock  clock.Clock
}

// Load builds the environment of the named function. getenv is os.Getenv in
// Lambda; the local gateway passes the function's resolved template variables.
// Options adjust the AWS configuration after it is loaded (the local
// gateway uses it to count requests in benchmarks).
func Load(ctx context.Context, function string, getenv func(string) string, logOut io.Writer, options ...func(*aws.Config)) (Env, error) {
	cfg, err := config.Load(function, getenv)
	if err != nil {
		return Env{}, err
	}
	awsCfg, err := awsclient.Load(ctx)
	if err != nil {
		return Env{}, err
	}
	for _, o := range options {
		o(&awsCfg)
	}
	return Env{
		Config: cfg,
		Log:    logging.New(logOut, cfg.LogLevel, function),
		AWS:    awsCfg,
		Clock:  clock.System{},
	}, nil
}
