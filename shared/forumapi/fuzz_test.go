package forumapi

import (
	"testing"

	"lms/shared/httpapi/bodyfuzz"
)

// requestBodies are the types this package's handlers decode, with their
// size limits; TestRequestBodiesAreListed keeps the list complete.
var requestBodies = []bodyfuzz.Body{
	{New: func() any { return new(threadRequest) }, Limit: bodyLimit},
	{New: func() any { return new(threadUpdate) }, Limit: bodyLimit},
	{New: func() any { return new(postRequest) }, Limit: bodyLimit},
	{New: func() any { return new(postUpdate) }, Limit: bodyLimit},
	{New: func() any { return new(acceptRequest) }, Limit: smallLimit},
	{New: func() any { return new(pinRequest) }, Limit: smallLimit},
	{New: func() any { return new(lockRequest) }, Limit: smallLimit},
	{New: func() any { return new(hideRequest) }, Limit: smallLimit},
	{New: func() any { return new(reportRequest) }, Limit: 4 << 10},
	{New: func() any { return new(feedbackRequest) }, Limit: smallLimit},
	{New: func() any { return new(faqRequest) }, Limit: 32 << 10},
	{New: func() any { return new(faqUpdate) }, Limit: 32 << 10},
	{New: func() any { return new(settingsRequest) }, Limit: smallLimit},
	{New: func() any { return new(announcementRequest) }, Limit: bodyLimit},
}

func TestRequestBodiesAreListed(t *testing.T) { bodyfuzz.RequireListed(t, ".", requestBodies) }

// FuzzRequestBodies sends arbitrary bytes with an arbitrary content type
// to every request type through the handlers' decoder (bodyfuzz.Check).
func FuzzRequestBodies(f *testing.F) {
	bodyfuzz.Seeds(f, requestBodies)
	f.Fuzz(func(t *testing.T, which uint8, contentType string, data []byte) {
		bodyfuzz.Check(t, bodyfuzz.Pick(requestBodies, which), contentType, data)
	})
}
