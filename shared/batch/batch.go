// Package batch holds batches (angkatan) and their enrollments. A batch is
// one DynamoDB partition, TENANT#{t}#BATCH#{b}: the batch record, which
// carries the seat counter, and one enrollment per participant. Taking a
// seat is a transaction conditioned on the counter, so concurrent requests
// can never overfill a batch; who does not get a seat joins the reserve
// list, ordered by request time, and moves up when someone withdraws.
package batch

import (
	"errors"
	"time"

	"lms/shared/progress"
)

// Status of a batch.
type Status string

// Batch statuses and their order: draft -> open -> running -> finished -> archived.
const (
	StatusDraft    Status = "draft"
	StatusOpen     Status = "open"
	StatusRunning  Status = "running"
	StatusFinished Status = "finished"
	StatusArchived Status = "archived"
)

// CanMove reports whether a batch may go from one status to another.
func CanMove(from, to Status) bool {
	next := map[Status][]Status{
		StatusDraft:    {StatusOpen},
		StatusOpen:     {StatusRunning, StatusDraft},
		StatusRunning:  {StatusFinished},
		StatusFinished: {StatusArchived, StatusRunning},
	}
	for _, s := range next[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Mode of delivery.
type Mode string

// Modes.
const (
	ModeClassical Mode = "klasikal"
	ModeOnline    Mode = "non-klasikal"
	ModeBlended   Mode = "blended"
)

// Policy says how participants enter.
type Policy string

// Enrollment policies.
const (
	PolicyOpen      Policy = "open"     // self-enrollment takes a seat at once
	PolicyApproval  Policy = "approval" // self-enrollment waits for an admin
	PolicyAdminOnly Policy = "admin"    // only admins enroll
)

// Batch is an angkatan: one run of a training.
type Batch struct {
	TenantID          string               `dynamodbav:"tenantId" json:"tenantId"`
	ID                string               `dynamodbav:"batchId" json:"id"`
	Name              string               `dynamodbav:"name" json:"name"`
	Code              string               `dynamodbav:"code" json:"code"`
	Description       string               `dynamodbav:"description" json:"description"`
	Courses           []progress.CourseRef `dynamodbav:"courses" json:"courses"`
	RegistrationOpens time.Time            `dynamodbav:"registrationOpens,omitempty" json:"registrationOpens,omitzero"`
	RegistrationEnds  time.Time            `dynamodbav:"registrationEnds,omitempty" json:"registrationEnds,omitzero"`
	StartDate         string               `dynamodbav:"startDate" json:"startDate"` // YYYY-MM-DD (WIB)
	EndDate           string               `dynamodbav:"endDate" json:"endDate"`
	Mode              Mode                 `dynamodbav:"mode" json:"mode"`
	Location          string               `dynamodbav:"location,omitempty" json:"location,omitempty"`
	Capacity          int                  `dynamodbav:"capacity" json:"capacity"`
	Policy            Policy               `dynamodbav:"policy" json:"enrollmentPolicy"`
	TotalJP           int                  `dynamodbav:"totalJp" json:"totalJp"`
	InstructorIDs     []string             `dynamodbav:"instructorIds" json:"instructorIds"`
	PICIDs            []string             `dynamodbav:"picIds" json:"picIds"`
	Status            Status               `dynamodbav:"status" json:"status"`
	Enrolled          int                  `dynamodbav:"enrolled" json:"enrolled"`
	Reserve           int                  `dynamodbav:"reserve" json:"reserve"`
	CreatedAt         time.Time            `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt         time.Time            `dynamodbav:"updatedAt" json:"updatedAt"`
	Version           int                  `dynamodbav:"version" json:"version"`
}

// WindowOpen reports whether self-enrollment is within the window at now.
func (b Batch) WindowOpen(now time.Time) bool {
	return (b.RegistrationOpens.IsZero() || !now.Before(b.RegistrationOpens)) &&
		(b.RegistrationEnds.IsZero() || now.Before(b.RegistrationEnds))
}

// EnrollmentStatus is where a participant stands in a batch.
type EnrollmentStatus string

// Enrollment statuses.
const (
	Enrolled  EnrollmentStatus = "enrolled"
	Pending   EnrollmentStatus = "pending" // awaiting approval
	Reserved  EnrollmentStatus = "reserve" // on the reserve list
	Withdrawn EnrollmentStatus = "withdrawn"
	Rejected  EnrollmentStatus = "rejected"
)

// Enrollment is one participant in a batch.
type Enrollment struct {
	TenantID string `dynamodbav:"tenantId" json:"tenantId"`
	BatchID  string `dynamodbav:"batchId" json:"batchId"`
	UserID   string `dynamodbav:"userId" json:"userId"`
	// The batch's name and dates, repeated so "my batches" is one Query.
	BatchName   string           `dynamodbav:"batchName" json:"batchName"`
	StartDate   string           `dynamodbav:"startDate" json:"startDate"`
	EndDate     string           `dynamodbav:"endDate" json:"endDate"`
	Username    string           `dynamodbav:"username" json:"username"`
	Name        string           `dynamodbav:"name" json:"name"`
	Status      EnrollmentStatus `dynamodbav:"status" json:"status"`
	RequestedAt time.Time        `dynamodbav:"requestedAt" json:"requestedAt"`
	EnrolledAt  time.Time        `dynamodbav:"enrolledAt,omitempty" json:"enrolledAt,omitzero"`
	Reason      string           `dynamodbav:"reason,omitempty" json:"reason,omitempty"`
	By          string           `dynamodbav:"by,omitempty" json:"by,omitempty"` // who enrolled or decided
	// Completion: set automatically when every required item of the
	// batch's courses is done, or by an admin with a reason.
	Completed        bool      `dynamodbav:"completed" json:"completed"`
	CompletedAt      time.Time `dynamodbav:"completedAt,omitempty" json:"completedAt,omitzero"`
	CompletedBy      string    `dynamodbav:"completedBy,omitempty" json:"completedBy,omitempty"` // "auto" or an admin
	CompletionReason string    `dynamodbav:"completionReason,omitempty" json:"completionReason,omitempty"`
	JPEarned         int       `dynamodbav:"jpEarned" json:"jpEarned"`
	// CertificateNumber is set once, when the certificate is issued.
	CertificateNumber string `dynamodbav:"certificateNumber,omitempty" json:"certificateNumber,omitempty"`
	Version           int    `dynamodbav:"version" json:"-"`
}

// Errors.
var (
	ErrNotFound = errors.New("batch: not found")
	ErrConflict = errors.New("batch: changed by someone else")
	ErrExists   = errors.New("batch: already exists")
	ErrFull     = errors.New("batch: no seat left")
)
