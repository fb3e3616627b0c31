// Command course is the course Lambda function (HTTP API, payload 2.0).
package main

import (
	"context"
	"log/slog"
	"os"

	"lms/shared/appenv"
	"lms/shared/courseapi"
	"lms/shared/lambdahttp"
)

func main() {
	env, err := appenv.Load(context.Background(), "course", os.Getenv, os.Stdout)
	if err != nil {
		slog.Error("cannot start", "function", "course", "error", err)
		os.Exit(1)
	}
	lambdahttp.Start(courseapi.New(env))
}
