// Package certificate issues the certificates (sertifikat) of batch
// graduates: numbers allocated once per tenant and year, a PDF that carries
// the tenant's logo and colours and a QR code to the public verification
// page, a public record anyone can check by number, and revocation.
//
// It knows nothing of HTTP or Lambda: the batch function starts mass
// generation and answers verification; the certificate worker renders.
package certificate

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Status of a certificate.
type Status string

// Certificate statuses.
const (
	Valid   Status = "valid"
	Revoked Status = "revoked"
)

// IDDisplay says how the participant's NIK or NIP appears on the PDF.
type IDDisplay string

// ID display choices of a tenant.
const (
	IDFull    IDDisplay = "full"
	IDMasked  IDDisplay = "masked"
	IDOmitted IDDisplay = "omitted"
)

// Settings are a tenant's certificate choices.
type Settings struct {
	TenantID string `dynamodbav:"tenantId" json:"-"`
	// NumberPrefix starts every number (BDTBT-2026-000123); it defaults to
	// the tenant's short name.
	NumberPrefix   string    `dynamodbav:"numberPrefix" json:"numberPrefix"`
	IDDisplay      IDDisplay `dynamodbav:"idDisplay" json:"idDisplay"`
	SignatoryName  string    `dynamodbav:"signatoryName" json:"signatoryName"`
	SignatoryTitle string    `dynamodbav:"signatoryTitle" json:"signatoryTitle"`
	// SignatoryNIP is printed under the signatory's name when given.
	SignatoryNIP string `dynamodbav:"signatoryNip,omitempty" json:"signatoryNip,omitempty"`
	City         string `dynamodbav:"city" json:"city"`
	// LogoKey is the logo's object key in the materials bucket, if any.
	LogoKey   string    `dynamodbav:"logoKey,omitempty" json:"-"`
	UpdatedAt time.Time `dynamodbav:"updatedAt,omitempty" json:"updatedAt,omitzero"`
	Version   int       `dynamodbav:"version" json:"version"`
}

// Certificate is one issued certificate. The record is public by number,
// so it holds only what verification shows and what the PDF needs; the
// participant's NIK or NIP is printed on the PDF but never kept here.
type Certificate struct {
	Number     string    `dynamodbav:"number" json:"number"`
	TenantID   string    `dynamodbav:"tenantId" json:"tenantId"`
	TenantName string    `dynamodbav:"tenantName" json:"tenantName"`
	BatchID    string    `dynamodbav:"batchId" json:"batchId"`
	BatchName  string    `dynamodbav:"batchName" json:"batchName"`
	Training   string    `dynamodbav:"training" json:"training"`
	UserID     string    `dynamodbav:"userId" json:"userId"`
	Name       string    `dynamodbav:"name" json:"name"`
	JP         int       `dynamodbav:"jp" json:"jp"`
	StartDate  string    `dynamodbav:"startDate" json:"startDate"`
	EndDate    string    `dynamodbav:"endDate" json:"endDate"`
	IssuedAt   time.Time `dynamodbav:"issuedAt" json:"issuedAt"`
	Status     Status    `dynamodbav:"status" json:"status"`
	RevokedAt  time.Time `dynamodbav:"revokedAt,omitempty" json:"revokedAt,omitzero"`
	// RevokedReason and RevokedBy are for the tenant's admins only.
	RevokedReason string `dynamodbav:"revokedReason,omitempty" json:"revokedReason,omitempty"`
	RevokedBy     string `dynamodbav:"revokedBy,omitempty" json:"revokedBy,omitempty"`
	ObjectKey     string `dynamodbav:"objectKey" json:"-"`
}

// Verification is what the public verification page shows: the minimum,
// never the NIK or NIP.
type Verification struct {
	Number    string    `json:"number"`
	Status    Status    `json:"status"`
	Name      string    `json:"name"`
	Training  string    `json:"training"`
	BatchName string    `json:"batchName"`
	JP        int       `json:"jp"`
	StartDate string    `json:"startDate"`
	EndDate   string    `json:"endDate"`
	IssuedAt  time.Time `json:"issuedAt"`
	Tenant    string    `json:"tenant"`
	RevokedAt time.Time `json:"revokedAt,omitzero"`
}

// Verify returns what the public may see of c.
func (c Certificate) Verify() Verification {
	return Verification{Number: c.Number, Status: c.Status, Name: c.Name, Training: c.Training, BatchName: c.BatchName,
		JP: c.JP, StartDate: c.StartDate, EndDate: c.EndDate, IssuedAt: c.IssuedAt, Tenant: c.TenantName, RevokedAt: c.RevokedAt}
}

// numberPattern is PREFIX-YEAR-SEQUENCE: letters and digits only, so a
// number is safe in a URL path and in an S3 key.
var numberPattern = regexp.MustCompile(`^[A-Z0-9]{2,12}-(\d{4})-(\d{6,9})$`)

// prefixPattern is what a tenant may choose as its number prefix.
var prefixPattern = regexp.MustCompile(`^[A-Z0-9]{2,12}$`)

// ValidPrefix reports whether p may start certificate numbers.
func ValidPrefix(p string) bool { return prefixPattern.MatchString(p) }

// DefaultPrefix derives a prefix from a tenant's short name: upper case,
// letters and digits only.
func DefaultPrefix(shortName string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(shortName) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	p := b.String()
	if len(p) > 12 {
		p = p[:12]
	}
	if len(p) < 2 {
		p = "LMS"
	}
	return p
}

// FormatNumber writes a certificate number: BDTBT-2026-000123.
func FormatNumber(prefix string, year int, seq int64) string {
	return fmt.Sprintf("%s-%04d-%06d", prefix, year, seq)
}

// ParseNumber checks a number's shape and returns its year.
func ParseNumber(number string) (year int, ok bool) {
	m := numberPattern.FindStringSubmatch(number)
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}

// MaskID shows the first and last four digits of a NIK or NIP.
func MaskID(id string) string {
	if len(id) <= 8 {
		return strings.Repeat("*", len(id))
	}
	return id[:4] + strings.Repeat("*", len(id)-8) + id[len(id)-4:]
}

// ShownID is the NIK or NIP as the tenant's setting prints it ("" when
// omitted).
func ShownID(d IDDisplay, id string) string {
	switch d {
	case IDFull:
		return id
	case IDMasked:
		return MaskID(id)
	}
	return ""
}

// ObjectKey is where a certificate's PDF is stored in the materials bucket.
func ObjectKey(tenantID, number string) string {
	return "certificates/" + tenantID + "/" + number + ".pdf"
}

// VerifyURL is the public verification page of a number on the web app.
func VerifyURL(webOrigin, number string) string {
	return strings.TrimRight(webOrigin, "/") + "/verifikasi/" + number
}

// Errors.
var (
	ErrNotFound   = errors.New("certificate: not found")
	ErrConflict   = errors.New("certificate: changed by someone else")
	ErrRevoked    = errors.New("certificate: already revoked")
	ErrNotGranted = errors.New("certificate: participant has not completed the batch")
)
