// Command competency is the competency-development Lambda function (HTTP
// API, payload 2.0): units and the employee roster, JP claims (PSPKM,
// PSPKU) and their verification, the training calendar and the
// leadership dashboard.
package main

import (
	"context"
	"log/slog"
	"os"

	"lms/shared/appenv"
	"lms/shared/competencyapi"
	"lms/shared/lambdahttp"
)

func main() {
	env, err := appenv.Load(context.Background(), "competency", os.Getenv, os.Stdout)
	if err != nil {
		slog.Error("cannot start", "function", "competency", "error", err)
		os.Exit(1)
	}
	lambdahttp.Start(competencyapi.New(env))
}
