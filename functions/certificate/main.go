// Command certificate is the certificate worker Lambda function: it takes
// mass generation jobs from the certificate queue (SQS) and issues,
// renders and stores a batch's certificates.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"lms/shared/appenv"
	"lms/shared/certjob"
)

func main() {
	env, err := appenv.Load(context.Background(), "certificate", os.Getenv, os.Stdout)
	if err == nil {
		var h certjob.Handler
		if h, err = certjob.New(env); err == nil {
			lambda.Start(h.Handle)
			return
		}
	}
	slog.Error("cannot start", "function", "certificate", "error", err)
	os.Exit(1)
}
