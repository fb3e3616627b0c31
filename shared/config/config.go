// Package config reads a function's configuration from its environment.
//
// The same variables are set by template.yaml in the cloud and by the local
// gateway (which resolves the template's values against the local stack), so
// a function never knows where it runs.
package config

import (
	"fmt"
	"strconv"
	"strings"
)

// Config is what every function may need. Fields a function does not use may
// be empty; Require checks the ones it does.
type Config struct {
	FunctionName     string
	Stage            string
	LogLevel         string
	Region           string
	TableName        string
	MaterialsBucket  string
	UserPoolID       string
	UserPoolClientID string
	WebOrigin        string
	FFmpegPath       string
	FFprobePath      string
	// CertificateQueueURL is the queue of mass certificate generation jobs.
	CertificateQueueURL string
	// CertificateMaxReceives is that queue's maxReceiveCount.
	CertificateMaxReceives int
	// IndexQueueURL is the queue of search re-indexing requests.
	IndexQueueURL string
	// EmployeeImportQueueURL is the queue of HR import jobs, and
	// EmployeeImportMaxReceives its maxReceiveCount.
	EmployeeImportQueueURL    string
	EmployeeImportMaxReceives int
	// NotificationQueueURL is the queue of notifications for the notify
	// function (shared/notify); empty means none are sent.
	NotificationQueueURL string
	// MailFromAddress is the address notification emails come from (an
	// SES verified identity); the display name is the tenant's. MailDir,
	// set locally only, makes the notify function write each email as an
	// .eml file there instead of sending it through SES.
	MailFromAddress string
	MailDir         string
	// WhatsAppAPIBase is the WhatsApp Business Cloud API's base URL
	// (default https://graph.facebook.com; tests point it elsewhere).
	WhatsAppAPIBase string
	// Media signing for CloudFront (all three, or none: then media links
	// are presigned S3 URLs, as locally).
	MediaDomain     string
	MediaKeyID      string
	MediaSigningKey string
	// SendInviteEmails lets Cognito email temporary passwords to accounts
	// admins create. Off locally, where no mail is delivered: the API then
	// returns the temporary password to the admin.
	SendInviteEmails bool
	// S3UsePathStyle is true against the local S3 stand-in, which serves
	// buckets as paths rather than host names.
	S3UsePathStyle bool
}

// Load reads the configuration through getenv (os.Getenv in Lambda; the
// gateway passes the function's resolved template variables locally).
func Load(function string, getenv func(string) string) (Config, error) {
	c := Config{
		FunctionName:     function,
		Stage:            orDefault(getenv("STAGE"), "prod"),
		LogLevel:         orDefault(getenv("LOG_LEVEL"), "INFO"),
		Region:           orDefault(getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION")),
		TableName:        getenv("TABLE_NAME"),
		MaterialsBucket:  getenv("MATERIALS_BUCKET"),
		UserPoolID:       getenv("USER_POOL_ID"),
		UserPoolClientID: getenv("USER_POOL_CLIENT_ID"),
		WebOrigin:        getenv("WEB_ORIGIN"),
		FFmpegPath:       orDefault(getenv("FFMPEG_PATH"), "ffmpeg"),
		FFprobePath:      orDefault(getenv("FFPROBE_PATH"), "ffprobe"),
	}
	c.SendInviteEmails = getenv("SEND_INVITE_EMAILS") != "false"
	c.CertificateQueueURL = getenv("CERTIFICATE_QUEUE_URL")
	c.IndexQueueURL = getenv("INDEX_QUEUE_URL")
	c.EmployeeImportQueueURL = getenv("EMPLOYEE_IMPORT_QUEUE_URL")
	c.NotificationQueueURL = getenv("NOTIFICATION_QUEUE_URL")
	c.MailFromAddress, c.MailDir, c.WhatsAppAPIBase = getenv("MAIL_FROM_ADDRESS"), getenv("MAIL_DIR"), getenv("WHATSAPP_API_BASE")
	c.MediaDomain, c.MediaKeyID, c.MediaSigningKey = getenv("MEDIA_DOMAIN"), getenv("MEDIA_KEY_ID"), getenv("MEDIA_SIGNING_PRIVATE_KEY")
	if v := getenv("CERTIFICATE_MAX_RECEIVES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return Config{}, fmt.Errorf("config: CERTIFICATE_MAX_RECEIVES=%q is not a positive number", v)
		}
		c.CertificateMaxReceives = n
	}
	if v := getenv("EMPLOYEE_IMPORT_MAX_RECEIVES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return Config{}, fmt.Errorf("config: EMPLOYEE_IMPORT_MAX_RECEIVES=%q is not a positive number", v)
		}
		c.EmployeeImportMaxReceives = n
	}
	if v := getenv("S3_USE_PATH_STYLE"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return Config{}, fmt.Errorf("config: S3_USE_PATH_STYLE=%q is not a boolean", v)
		}
		c.S3UsePathStyle = b
	}
	return c, c.Require("TABLE_NAME", "MATERIALS_BUCKET", "USER_POOL_ID", "USER_POOL_CLIENT_ID")
}

// Require reports every named variable that is empty.
func (c Config) Require(names ...string) error {
	values := map[string]string{
		"TABLE_NAME":            c.TableName,
		"MATERIALS_BUCKET":      c.MaterialsBucket,
		"USER_POOL_ID":          c.UserPoolID,
		"USER_POOL_CLIENT_ID":   c.UserPoolClientID,
		"WEB_ORIGIN":            c.WebOrigin,
		"CERTIFICATE_QUEUE_URL": c.CertificateQueueURL,
	}
	var missing []string
	for _, n := range names {
		if v, known := values[n]; known && v == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("config: missing environment variable(s) %s", strings.Join(missing, ", "))
	}
	return nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
