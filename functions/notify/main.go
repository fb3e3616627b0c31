// Command notify is the notify Lambda function: it delivers notifications
// from the notification queue (in-app inbox, email through SES, WhatsApp)
// and sends the daily reminders (EventBridge schedule).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"lms/shared/appenv"
	"lms/shared/notify"
)

func main() {
	env, err := appenv.Load(context.Background(), "notify", os.Getenv, os.Stdout)
	if err == nil {
		var h notify.Handler
		if h, err = notify.New(env); err == nil {
			lambda.Start(h.Invoke)
			return
		}
	}
	slog.Error("cannot start", "function", "notify", "error", err)
	os.Exit(1)
}
