// Command transcode is the transcode Lambda function, triggered by raw uploads
// (S3 ObjectCreated under raw/, fanned out through SNS).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"lms/shared/appenv"
	"lms/shared/transcode"
)

func main() {
	env, err := appenv.Load(context.Background(), "transcode", os.Getenv, os.Stdout)
	if err == nil {
		var h *transcode.Handler
		if h, err = transcode.New(env); err == nil {
			lambda.Start(h.Handle)
			return
		}
	}
	slog.Error("cannot start", "function", "transcode", "error", err)
	os.Exit(1)
}
