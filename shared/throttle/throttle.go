// Package throttle slows repeated login failures per username, on top of
// Cognito's own lockout: after Limit failures in a window, further attempts
// for that username are refused until the window ends. Counters live in
// DynamoDB (shared by every Lambda container) and expire by TTL.
package throttle

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

// DynamoDB is the part of the client the limiter uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
}

// Logins limits failed logins per username.
type Logins struct {
	DB     DynamoDB
	Table  string
	Limit  int           // failures allowed per window (5)
	Window time.Duration // window length (15 minutes)
}

// key hashes the username: the counter item must not hold a NIK in clear.
func (l Logins) key(username string, now time.Time) (map[string]types.AttributeValue, time.Time) {
	sum := sha256.Sum256([]byte(username))
	start := now.Truncate(l.Window)
	return map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "LOGINFAIL#" + hex.EncodeToString(sum[:16])},
		"SK": &types.AttributeValueMemberS{Value: "WINDOW#" + strconv.FormatInt(start.Unix(), 10)},
	}, start.Add(l.Window)
}

// Blocked reports whether the username has used up its failures in the
// current window, and when it may try again.
func (l Logins) Blocked(ctx context.Context, username string, now time.Time) (bool, time.Duration, error) {
	key, end := l.key(username, now)
	out, err := l.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(l.Table), Key: key})
	if err != nil {
		return false, 0, fmt.Errorf("throttle: %w", err)
	}
	n, ok := out.Item["failures"].(*types.AttributeValueMemberN)
	if !ok {
		return false, 0, nil
	}
	count, _ := strconv.Atoi(n.Value)
	if count >= l.Limit {
		return true, end.Sub(now), nil
	}
	return false, 0, nil
}

// Fail counts one failure.
func (l Logins) Fail(ctx context.Context, username string, now time.Time) error {
	key, end := l.key(username, now)
	_, err := l.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(l.Table), Key: key,
		UpdateExpression: aws.String("ADD failures :one SET expiresAt = :exp"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one": &types.AttributeValueMemberN{Value: "1"},
			":exp": &types.AttributeValueMemberN{Value: strconv.FormatInt(end.Add(time.Hour).Unix(), 10)},
		},
	})
	if err != nil {
		return fmt.Errorf("throttle: %w", err)
	}
	return nil
}
