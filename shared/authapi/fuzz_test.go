package authapi

import (
	"testing"

	"lms/shared/httpapi/bodyfuzz"
)

// requestBodies are the types this package's handlers decode, with their
// size limits; TestRequestBodiesAreListed keeps the list complete.
var requestBodies = []bodyfuzz.Body{
	{New: func() any { return new(credentials) }, Limit: 4 << 10},
	{New: func() any { return new(refreshRequest) }, Limit: 8 << 10},
	{New: func() any { return new(challengeRequest) }, Limit: 8 << 10},
	{New: func() any { return new(forgotRequest) }, Limit: 4 << 10},
	{New: func() any { return new(resetRequest) }, Limit: 4 << 10},
	{New: func() any { return new(changeRequest) }, Limit: 4 << 10},
	{New: func() any { return new(registerRequest) }, Limit: 8 << 10},
	{New: func() any { return new(rejectRequest) }, Limit: 4 << 10, Optional: true},
	{New: func() any { return new(createTenantRequest) }, Limit: 16 << 10},
	{New: func() any { return new(updateTenantRequest) }, Limit: 16 << 10},
	{New: func() any { return new(createUserRequest) }, Limit: 8 << 10},
	{New: func() any { return new(updateUserRequest) }, Limit: 4 << 10},
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
