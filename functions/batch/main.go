// Command batch is the batch Lambda function (HTTP API, payload 2.0).
package main

import (
	"context"
	"log/slog"
	"os"

	"lms/shared/appenv"
	"lms/shared/batchapi"
	"lms/shared/lambdahttp"
)

func main() {
	env, err := appenv.Load(context.Background(), "batch", os.Getenv, os.Stdout)
	if err != nil {
		slog.Error("cannot start", "function", "batch", "error", err)
		os.Exit(1)
	}
	lambdahttp.Start(batchapi.New(env))
}
