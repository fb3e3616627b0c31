package integration

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"lms/infra/localstack"
	"lms/infra/samtemplate"
)

// A restart of the stack on the same data folder keeps what was written:
// a table item, an object, and the user pool with its client.
func TestRestartKeepsData(t *testing.T) {
	ctx := context.Background()
	vgw, _ := versityGW()
	data := t.TempDir()
	tpl, err := samtemplate.Load(filepath.Join(root, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"WebOrigin": "http://127.0.0.1:9"}
	start := func() (*localstack.Stack, *localstack.Resources) {
		st, err := localstack.Start(ctx, localstack.Options{Root: root, DataDir: data, VersityGW: vgw})
		if err != nil {
			t.Fatal(err)
		}
		res, err := st.Provision(ctx, tpl, params)
		if err != nil {
			st.Stop()
			t.Fatal(err)
		}
		return st, res
	}

	st, first := start()
	cl := st.Clients()
	table, bucket := first.Tables["LmsTable"], first.Buckets["MaterialsBucket"]
	_, err = cl.DynamoDB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]ddbtypes.AttributeValue{
		"PK": &ddbtypes.AttributeValueMemberS{Value: "TENANT#restart"}, "SK": &ddbtypes.AttributeValueMemberS{Value: "TENANT"},
		"name": &ddbtypes.AttributeValueMemberS{Value: "Balai Uji Restart"},
	}})
	if err != nil {
		st.Stop()
		t.Fatal(err)
	}
	if _, err := cl.S3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("derived/restart/x.txt"), Body: strings.NewReader("tetap ada")}); err != nil {
		st.Stop()
		t.Fatal(err)
	}
	st.Stop()

	st, second := start()
	defer st.Stop()
	cl = st.Clients()
	if second.UserPoolID != first.UserPoolID || second.UserPoolClientID != first.UserPoolClientID {
		t.Errorf("user pool changed across restart: %s/%s -> %s/%s", first.UserPoolID, first.UserPoolClientID, second.UserPoolID, second.UserPoolClientID)
	}
	got, err := cl.DynamoDB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: map[string]ddbtypes.AttributeValue{
		"PK": &ddbtypes.AttributeValueMemberS{Value: "TENANT#restart"}, "SK": &ddbtypes.AttributeValueMemberS{Value: "TENANT"},
	}})
	if err != nil || got.Item == nil {
		t.Fatalf("item lost across restart: %v %v", got, err)
	}
	if name := got.Item["name"].(*ddbtypes.AttributeValueMemberS).Value; name != "Balai Uji Restart" {
		t.Errorf("item changed: %q", name)
	}
	obj, err := cl.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("derived/restart/x.txt")})
	if err != nil {
		t.Fatalf("object lost across restart: %v", err)
	}
	defer obj.Body.Close()
	if b, _ := io.ReadAll(obj.Body); string(b) != "tetap ada" {
		t.Errorf("object changed: %q", b)
	}
}
