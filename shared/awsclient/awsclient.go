// Package awsclient builds the AWS SDK configuration and the clients most
// functions share. Clients only one function needs (Cognito) are built
// where they are used, so other binaries do not link their SDK.
//
// The SDK's standard variables choose the endpoints (AWS_ENDPOINT_URL_DYNAMODB,
// AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER), so the same
// binary talks to AWS in the cloud and to the local stand-ins in development.
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

// Load reads the shared AWS configuration from the environment.
func Load(ctx context.Context) (aws.Config, error) {
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return aws.Config{}, fmt.Errorf("awsclient: load config: %w", err)
	}
	return cfg, nil
}

// DynamoDB returns a DynamoDB client. DynamoDB Local answers error
// responses with a CRC32 header of 0, which the SDK reports as a checksum
// mismatch on every failed condition; the local stack sets
// LMS_DYNAMODB_SKIP_CRC32 so that only there the check is skipped.
func DynamoDB(cfg aws.Config) *dynamodb.Client {
	skip := os.Getenv("LMS_DYNAMODB_SKIP_CRC32") == "true"
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.DisableValidateResponseChecksum = skip })
}

// S3 returns an S3 client; pathStyle addresses buckets as paths, which the
// local S3 stand-in needs.
func S3(cfg aws.Config, pathStyle bool) *s3.Client {
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = pathStyle })
}
