// Package revocation remembers refresh tokens ended by logout. Cognito's
// RevokeToken ends them in the cloud; cognito-local cannot, and a revoked
// token must be refused in both places, so the auth function also records
// a hash of each revoked token (never the token) until it would expire.
package revocation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DynamoDB is the part of the client the list uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
}

// List is the revocation list.
type List struct {
	DB    DynamoDB
	Table string
	// TTL is how long a refresh token lives (the app client's refresh
	// token validity); entries expire after it.
	TTL time.Duration
}

func key(token string) map[string]types.AttributeValue {
	sum := sha256.Sum256([]byte(token))
	return map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "REVOKED#" + hex.EncodeToString(sum[:])},
		"SK": &types.AttributeValueMemberS{Value: "TOKEN"},
	}
}

// Revoke records the token.
func (l List) Revoke(ctx context.Context, token string, now time.Time) error {
	it := key(token)
	it["expiresAt"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(now.Add(l.TTL).Unix(), 10)}
	if _, err := l.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(l.Table), Item: it}); err != nil {
		return fmt.Errorf("revocation: %w", err)
	}
	return nil
}

// Revoked reports whether the token was revoked.
func (l List) Revoked(ctx context.Context, token string) (bool, error) {
	out, err := l.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(l.Table), Key: key(token), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return false, fmt.Errorf("revocation: %w", err)
	}
	return out.Item != nil, nil
}
