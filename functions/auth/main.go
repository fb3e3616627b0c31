// Command auth is the auth Lambda function (HTTP API, payload 2.0).
package main

import (
	"context"
	"log/slog"
	"os"

	"lms/shared/appenv"
	"lms/shared/authapi"
	"lms/shared/lambdahttp"
)

func main() {
	env, err := appenv.Load(context.Background(), "auth", os.Getenv, os.Stdout)
	if err != nil {
		slog.Error("cannot start", "function", "auth", "error", err)
		os.Exit(1)
	}
	lambdahttp.Start(authapi.New(env))
}
