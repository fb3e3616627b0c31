package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	sestypes "github.com/aws/aws-sdk-go-v2/service/sesv2/types"
)

// PermanentError is a failure retrying cannot mend (an address SES
// rejects, a number WhatsApp refuses, a revoked token).
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent marks err as permanent.
func Permanent(err error) error { return &PermanentError{Err: err} }

// IsPermanent reports whether err is permanent.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// Mailer sends one raw MIME message.
type Mailer interface {
	SendRaw(ctx context.Context, from, to string, raw []byte) error
}

// SESClient is the part of the SES v2 client the mailer uses.
type SESClient interface {
	SendEmail(ctx context.Context, in *sesv2.SendEmailInput, opts ...func(*sesv2.Options)) (*sesv2.SendEmailOutput, error)
}

// SES sends through Amazon SES v2 SendEmail with raw content.
type SES struct{ Client SESClient }

// SendRaw sends raw from from to to. SES's refusals of the message
// itself are permanent; throttling and service errors are transient.
func (m SES) SendRaw(ctx context.Context, from, to string, raw []byte) error {
	_, err := m.Client.SendEmail(ctx, &sesv2.SendEmailInput{FromEmailAddress: &from, Destination: &sestypes.Destination{ToAddresses: []string{to}},
		Content: &sestypes.EmailContent{Raw: &sestypes.RawMessage{Data: raw}}})
	if err == nil {
		return nil
	}
	var rejected *sestypes.MessageRejected
	var notVerified *sestypes.MailFromDomainNotVerifiedException
	var bad *sestypes.BadRequestException
	var paused *sestypes.SendingPausedException
	var suspended *sestypes.AccountSuspendedException
	if errors.As(err, &rejected) || errors.As(err, &notVerified) || errors.As(err, &bad) || errors.As(err, &paused) || errors.As(err, &suspended) {
		return Permanent(fmt.Errorf("ses: %w", err))
	}
	return fmt.Errorf("ses: %w", err)
}

// Dir is the local stand-in for SES: every message becomes an .eml file
// in a folder (the local gateway lists them at /_local/mail).
type Dir struct {
	Path string
	Now  func() time.Time
}

var unsafeName = regexp.MustCompile(`[^a-zA-Z0-9._-]+`)

// SendRaw writes raw as {time}-{recipient}.eml.
func (d Dir) SendRaw(_ context.Context, _, to string, raw []byte) error {
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	now := time.Now().UTC()
	if d.Now != nil {
		now = d.Now().UTC()
	}
	var rb [4]byte
	_, _ = rand.Read(rb[:])
	name := fmt.Sprintf("%s-%x-%s.eml", now.Format("20060102T150405.000000000Z"), rb, unsafeName.ReplaceAllString(to, "_"))
	tmp := filepath.Join(d.Path, "."+name+".tmp")
	if err := os.WriteFile(tmp, raw, 0o644); err != nil {
		return fmt.Errorf("mail dir: %w", err)
	}
	return os.Rename(tmp, filepath.Join(d.Path, name))
}

// ---------------------------------------------------------------- WhatsApp

// WhatsAppSender sends a text to a number on behalf of a tenant's
// WhatsApp Business phone number.
type WhatsAppSender interface {
	SendText(ctx context.Context, phoneNumberID, accessToken, to, text string) error
}

// WhatsApp is the WhatsApp Business Cloud API client:
// POST {Base}/{Version}/{phoneNumberId}/messages with a bearer token.
type WhatsApp struct {
	Base    string // https://graph.facebook.com
	Version string // v21.0
	HTTP    *http.Client
}

// DefaultWhatsAppBase and DefaultWhatsAppVersion are Meta's.
const (
	DefaultWhatsAppBase    = "https://graph.facebook.com"
	DefaultWhatsAppVersion = "v21.0"
)

var phoneNumberID = regexp.MustCompile(`^[0-9]{5,30}$`)

// WhatsAppRequest is the body of a text message.
type WhatsAppRequest struct {
	MessagingProduct string `json:"messaging_product"`
	RecipientType    string `json:"recipient_type"`
	To               string `json:"to"`
	Type             string `json:"type"`
	Text             struct {
		PreviewURL bool   `json:"preview_url"`
		Body       string `json:"body"`
	} `json:"text"`
}

// SendText sends text to the E.164 number to. 4xx answers (but 429) are
// permanent; 429, 5xx and network errors are transient.
func (w WhatsApp) SendText(ctx context.Context, phoneID, token, to, text string) error {
	if !phoneNumberID.MatchString(phoneID) {
		return Permanent(errors.New("whatsapp: phone number id is not numeric"))
	}
	base := strings.TrimRight(w.Base, "/")
	if base == "" {
		base = DefaultWhatsAppBase
	}
	version := w.Version
	if version == "" {
		version = DefaultWhatsAppVersion
	}
	var req WhatsAppRequest
	req.MessagingProduct, req.RecipientType, req.To, req.Type = "whatsapp", "individual", strings.TrimPrefix(to, "+"), "text"
	req.Text.Body = text
	req.Text.PreviewURL = true
	body, _ := json.Marshal(req)
	u := base + "/" + url.PathEscape(version) + "/" + phoneID + "/messages"
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return Permanent(fmt.Errorf("whatsapp: %w", err))
	}
	hr.Header.Set("Authorization", "Bearer "+token)
	hr.Header.Set("Content-Type", "application/json")
	client := w.HTTP
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := client.Do(hr)
	if err != nil {
		return fmt.Errorf("whatsapp: %w", err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return fmt.Errorf("whatsapp: %d", resp.StatusCode)
	default:
		var e struct {
			Error struct {
				Message string `json:"message"`
				Code    int    `json:"code"`
			} `json:"error"`
		}
		_ = json.Unmarshal(answer, &e)
		return Permanent(fmt.Errorf("whatsapp: %d (code %d) %s", resp.StatusCode, e.Error.Code, clip(oneLine(e.Error.Message), 200)))
	}
}
