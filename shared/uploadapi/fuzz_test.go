package uploadapi

import (
	"testing"

	"lms/shared/httpapi/bodyfuzz"
)

// requestBodies are the types this package's handlers decode, with their
// size limits; TestRequestBodiesAreListed keeps the list complete.
var requestBodies = []bodyfuzz.Body{
	{New: func() any { return new(startRequest) }, Limit: 4 << 10},
	{New: func() any { return new(partsRequest) }, Limit: 8 << 10},
	{New: func() any { return new(completeRequest) }, Limit: 64 << 10, Optional: true},
	{New: func() any { return new(struct{}) }, Limit: 1 << 10, Optional: true},
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
