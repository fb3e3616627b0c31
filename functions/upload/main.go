// Command upload is the upload Lambda function (HTTP API, payload 2.0).
package main

import (
	"context"
	"log/slog"
	"os"

	"lms/shared/appenv"
	"lms/shared/lambdahttp"
	"lms/shared/uploadapi"
)

func main() {
	env, err := appenv.Load(context.Background(), "upload", os.Getenv, os.Stdout)
	if err != nil {
		slog.Error("cannot start", "function", "upload", "error", err)
		os.Exit(1)
	}
	lambdahttp.Start(uploadapi.New(env))
}
