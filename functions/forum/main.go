// Command forum is the forum Lambda function (HTTP API, payload 2.0):
// batch forums and the public help desk, the FAQ and its automatic
// replies, batch announcements, and each user's notification inbox and
// preferences (shared/inboxapi).
package main

import (
	"context"
	"log/slog"
	"os"

	"lms/shared/appenv"
	"lms/shared/forumapi"
	"lms/shared/lambdahttp"
)

func main() {
	env, err := appenv.Load(context.Background(), "forum", os.Getenv, os.Stdout)
	if err != nil {
		slog.Error("cannot start", "function", "forum", "error", err)
		os.Exit(1)
	}
	h, err := forumapi.New(env)
	if err != nil {
		slog.Error("cannot start", "function", "forum", "error", err)
		os.Exit(1)
	}
	lambdahttp.Start(h)
}
