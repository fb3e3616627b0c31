package pagecursor

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestRoundTripAndForgery(t *testing.T) {
	key := map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "TENANT#a"}, "SK": &types.AttributeValueMemberS{Value: "MEMBER#u1"},
	}
	c := Encode(key)
	got, err := Decode(c, "PK", "TENANT#a")
	if err != nil || got["SK"].(*types.AttributeValueMemberS).Value != "MEMBER#u1" {
		t.Fatalf("round trip: %v %v", got, err)
	}
	for _, bad := range []struct{ cursor, pk string }{
		{c, "TENANT#b"},             // another tenant's list
		{"not base64!", "TENANT#a"}, // garbage
		{Encode(nil), "TENANT#a"},   // empty
		{"eyJQSyI6MX0", "TENANT#a"}, // {"PK":1}: not strings
	} {
		if _, err := Decode(bad.cursor, "PK", bad.pk); !errors.Is(err, ErrBad) {
			t.Errorf("%q accepted for %s", bad.cursor, bad.pk)
		}
	}
}
