// Command index is the index Lambda function: raw uploads (S3 ObjectCreated
// under raw/, fanned out through SNS) and re-index requests (SQS) keep each
// tenant's search index up to date.
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
	if err == nil {
		var h *indexer.Handler
		if h, err = indexer.New(env); err == nil {
			lambda.Start(h.Invoke)
			return
		}
	}
	slog.Error("cannot start", "function", "index", "error", err)
	os.Exit(1)
}
