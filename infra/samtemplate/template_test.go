package samtemplate

import (
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"lms/shared/version"
)

func loadRepoTemplate(t *testing.T) *Template {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	tpl, err := Load(filepath.Join(filepath.Dir(file), "..", "..", "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

func localContext() *Context {
	return &Context{
		Params: map[string]string{"WebOrigin": "http://127.0.0.1:8080"},
		Pseudo: map[string]string{"AWS::Region": "ap-southeast-3", "AWS::AccountId": "000000000000", "AWS::StackName": "lms-local", "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"},
		Refs: map[string]string{"LmsTable": "LmsTable", "MaterialsBucket": "lms-local-materials", "UserPool": "local_pool", "UserPoolClient": "client1", "CertificateQueue": "http://127.0.0.1:8080/_local/sqs/000000000000/lms-local-CertificateQueue", "IndexQueue": "http://127.0.0.1:8080/_local/sqs/000000000000/lms-local-IndexQueue",
			"EmployeeImportQueue": "http://127.0.0.1:8080/_local/sqs/000000000000/lms-local-EmployeeImportQueue",
			"NotificationQueue":   "http://127.0.0.1:8080/_local/sqs/000000000000/lms-local-NotificationQueue"},
	}
}

func TestFunctionsMatchTheBuild(t *testing.T) {
	tpl := loadRepoTemplate(t)
	fns, err := tpl.Functions()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range fns {
		names = append(names, f.Name)
	}
	if !reflect.DeepEqual(names, version.Functions) {
		t.Fatalf("template functions %v, version.Functions %v", names, version.Functions)
	}
}

func TestGlobalsEnvironmentResolvesLocally(t *testing.T) {
	tpl := loadRepoTemplate(t)
	fns, _ := tpl.Functions()
	c := localContext()
	for _, f := range fns {
		got := map[string]string{}
		for k, n := range f.Env {
			v, err := tpl.EvalString(n, c)
			if err != nil {
				t.Fatalf("%s %s: %v", f.LogicalID, k, err)
			}
			got[k] = v
		}
		if got["TABLE_NAME"] != "LmsTable" || got["USER_POOL_CLIENT_ID"] != "client1" || got["WEB_ORIGIN"] != "http://127.0.0.1:8080" {
			t.Errorf("%s env %v", f.LogicalID, got)
		}
		if f.Name == "transcode" && (got["FFMPEG_PATH"] == "" || f.MaxRetries != 2 || f.DeadLetterQueue != "TranscodeDeadLetterQueue" || f.TimeoutSeconds != 900) {
			t.Errorf("transcode settings: %+v env %v", f, got)
		}
	}
}

func TestRawUploadsFanOutToTranscodeAndIndex(t *testing.T) {
	tpl := loadRepoTemplate(t)
	notes := tpl.TopicNotifications()
	if len(notes) != 1 || notes[0].Bucket != "MaterialsBucket" || notes[0].Prefix != "raw/" {
		t.Fatalf("notifications %+v", notes)
	}
	n := notes[0]
	if !n.Matches("ObjectCreated:Put", "raw/t/u/a.mp4") || !n.Matches("s3:ObjectCreated:CompleteMultipartUpload", "raw/x") {
		t.Error("object creation under raw/ should match")
	}
	if n.Matches("ObjectCreated:Put", "derived/t/u/a.m3u8") || n.Matches("ObjectRemoved:Delete", "raw/x") {
		t.Error("other prefixes and events should not match")
	}
	fns, _ := tpl.Functions()
	var subscribers []string
	for _, f := range fns {
		for _, topic := range f.Topics {
			if topic == n.Topic {
				subscribers = append(subscribers, f.Name)
			}
		}
	}
	if !reflect.DeepEqual(subscribers, []string{"transcode", "index"}) {
		t.Fatalf("subscribers of %s: %v", n.Topic, subscribers)
	}
}

func TestAuthorizerAndConditions(t *testing.T) {
	tpl := loadRepoTemplate(t)
	a, err := tpl.DefaultAuthorizer()
	if err != nil {
		t.Fatal(err)
	}
	c := localContext()
	iss, err := tpl.EvalString(a.Issuer, c)
	if err != nil || iss != "https://cognito-idp.ap-southeast-3.amazonaws.com/local_pool" {
		t.Fatalf("issuer %q %v", iss, err)
	}
	var aud []string
	if err := tpl.EvalInto(a.Audience, c, &aud); err != nil || !reflect.DeepEqual(aud, []string{"client1"}) {
		t.Fatalf("audience %v %v", aud, err)
	}
	if on, _ := tpl.Enabled(tpl.Resources["MediaKeyGroup"], c); on {
		t.Error("MediaKeyGroup needs a signing key")
	}
	c.Params["MediaSigningPublicKey"] = "pem"
	if on, _ := tpl.Enabled(tpl.Resources["MediaKeyGroup"], c); !on {
		t.Error("MediaKeyGroup should exist with a key")
	}
}

func TestIntrinsics(t *testing.T) {
	tpl, err := Parse([]byte(`
Parameters:
  Name: {Type: String, Default: lms}
Conditions:
  IsLms: !Equals [!Ref Name, lms]
  Both: !And [!Condition IsLms, !Not [!Equals [a, b]]]
Resources:
  R:
    Type: X
    Properties:
      A: !Sub "${Name}-${AWS::Region}-${T.Arn}-${!Literal}"
      B: !Join ["/", [a, !Ref Name, !Select [1, [x, y]]]]
      C: !If [Both, yes, no]
      D: {"Fn::If": [IsLms, !Ref AWS::NoValue, kept]}
      E: [one, !If [IsLms, !Ref AWS::NoValue, two]]
      F: !Sub ["${X}!", {X: !GetAtt T.Name}]
`))
	if err != nil {
		t.Fatal(err)
	}
	c := &Context{Pseudo: map[string]string{"AWS::Region": "r"}, Attrs: map[string]string{"T.Arn": "arn", "T.Name": "tee"}}
	v, err := tpl.Eval(tpl.Resources["R"].Properties, c)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"A": "lms-r-arn-${Literal}", "B": "a/lms/y", "C": "yes", "E": []any{"one"}, "F": "tee!"}
	if !reflect.DeepEqual(v, want) {
		t.Fatalf("got %#v\nwant %#v", v, want)
	}
	if _, err := tpl.Eval(mustNode(t, "!Ref Missing"), c); err == nil {
		t.Error("unknown Ref should fail")
	}
}

func TestCertificateWorkerQueue(t *testing.T) {
	tpl := loadRepoTemplate(t)
	fns, err := tpl.Functions()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fns {
		if f.Name != "certificate" {
			continue
		}
		if len(f.Queues) != 1 || f.Queues[0].Queue != "CertificateQueue" || f.Queues[0].BatchSize != 1 || !f.Queues[0].ReportFailures {
			t.Fatalf("certificate worker queues %+v", f.Queues)
		}
		q, err := tpl.Queue("CertificateQueue")
		if err != nil {
			t.Fatal(err)
		}
		if q.MaxReceiveCount != 3 || q.DeadLetter != "CertificateDeadLetterQueue" || q.VisibilityTimeout < 6*f.TimeoutSeconds {
			t.Fatalf("queue %+v for a %d s function", q, f.TimeoutSeconds)
		}
		return
	}
	t.Fatal("no certificate function")
}
