package localgw

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/appenv"
	"lms/shared/authapi"
	"lms/shared/batchapi"
	"lms/shared/certjob"
	"lms/shared/competencyapi"
	"lms/shared/competencyjobs"
	"lms/shared/courseapi"
	"lms/shared/forumapi"
	"lms/shared/indexer"
	"lms/shared/notify"
	"lms/shared/transcode"
	"lms/shared/uploadapi"
)

// Factory builds a function's handlers from its environment, exactly as
// the function's main.go does before calling lambda.Start: an HTTP API, or
// the handlers of its event sources.
type Factory struct {
	HTTP   func(appenv.Env) (http.Handler, error)
	Events func(appenv.Env) (EventHandlers, error)
}

// EventHandlers are an event function's handlers, one per kind of source.
type EventHandlers struct {
	SNS func(context.Context, events.SNSEvent) error
	SQS func(context.Context, events.SQSEvent) (events.SQSEventResponse, error)
	// Schedule takes EventBridge scheduled events.
	Schedule func(context.Context, events.EventBridgeEvent) error
}

// Functions maps each function of template.yaml (by logical id) to its
// factory. A test checks that both sides list the same functions.
var Functions = map[string]Factory{
	"AuthFunction":   {HTTP: func(e appenv.Env) (http.Handler, error) { return authapi.New(e), nil }},
	"BatchFunction":  {HTTP: func(e appenv.Env) (http.Handler, error) { return batchapi.New(e), nil }},
	"CourseFunction": {HTTP: func(e appenv.Env) (http.Handler, error) { return courseapi.New(e), nil }},
	"UploadFunction": {HTTP: func(e appenv.Env) (http.Handler, error) { return uploadapi.New(e) }},
	"TranscodeFunction": {Events: func(e appenv.Env) (EventHandlers, error) {
		h, err := transcode.New(e)
		if err != nil {
			return EventHandlers{}, err
		}
		return EventHandlers{SNS: h.Handle}, nil
	}},
	"IndexFunction": {Events: func(e appenv.Env) (EventHandlers, error) {
		h, err := indexer.New(e)
		if err != nil {
			return EventHandlers{}, err
		}
		return EventHandlers{SNS: h.Handle, SQS: h.HandleJobs}, nil
	}},
	"CertificateFunction": {Events: func(e appenv.Env) (EventHandlers, error) {
		h, err := certjob.New(e)
		return EventHandlers{SQS: h.Handle}, err
	}},
	"CompetencyFunction": {HTTP: func(e appenv.Env) (http.Handler, error) { return competencyapi.New(e), nil }},
	"ForumFunction":      {HTTP: func(e appenv.Env) (http.Handler, error) { return forumapi.New(e) }},
	"CompetencyJobsFunction": {Events: func(e appenv.Env) (EventHandlers, error) {
		h, err := competencyjobs.New(e)
		return EventHandlers{SQS: h.Imports.Handle, Schedule: h.Reports.Handle}, err
	}},
	"NotifyFunction": {Events: func(e appenv.Env) (EventHandlers, error) {
		h, err := notify.New(e)
		return EventHandlers{SQS: h.Deliverer.Handle, Schedule: h.Reminders.Handle}, err
	}},
}
