// Command competencyjobs is the competency jobs Lambda function: HR import
// jobs (SQS) and the monthly JP reports (EventBridge schedule).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"lms/shared/appenv"
	"lms/shared/competencyjobs"
)

func main() {
	env, err := appenv.Load(context.Background(), "competencyjobs", os.Getenv, os.Stdout)
	if err == nil {
		var h competencyjobs.Handler
		if h, err = competencyjobs.New(env); err == nil {
			lambda.Start(h.Invoke)
			return
		}
	}
	slog.Error("cannot start", "function", "competencyjobs", "error", err)
	os.Exit(1)
}
