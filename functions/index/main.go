// Command index is the index Lambda function, triggered by raw uploads
// (S3 ObjectCreated under raw/, fanned out through SNS).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"lms/shared/appenv"
	"lms/shared/indexer"
)

func main() {
	env, err := appenv.Load(context.Background(), "index", os.Getenv, os.Stdout)
	if err != nil {
		slog.Error("cannot start", "function", "index", "error", err)
		os.Exit(1)
	}
	lambda.Start(indexer.New(env).Handle)
}
