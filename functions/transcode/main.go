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
	if err != nil {
		slog.Error("cannot start", "function", "transcode", "error", err)
		os.Exit(1)
	}
	lambda.Start(transcode.New(env).Handle)
}
