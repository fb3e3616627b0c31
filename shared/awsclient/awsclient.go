// Package awsclient builds the AWS SDK configuration and the clients most
// functions share. Clients only one function needs (Cognito) are built
// where they are used, so other binaries do not link their SDK.
//
// The SDK's standard variables choose the endpoints (AWS_ENDPOINT_URL_DYNAMODB,
// AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER), so the same
// binary talks to AWS in the cloud and to the local stand-ins in development.
//
// Load also bounds the SDK's retries and waits (retry.go), so that a
// dependency that is down or throttling fails a request quickly, which the
// API answers 503 with Retry-After (shared/faults), rather than holding it
// until the function or API Gateway times out.
package awsclient

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Load reads the shared AWS configuration from the environment, with the
// project's retry settings.
func Load(ctx context.Context) (aws.Config, error) {
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return aws.Config{}, fmt.Errorf("awsclient: load config: %w", err)
	}
	Bound(&cfg)
	return cfg, nil
}

// DynamoDB returns a DynamoDB client. DynamoDB Local answers error
// responses with a CRC32 header of 0, which the SDK reports as a checksum
// mismatch on every failed condition; the local stack sets
// LMS_DYNAMODB_SKIP_CRC32 so that only there the check is skipped.
// DynamoDB gets more attempts than other services: throttling is its usual
// transient failure and its calls are short (see DynamoDBMaxAttempts).
func DynamoDB(cfg aws.Config, optFns ...func(*dynamodb.Options)) *dynamodb.Client {
	skip := os.Getenv("LMS_DYNAMODB_SKIP_CRC32") == "true"
	opts := append([]func(*dynamodb.Options){func(o *dynamodb.Options) {
		o.DisableValidateResponseChecksum = skip
		o.RetryMaxAttempts = DynamoDBMaxAttempts
	}}, optFns...)
	return dynamodb.NewFromConfig(cfg, opts...)
}

// S3 returns an S3 client; pathStyle addresses buckets as paths, which the
// local S3 stand-in needs.
func S3(cfg aws.Config, pathStyle bool) *s3.Client {
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = pathStyle })
}
