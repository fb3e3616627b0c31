package courseapi

import (
	"testing"

	"lms/shared/httpapi/bodyfuzz"
)

// requestBodies are the types this package's handlers decode, with their
// size limits; TestRequestBodiesAreListed keeps the list complete.
var requestBodies = []bodyfuzz.Body{
	{New: func() any { return new(courseFields) }, Limit: 64 << 10},
	{New: func() any { return new(duplicateRequest) }, Limit: 4 << 10, Optional: true},
	{New: func() any { return new(sectionRequest) }, Limit: 4 << 10},
	{New: func() any { return new(itemRequest) }, Limit: 256 << 10},
	{New: func() any { return new(orderRequest) }, Limit: 256 << 10},
	{New: func() any { return new(progressRequest) }, Limit: 2 << 10},
	{New: func() any { return new(questionRequest) }, Limit: 64 << 10},
	{New: func() any { return new(struct{}) }, Limit: 1 << 10, Optional: true},
	{New: func() any { return new(answersRequest) }, Limit: 256 << 10},
	{New: func() any { return new(gradeRequest) }, Limit: 64 << 10},
	{New: func() any { return new(submitRequest) }, Limit: 128 << 10},
	{New: func() any { return new(gradesRequest) }, Limit: 256 << 10},
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
