package inboxapi

import (
	"testing"

	"lms/shared/httpapi/bodyfuzz"
)

// requestBodies are the types this package's handlers decode, with their
// size limits; TestRequestBodiesAreListed keeps the list complete.
var requestBodies = []bodyfuzz.Body{
	{New: func() any { return new(readRequest) }, Limit: 8 << 10},
	{New: func() any { return new(prefsRequest) }, Limit: 4 << 10},
	{New: func() any { return new(settingsRequest) }, Limit: 8 << 10},
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
