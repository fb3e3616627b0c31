package localgw

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/appenv"
	"lms/shared/authapi"
	"lms/shared/batchapi"
	"lms/shared/courseapi"
	"lms/shared/indexer"
	"lms/shared/transcode"
	"lms/shared/uploadapi"
)

// Factory builds a function's handler from its environment, exactly as the
// function's main.go does before calling lambda.Start.
type Factory struct {
	HTTP func(appenv.Env) http.Handler
	SNS  func(appenv.Env) func(context.Context, events.SNSEvent) error
}

// Functions maps each function of template.yaml (by logical id) to its
// factory. A test checks that both sides list the same functions.
var Functions = map[string]Factory{
	"AuthFunction":   {HTTP: func(e appenv.Env) http.Handler { return authapi.New(e) }},
	"BatchFunction":  {HTTP: func(e appenv.Env) http.Handler { return batchapi.New(e) }},
	"CourseFunction": {HTTP: func(e appenv.Env) http.Handler { return courseapi.New(e) }},
	"UploadFunction": {HTTP: func(e appenv.Env) http.Handler { return uploadapi.New(e) }},
	"TranscodeFunction": {SNS: func(e appenv.Env) func(context.Context, events.SNSEvent) error {
		return transcode.New(e).Handle
	}},
	"IndexFunction": {SNS: func(e appenv.Env) func(context.Context, events.SNSEvent) error {
		return indexer.New(e).Handle
	}},
}
