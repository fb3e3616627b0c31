package localstack

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"lms/infra/samtemplate"
)

// Resources is what provisioning created, and the template context that
// resolves the template's references to it.
type Resources struct {
	Context          *samtemplate.Context
	UserPoolID       string
	UserPoolClientID string
	// Issuer is the local token issuer of the user pool, the counterpart of
	// https://cognito-idp.{region}.amazonaws.com/{poolId}.
	Issuer  string
	Buckets map[string]string // logical id -> bucket name
	Tables  map[string]string // logical id -> table name
}

// Clients are SDK clients pointed at the stack.
type Clients struct {
	DynamoDB *dynamodb.Client
	S3       *s3.Client
	Cognito  *cip.Client
	// SQS talks to the queue stand-in (nil when the stack has none).
	SQS *sqs.Client
}

// Clients returns SDK clients for the stack's services.
func (s *Stack) Clients() Clients {
	cfg := aws.Config{Region: Region, Credentials: credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, "")}
	return Clients{
		DynamoDB: dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
			o.BaseEndpoint = aws.String(s.DynamoEndpoint)
			o.DisableValidateResponseChecksum = true // see awsclient.DynamoDB
		}),
		S3: s3.NewFromConfig(cfg, func(o *s3.Options) {
			o.BaseEndpoint = aws.String(s.S3Endpoint)
			o.UsePathStyle = true
		}),
		Cognito: cip.NewFromConfig(cfg, func(o *cip.Options) { o.BaseEndpoint = aws.String(s.CognitoEndpoint) }),
		SQS:     s.sqsClient(cfg),
	}
}

func (s *Stack) sqsClient(cfg aws.Config) *sqs.Client {
	if s.QueueEndpoint == "" {
		return nil
	}
	return sqs.NewFromConfig(cfg, func(o *sqs.Options) { o.BaseEndpoint = aws.String(s.QueueEndpoint) })
}

// Provision creates (or finds, after a restart) every table, bucket, user
// pool, client and group the template declares, with the template's own
// properties. params override parameter defaults (for example WebOrigin).
func (s *Stack) Provision(ctx context.Context, tpl *samtemplate.Template, params map[string]string) (*Resources, error) {
	c := &samtemplate.Context{
		Params: params,
		Pseudo: map[string]string{"AWS::Region": Region, "AWS::AccountId": AccountID, "AWS::StackName": StackName,
			"AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"},
		Refs:  map[string]string{},
		Attrs: map[string]string{},
	}
	res := &Resources{Context: c, Buckets: map[string]string{}, Tables: map[string]string{}}
	cl := s.Clients()
	for _, id := range tpl.Order {
		r := tpl.Resources[id]
		on, err := tpl.Enabled(r, c)
		if err != nil {
			return nil, err
		}
		if !on {
			continue
		}
		arn := func(service, resource string) string {
			return fmt.Sprintf("arn:aws:%s:%s:%s:%s", service, Region, AccountID, resource)
		}
		switch r.Type {
		case "AWS::Serverless::Function":
			name := StackName + "-" + id
			c.Refs[id], c.Attrs[id+".Arn"] = name, arn("lambda", "function:"+name)
		case "AWS::SNS::Topic":
			c.Refs[id] = arn("sns", StackName+"-"+id)
		case "AWS::SQS::Queue":
			name := StackName + "-" + id
			c.Refs[id], c.Attrs[id+".Arn"], c.Attrs[id+".QueueName"] = QueueURL(s.QueueEndpoint, name), arn("sqs", name), name
		case "AWS::Serverless::HttpApi":
			c.Refs[id] = "local"
		}
	}
	// Buckets and tables first: the user pool's properties never refer to
	// them, but the functions' environment refers to all three.
	for _, r := range tpl.OfType("AWS::S3::Bucket") {
		name, err := s.provisionBucket(ctx, cl.S3, tpl, r, c)
		if err != nil {
			return nil, err
		}
		res.Buckets[r.LogicalID] = name
		c.Refs[r.LogicalID], c.Attrs[r.LogicalID+".Arn"] = name, "arn:aws:s3:::"+name
	}
	for _, r := range tpl.OfType("AWS::DynamoDB::Table") {
		name, err := provisionTable(ctx, cl.DynamoDB, tpl, r, c)
		if err != nil {
			return nil, err
		}
		res.Tables[r.LogicalID] = name
		c.Refs[r.LogicalID] = name
		c.Attrs[r.LogicalID+".Arn"] = fmt.Sprintf("arn:aws:dynamodb:%s:%s:table/%s", Region, AccountID, name)
	}
	if err := s.provisionCognito(ctx, cl.Cognito, tpl, c, res); err != nil {
		return nil, err
	}
	return res, nil
}

// QueueURL is the URL of a queue served at endpoint (an SQS queue URL
// is its endpoint, account and name).
func QueueURL(endpoint, name string) string {
	return strings.TrimRight(endpoint, "/") + "/" + AccountID + "/" + name
}

type keyElement struct {
	AttributeName string
	KeyType       string
}

type projection struct {
	ProjectionType   string
	NonKeyAttributes []string
}

type secondaryIndex struct {
	IndexName  string
	KeySchema  []keyElement
	Projection projection
}

type tableProps struct {
	TableName            string
	AttributeDefinitions []struct {
		AttributeName string
		AttributeType string
	}
	KeySchema               []keyElement
	GlobalSecondaryIndexes  []secondaryIndex
	LocalSecondaryIndexes   []secondaryIndex
	TimeToLiveSpecification *struct {
		AttributeName string
		Enabled       bool
	}
}

func (p tableProps) attributeDefinitions() []ddbtypes.AttributeDefinition {
	out := make([]ddbtypes.AttributeDefinition, len(p.AttributeDefinitions))
	for i, a := range p.AttributeDefinitions {
		out[i] = ddbtypes.AttributeDefinition{AttributeName: aws.String(a.AttributeName), AttributeType: ddbtypes.ScalarAttributeType(a.AttributeType)}
	}
	return out
}

func keySchema(ks []keyElement) []ddbtypes.KeySchemaElement {
	out := make([]ddbtypes.KeySchemaElement, len(ks))
	for i, k := range ks {
		out[i] = ddbtypes.KeySchemaElement{AttributeName: aws.String(k.AttributeName), KeyType: ddbtypes.KeyType(k.KeyType)}
	}
	return out
}

func (ix secondaryIndex) projection() *ddbtypes.Projection {
	p := &ddbtypes.Projection{ProjectionType: ddbtypes.ProjectionType(ix.Projection.ProjectionType)}
	if len(ix.Projection.NonKeyAttributes) > 0 {
		p.NonKeyAttributes = ix.Projection.NonKeyAttributes
	}
	return p
}

// provisionTable creates the table, or adds the global secondary indexes a
// newer template declares to a table created earlier.
func provisionTable(ctx context.Context, db *dynamodb.Client, tpl *samtemplate.Template, r samtemplate.Resource, c *samtemplate.Context) (string, error) {
	var p tableProps
	if err := tpl.EvalInto(r.Properties, c, &p); err != nil {
		return "", fmt.Errorf("localstack: table %s: %w", r.LogicalID, err)
	}
	name := p.TableName
	if name == "" {
		name = r.LogicalID
	}
	desc, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	var notFound *ddbtypes.ResourceNotFoundException
	switch {
	case errors.As(err, &notFound):
		in := &dynamodb.CreateTableInput{
			TableName:            aws.String(name),
			BillingMode:          ddbtypes.BillingModePayPerRequest,
			AttributeDefinitions: p.attributeDefinitions(),
			KeySchema:            keySchema(p.KeySchema),
		}
		for _, ix := range p.GlobalSecondaryIndexes {
			in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, ddbtypes.GlobalSecondaryIndex{
				IndexName: aws.String(ix.IndexName), KeySchema: keySchema(ix.KeySchema), Projection: ix.projection()})
		}
		for _, ix := range p.LocalSecondaryIndexes {
			in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, ddbtypes.LocalSecondaryIndex{
				IndexName: aws.String(ix.IndexName), KeySchema: keySchema(ix.KeySchema), Projection: ix.projection()})
		}
		if _, err := db.CreateTable(ctx, in); err != nil {
			return "", fmt.Errorf("localstack: create table %s: %w", name, err)
		}
	case err != nil:
		return "", fmt.Errorf("localstack: describe table %s: %w", name, err)
	default:
		have := map[string]bool{}
		for _, ix := range desc.Table.GlobalSecondaryIndexes {
			have[aws.ToString(ix.IndexName)] = true
		}
		for _, ix := range p.GlobalSecondaryIndexes {
			if have[ix.IndexName] {
				continue
			}
			_, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{
				TableName:            aws.String(name),
				AttributeDefinitions: p.attributeDefinitions(),
				GlobalSecondaryIndexUpdates: []ddbtypes.GlobalSecondaryIndexUpdate{{Create: &ddbtypes.CreateGlobalSecondaryIndexAction{
					IndexName: aws.String(ix.IndexName), KeySchema: keySchema(ix.KeySchema), Projection: ix.projection()}}},
			})
			if err != nil {
				return "", fmt.Errorf("localstack: add index %s to %s: %w", ix.IndexName, name, err)
			}
		}
	}
	if err := dynamodb.NewTableExistsWaiter(db).Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, time.Minute); err != nil {
		return "", err
	}
	if ttl := p.TimeToLiveSpecification; ttl != nil && ttl.Enabled {
		cur, err := db.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(name)})
		if err == nil && cur.TimeToLiveDescription != nil && cur.TimeToLiveDescription.TimeToLiveStatus == ddbtypes.TimeToLiveStatusEnabled {
			return name, nil
		}
		if _, err := db.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String(name),
			TimeToLiveSpecification: &ddbtypes.TimeToLiveSpecification{AttributeName: aws.String(ttl.AttributeName), Enabled: aws.Bool(true)}}); err != nil {
			return "", fmt.Errorf("localstack: time to live on %s: %w", name, err)
		}
	}
	return name, nil
}

type bucketProps struct {
	BucketName              string
	VersioningConfiguration *struct{ Status string }
	CorsConfiguration       *struct {
		CorsRules []struct {
			AllowedOrigins []string
			AllowedMethods []string
			AllowedHeaders []string
			ExposedHeaders []string
			MaxAge         int32
		}
	}
}

func (s *Stack) provisionBucket(ctx context.Context, cl *s3.Client, tpl *samtemplate.Template, r samtemplate.Resource, c *samtemplate.Context) (string, error) {
	var p bucketProps
	if err := tpl.EvalInto(r.Properties, c, &p); err != nil {
		return "", fmt.Errorf("localstack: bucket %s: %w", r.LogicalID, err)
	}
	name := p.BucketName
	if name == "" {
		name = strings.ToLower(StackName + "-" + r.LogicalID)
	}
	if _, err := cl.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(name)}); err != nil {
		if _, err := cl.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
			return "", fmt.Errorf("localstack: create bucket %s: %w", name, err)
		}
	}
	if v := p.VersioningConfiguration; v != nil && v.Status == "Enabled" {
		if _, err := cl.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(name),
			VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}}); err != nil {
			return "", fmt.Errorf("localstack: versioning on %s: %w", name, err)
		}
	}
	if cors := p.CorsConfiguration; cors != nil {
		rules := make([]s3types.CORSRule, len(cors.CorsRules))
		for i, cr := range cors.CorsRules {
			rules[i] = s3types.CORSRule{AllowedOrigins: cr.AllowedOrigins, AllowedMethods: cr.AllowedMethods,
				AllowedHeaders: cr.AllowedHeaders, ExposeHeaders: cr.ExposedHeaders, MaxAgeSeconds: aws.Int32(cr.MaxAge)}
		}
		if _, err := cl.PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(name),
			CORSConfiguration: &s3types.CORSConfiguration{CORSRules: rules}}); err != nil {
			return "", fmt.Errorf("localstack: CORS on %s: %w", name, err)
		}
	}
	return name, nil
}
