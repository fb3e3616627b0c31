// Package pagecursor turns DynamoDB's last evaluated key into the opaque
// cursor a list answers with, and back. Decoding checks that the cursor
// belongs to the partition being listed, so a forged cursor cannot page
// into another tenant's items.
package pagecursor

import (
	"encoding/base64"
	"encoding/json"
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// ErrBad marks a malformed cursor or one from another list.
var ErrBad = errors.New("pagecursor: bad cursor")

// Encode makes a cursor of a last evaluated key (its string attributes:
// every key attribute of this table is a string).
func Encode(key map[string]types.AttributeValue) string {
	m := map[string]string{}
	for k, v := range key {
		if sv, ok := v.(*types.AttributeValueMemberS); ok {
			m[k] = sv.Value
		}
	}
	b, _ := json.Marshal(m)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Decode reads a cursor whose partition attribute attr must equal pk.
func Decode(cursor, attr, pk string) (map[string]types.AttributeValue, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(b) > 2048 {
		return nil, ErrBad
	}
	var m map[string]string
	if json.Unmarshal(b, &m) != nil || len(m) == 0 || len(m) > 6 || m[attr] != pk {
		return nil, ErrBad
	}
	out := make(map[string]types.AttributeValue, len(m))
	for k, v := range m {
		out[k] = &types.AttributeValueMemberS{Value: v}
	}
	return out, nil
}
