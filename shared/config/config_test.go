package config

import (
	"strings"
	"testing"
)

// env returns a getenv over m.
func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// required is the minimal environment Load accepts.
func required() map[string]string {
	return map[string]string{
		"TABLE_NAME":          "lms",
		"MATERIALS_BUCKET":    "lms-materials",
		"USER_POOL_ID":        "ap-southeast-3_abc",
		"USER_POOL_CLIENT_ID": "client-1",
	}
}

func with(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

func TestLoadDefaults(t *testing.T) {
	got, err := Load("course", env(required()))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := Config{
		FunctionName:     "course",
		Stage:            "prod",
		LogLevel:         "INFO",
		Region:           "",
		TableName:        "lms",
		MaterialsBucket:  "lms-materials",
		UserPoolID:       "ap-southeast-3_abc",
		UserPoolClientID: "client-1",
		WebOrigin:        "",
		FFmpegPath:       "ffmpeg",
		FFprobePath:      "ffprobe",
		SendInviteEmails: true,
		S3UsePathStyle:   false,
	}
	if got != want {
		t.Errorf("Load() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestLoadAllSet(t *testing.T) {
	e := with(required(),
		"STAGE", "dev",
		"LOG_LEVEL", "DEBUG",
		"AWS_REGION", "ap-southeast-3",
		"AWS_DEFAULT_REGION", "us-east-1",
		"WEB_ORIGIN", "https://lms.example.go.id",
		"FFMPEG_PATH", "/opt/bin/ffmpeg",
		"FFPROBE_PATH", "/opt/bin/ffprobe",
		"S3_USE_PATH_STYLE", "true",
	)
	got, err := Load("transcode", env(e))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := Config{
		FunctionName:     "transcode",
		Stage:            "dev",
		LogLevel:         "DEBUG",
		Region:           "ap-southeast-3",
		TableName:        "lms",
		MaterialsBucket:  "lms-materials",
		UserPoolID:       "ap-southeast-3_abc",
		UserPoolClientID: "client-1",
		WebOrigin:        "https://lms.example.go.id",
		FFmpegPath:       "/opt/bin/ffmpeg",
		FFprobePath:      "/opt/bin/ffprobe",
		SendInviteEmails: true,
		S3UsePathStyle:   true,
	}
	if got != want {
		t.Errorf("Load() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestLoadRegion(t *testing.T) {
	tests := []struct {
		name, region, defaultRegion, want string
	}{
		{"AWS_REGION", "ap-southeast-3", "", "ap-southeast-3"},
		{"AWS_DEFAULT_REGION fallback", "", "ap-southeast-1", "ap-southeast-1"},
		{"AWS_REGION preferred", "ap-southeast-3", "ap-southeast-1", "ap-southeast-3"},
		{"neither", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load("auth", env(with(required(), "AWS_REGION", tc.region, "AWS_DEFAULT_REGION", tc.defaultRegion)))
			if err != nil {
				t.Fatal(err)
			}
			if c.Region != tc.want {
				t.Errorf("Region = %q, want %q", c.Region, tc.want)
			}
		})
	}
}

func TestLoadMissingRequired(t *testing.T) {
	all := []string{"TABLE_NAME", "MATERIALS_BUCKET", "USER_POOL_ID", "USER_POOL_CLIENT_ID"}
	tests := []struct {
		name    string
		unset   []string
		wantErr string
	}{
		{"nothing set", all,
			"config: missing environment variable(s) TABLE_NAME, MATERIALS_BUCKET, USER_POOL_ID, USER_POOL_CLIENT_ID"},
		{"table", []string{"TABLE_NAME"}, "config: missing environment variable(s) TABLE_NAME"},
		{"bucket", []string{"MATERIALS_BUCKET"}, "config: missing environment variable(s) MATERIALS_BUCKET"},
		{"pool", []string{"USER_POOL_ID"}, "config: missing environment variable(s) USER_POOL_ID"},
		{"client", []string{"USER_POOL_CLIENT_ID"}, "config: missing environment variable(s) USER_POOL_CLIENT_ID"},
		{"two", []string{"USER_POOL_CLIENT_ID", "TABLE_NAME"},
			"config: missing environment variable(s) TABLE_NAME, USER_POOL_CLIENT_ID"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := required()
			for _, k := range tc.unset {
				delete(e, k)
			}
			c, err := Load("upload", env(e))
			if err == nil {
				t.Fatalf("Load succeeded without %v: %+v", tc.unset, c)
			}
			if err.Error() != tc.wantErr {
				t.Errorf("error = %q, want %q", err.Error(), tc.wantErr)
			}
			// Variables that are set are not named.
			for _, k := range all {
				if e[k] != "" && strings.Contains(err.Error(), k) {
					t.Errorf("error names %s, which is set: %q", k, err.Error())
				}
			}
		})
	}
}

func TestLoadS3UsePathStyle(t *testing.T) {
	tests := []struct {
		value   string
		want    bool
		wantErr bool
	}{
		{"", false, false},
		{"true", true, false},
		{"TRUE", true, false},
		{"True", true, false},
		{"1", true, false},
		{"t", true, false},
		{"false", false, false},
		{"0", false, false},
		{"F", false, false},
		{"yes", false, true},
		{"on", false, true},
		{"2", false, true},
		{" true", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			c, err := Load("upload", env(with(required(), "S3_USE_PATH_STYLE", tc.value)))
			if tc.wantErr {
				if err == nil {
					t.Fatalf("S3_USE_PATH_STYLE=%q accepted: %+v", tc.value, c)
				}
				want := `config: S3_USE_PATH_STYLE="` + tc.value + `" is not a boolean`
				if err.Error() != want {
					t.Errorf("error = %q, want %q", err.Error(), want)
				}
				if c != (Config{}) {
					t.Errorf("config returned with the error: %+v", c)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.S3UsePathStyle != tc.want {
				t.Errorf("S3UsePathStyle = %v, want %v", c.S3UsePathStyle, tc.want)
			}
		})
	}
}

// A malformed S3_USE_PATH_STYLE is reported even when required variables are
// missing too.
func TestLoadS3UsePathStyleBeforeRequired(t *testing.T) {
	_, err := Load("upload", env(map[string]string{"S3_USE_PATH_STYLE": "maybe"}))
	if err == nil || !strings.Contains(err.Error(), "S3_USE_PATH_STYLE") {
		t.Fatalf("error = %v, want S3_USE_PATH_STYLE error", err)
	}
}

func TestRequire(t *testing.T) {
	full := Config{
		TableName:        "lms",
		MaterialsBucket:  "b",
		UserPoolID:       "p",
		UserPoolClientID: "c",
		WebOrigin:        "https://lms.example.go.id",
	}
	tests := []struct {
		name    string
		cfg     Config
		names   []string
		wantErr string
	}{
		{"nothing required", Config{}, nil, ""},
		{"all present", full, []string{"TABLE_NAME", "MATERIALS_BUCKET", "USER_POOL_ID", "USER_POOL_CLIENT_ID", "WEB_ORIGIN"}, ""},
		{"web origin missing", Config{TableName: "lms"}, []string{"TABLE_NAME", "WEB_ORIGIN"},
			"config: missing environment variable(s) WEB_ORIGIN"},
		{"order follows the arguments", Config{}, []string{"WEB_ORIGIN", "TABLE_NAME"},
			"config: missing environment variable(s) WEB_ORIGIN, TABLE_NAME"},
		{"every missing one named", Config{}, []string{"TABLE_NAME", "MATERIALS_BUCKET", "USER_POOL_ID", "USER_POOL_CLIENT_ID", "WEB_ORIGIN"},
			"config: missing environment variable(s) TABLE_NAME, MATERIALS_BUCKET, USER_POOL_ID, USER_POOL_CLIENT_ID, WEB_ORIGIN"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Require(tc.names...)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Require: %v", err)
				}
				return
			}
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("error = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

func TestLoadReadsOnlyThroughGetenv(t *testing.T) {
	t.Setenv("TABLE_NAME", "from-process-env")
	t.Setenv("STAGE", "from-process-env")
	var asked []string
	getenv := func(k string) string {
		asked = append(asked, k)
		return required()[k]
	}
	c, err := Load("batch", getenv)
	if err != nil {
		t.Fatal(err)
	}
	if c.TableName != "lms" || c.Stage != "prod" {
		t.Errorf("Load read the process environment: %+v", c)
	}
	if len(asked) == 0 {
		t.Error("getenv never called")
	}
}

func TestSendInviteEmailsCanBeTurnedOff(t *testing.T) {
	env := map[string]string{"TABLE_NAME": "t", "MATERIALS_BUCKET": "b", "USER_POOL_ID": "p", "USER_POOL_CLIENT_ID": "c", "SEND_INVITE_EMAILS": "false"}
	c, err := Load("auth", func(k string) string { return env[k] })
	if err != nil || c.SendInviteEmails {
		t.Fatalf("SEND_INVITE_EMAILS=false: %+v %v", c, err)
	}
}
