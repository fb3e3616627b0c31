// Command upload is the upload Lambda function (HTTP API, payload 2.0):
// presigned uploads and search.
package main

import (
	"context"
	"log/slog"
	"os"

	"lms/shared/appenv"
	"lms/shared/httpapi"
	"lms/shared/lambdahttp"
	"lms/shared/uploadapi"
)

func main() {
	env, err := appenv.Load(context.Background(), "upload", os.Getenv, os.Stdout)
	if err == nil {
		var rt *httpapi.Router
		if rt, err = uploadapi.New(env); err == nil {
			lambdahttp.Start(rt)
			return
		}
	}
	slog.Error("cannot start", "function", "upload", "error", err)
	os.Exit(1)
}
