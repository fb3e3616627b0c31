// Package claim holds requests to credit JP for training done outside the
// tenant's own batches, as SIM Pionir runs them:
//
//   - an external claim (PSPKM, pengembangan kompetensi mandiri): an
//     employee reports a training they attended elsewhere with its
//     assignment letter, certificate and curriculum; a verifier approves
//     it (the JP is credited), asks for a revision with a comment, or
//     rejects it with a reason;
//   - a unit training (PSPKU, pengembangan kompetensi unit kerja): a unit's
//     coordinator reports a training the unit ran with its participant
//     list (NIPs); on approval every listed participant is credited.
//
// Every step is kept in the claim's history. Decisions are conditional
// on the claim's status and version, and crediting is idempotent, so a
// decision sent twice changes nothing.
package claim

import (
	"errors"
	"time"

	"lms/shared/clock"
	"lms/shared/jp"
)

// Kind tells external claims from unit trainings.
type Kind string

// Kinds.
const (
	KindExternal Kind = "external" // PSPKM
	KindUnit     Kind = "unit"     // PSPKU
)

// Status is where a claim is in its review.
type Status string

// Statuses.
const (
	Draft     Status = "draft"     // being prepared by its filer (a unit training's list, documents)
	Submitted Status = "submitted" // waiting for a verifier
	Revision  Status = "revision"  // sent back to the filer with a comment
	Approved  Status = "approved"  // JP credited (or being credited: see Claim.CreditedAt)
	Rejected  Status = "rejected"  // final, with a reason
)

// DocumentKind is what a supporting document is.
type DocumentKind string

// Document kinds.
const (
	DocAssignmentLetter DocumentKind = "assignment_letter" // surat tugas
	DocCertificate      DocumentKind = "certificate"       // sertifikat / surat keterangan
	DocCurriculum       DocumentKind = "curriculum"        // kurikulum / jadwal
	DocParticipantList  DocumentKind = "participant_list"  // daftar peserta (PSPKU)
	DocOther            DocumentKind = "other"
)

// Required lists the documents a kind of claim must carry.
func Required(k Kind) []DocumentKind {
	if k == KindUnit {
		return []DocumentKind{DocAssignmentLetter, DocCurriculum}
	}
	return []DocumentKind{DocAssignmentLetter, DocCertificate, DocCurriculum}
}

// Area is the competency area a training develops (Perlan/PermenPAN-RB
// groups: managerial, technical, socio-cultural, government affairs).
type Area string

// Areas.
const (
	AreaManagerial     Area = "manajerial"
	AreaTechnical      Area = "teknis"
	AreaSocioCultural  Area = "sosial_kultural"
	AreaGovernmentWork Area = "pemerintahan"
)

// Areas lists the valid areas.
var Areas = []Area{AreaManagerial, AreaTechnical, AreaSocioCultural, AreaGovernmentWork}

// Mode is how a training was delivered.
type Mode string

// Modes.
const (
	ModeClassroom Mode = "klasikal"
	ModeOnline    Mode = "nonklasikal"
	ModeBlended   Mode = "blended"
)

// Modes lists the valid modes.
var Modes = []Mode{ModeClassroom, ModeOnline, ModeBlended}

// Document is a file uploaded through the upload function.
type Document struct {
	Kind     DocumentKind `dynamodbav:"kind" json:"kind"`
	UploadID string       `dynamodbav:"uploadId" json:"uploadId"`
	FileName string       `dynamodbav:"fileName" json:"fileName"`
}

// Participant is one person of a unit training's list.
type Participant struct {
	NIP    string `dynamodbav:"nip" json:"nip"`
	Name   string `dynamodbav:"name" json:"name"`
	UserID string `dynamodbav:"userId" json:"-"`
}

// Action is a step in a claim's history.
type Action string

// Actions.
const (
	ActSubmitted   Action = "submitted"
	ActResubmitted Action = "resubmitted"
	ActRevision    Action = "revision_requested"
	ActApproved    Action = "approved"
	ActRejected    Action = "rejected"
)

// Event is one step of the history.
type Event struct {
	At      time.Time `dynamodbav:"at" json:"at"`
	By      string    `dynamodbav:"by" json:"by"`
	ByName  string    `dynamodbav:"byName" json:"byName"`
	Action  Action    `dynamodbav:"action" json:"action"`
	Comment string    `dynamodbav:"comment,omitempty" json:"comment,omitempty"`
	JP      int       `dynamodbav:"jp,omitempty" json:"jp,omitempty"`
}

// MaxHistory bounds a claim's history (a claim sent back this often is
// rejected instead).
const MaxHistory = 60

// MaxParticipants bounds a unit training's list (it is kept in the claim,
// under DynamoDB's 400 KB item limit with room to spare).
const MaxParticipants = 2000

// Claim is an external claim or a unit training.
type Claim struct {
	TenantID string `dynamodbav:"tenantId" json:"-"`
	ID       string `dynamodbav:"id" json:"id"`
	Kind     Kind   `dynamodbav:"kind" json:"kind"`
	// The filer: the employee (PSPKM) or the unit's coordinator (PSPKU).
	UserID   string `dynamodbav:"userId" json:"userId"`
	UserName string `dynamodbav:"userName" json:"userName"`
	NIP      string `dynamodbav:"nip" json:"nip"`
	UnitID   string `dynamodbav:"unitId" json:"unitId"`

	Title     string  `dynamodbav:"title" json:"title"`
	Organizer string  `dynamodbav:"organizer" json:"organizer"`
	StartDate string  `dynamodbav:"startDate" json:"startDate"` // YYYY-MM-DD
	EndDate   string  `dynamodbav:"endDate" json:"endDate"`
	Hours     float64 `dynamodbav:"hours,omitempty" json:"hours,omitempty"` // as the certificate states it, or
	StatedJP  int     `dynamodbav:"statedJp,omitempty" json:"statedJp,omitempty"`
	Area      Area    `dynamodbav:"area" json:"area"`
	Mode      Mode    `dynamodbav:"mode" json:"mode"`

	// Certificates asks, for a unit training, that every participant gets
	// a certificate through the certificate generator once approved.
	Certificates bool `dynamodbav:"certificates,omitempty" json:"certificates"`

	Documents    []Document    `dynamodbav:"documents" json:"documents"`
	Participants []Participant `dynamodbav:"participants,omitempty" json:"participants,omitempty"`

	Status Status `dynamodbav:"status" json:"status"`
	// CreditedJP is the JP each person gets (set on approval; the verifier
	// may correct the stated figure).
	CreditedJP int `dynamodbav:"creditedJp,omitempty" json:"creditedJp,omitempty"`
	// CreditedAt is set once every ledger entry is written; an approved
	// claim without it is still being credited (a repeated approval
	// finishes the work).
	CreditedAt time.Time `dynamodbav:"creditedAt,omitempty" json:"creditedAt,omitzero"`
	History    []Event   `dynamodbav:"history" json:"history"`

	CreatedAt time.Time `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt time.Time `dynamodbav:"updatedAt" json:"updatedAt"`
	Version   int       `dynamodbav:"version" json:"version"`
}

// ProposedJP is the JP the filer's figures give: the stated JP, or the
// hours converted at 45 minutes per JP (jp.FromHours).
func (c Claim) ProposedJP() int {
	if c.StatedJP > 0 {
		return c.StatedJP
	}
	return jp.FromHours(c.Hours)
}

// Editable reports whether the filer may still change the claim.
func (c Claim) Editable() bool { return c.Status == Draft || c.Status == Revision }

// Errors.
var (
	ErrNotFound = errors.New("claim: not found")
	// ErrConflict means the claim changed (status or version) since read.
	ErrConflict = errors.New("claim: changed meanwhile")
)

// Decision is a verifier's answer.
type Decision string

// Decisions.
const (
	Approve Decision = "approve"
	Revise  Decision = "revise"
	Reject  Decision = "reject"
)

// Decide applies a verifier's decision to a submitted claim and returns
// the claim to write (its version bumped). jpOverride, when > 0, replaces
// the proposed JP on approval.
func Decide(c Claim, d Decision, by, byName, comment string, jpOverride int, now time.Time) Claim {
	next := c
	next.History = append(append([]Event(nil), c.History...), Event{At: now, By: by, ByName: byName, Comment: comment})
	ev := &next.History[len(next.History)-1]
	switch d {
	case Approve:
		next.Status, ev.Action = Approved, ActApproved
		next.CreditedJP = c.ProposedJP()
		if jpOverride > 0 {
			next.CreditedJP = jpOverride
		}
		ev.JP = next.CreditedJP
	case Revise:
		next.Status, ev.Action = Revision, ActRevision
	case Reject:
		next.Status, ev.Action = Rejected, ActRejected
	}
	next.UpdatedAt, next.Version = now, c.Version+1
	return next
}

// Entries are the ledger entries an approved claim credits: one for the
// filer of an external claim, one per participant of a unit training.
// They are dated at the training's end (WIB), which picks the year.
func (c Claim) Entries() ([]jp.Entry, error) {
	end, err := time.ParseInLocation("2006-01-02", c.EndDate, clock.Jakarta)
	if err != nil {
		return nil, err
	}
	src := jp.SourceClaim
	people := []Participant{{UserID: c.UserID}}
	if c.Kind == KindUnit {
		src, people = jp.SourceUnit, c.Participants
	}
	out := make([]jp.Entry, 0, len(people))
	for _, p := range people {
		out = append(out, jp.NewEntry(c.TenantID, p.UserID, src, c.ID, c.Title, c.CreditedJP, end))
	}
	return out, nil
}
