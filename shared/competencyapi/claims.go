package competencyapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"lms/shared/access"
	"lms/shared/certificate"
	"lms/shared/claim"
	"lms/shared/clock"
	"lms/shared/employee"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/ids"
	"lms/shared/jp"
	"lms/shared/spreadsheet"
	"lms/shared/tenancy"
	"lms/shared/upload"
)

type documentRef struct {
	Kind     claim.DocumentKind `json:"kind"`
	UploadID string             `json:"uploadId"`
}

// claimFields are what a filer writes, on creation and while editing.
type claimFields struct {
	Title     string        `json:"title"`
	Organizer string        `json:"organizer"`
	StartDate string        `json:"startDate"`
	EndDate   string        `json:"endDate"`
	Hours     *float64      `json:"hours"`
	JP        *int          `json:"jp"`
	Area      claim.Area    `json:"area"`
	Mode      claim.Mode    `json:"mode"`
	Documents []documentRef `json:"documents"`
}

type createClaimRequest struct {
	Kind   claim.Kind `json:"kind"`
	UnitID string     `json:"unitId"`
	claimFields
	// Certificates asks for participants' certificates (unit trainings).
	Certificates bool `json:"certificates"`
	// Submit sends the claim for verification at once (an external claim
	// with its documents needs nothing more).
	Submit bool `json:"submit"`
}

type updateClaimRequest struct {
	claimFields
	Certificates bool `json:"certificates"`
	Version      int  `json:"version"`
}

type decisionRequest struct {
	Decision claim.Decision `json:"decision"`
	Comment  string         `json:"comment"`
	JP       *int           `json:"jp"`
	Version  int            `json:"version"`
}

// claimView is a claim with links to its documents for who may read it.
type claimView struct {
	claim.Claim
	ProposedJP int               `json:"proposedJp"`
	Links      map[string]string `json:"documentLinks"`
}

const linkTTL = 10 * time.Minute

// check validates the fields and resolves the documents (each an upload
// of purpose claim by the filer, checked and ready).
func (a *API) check(ctx context.Context, v *httpapi.Validation, c access.Caller, f *claimFields, filer string) ([]claim.Document, error) {
	f.Title, f.Organizer = httpapi.CleanText(f.Title), httpapi.CleanText(f.Organizer)
	v.Length("title", f.Title, 3, 200, true)
	v.Length("organizer", f.Organizer, 2, 200, true)
	v.Check(validDate(f.StartDate), "startDate", "field_invalid", nil)
	v.Check(validDate(f.EndDate), "endDate", "field_invalid", nil)
	today := a.now().In(clock.Jakarta).Format("2006-01-02")
	if validDate(f.StartDate) && validDate(f.EndDate) {
		v.Check(f.StartDate <= f.EndDate && f.EndDate <= today, "endDate", "claim_dates", nil)
	}
	switch {
	case (f.Hours == nil) == (f.JP == nil):
		v.Add("hours", "claim_hours_or_jp", nil)
	case f.Hours != nil:
		v.Check(*f.Hours > 0 && *f.Hours <= 2000, "hours", "field_invalid", nil)
		v.Check(jp.FromHours(*f.Hours) > 0, "hours", "claim_jp_zero", nil)
	default:
		v.Check(*f.JP >= 1 && *f.JP <= 500, "jp", "field_invalid", nil)
	}
	v.Check(slices.Contains(claim.Areas, f.Area), "area", "field_one_of", map[string]any{"Values": "manajerial, teknis, sosial_kultural, pemerintahan"})
	v.Check(slices.Contains(claim.Modes, f.Mode), "mode", "field_one_of", map[string]any{"Values": "klasikal, nonklasikal, blended"})
	v.Check(len(f.Documents) <= 10, "documents", "field_invalid", nil)
	if err := v.Err(); err != nil {
		return nil, err
	}
	docs := make([]claim.Document, 0, len(f.Documents))
	seen := map[string]bool{}
	for i, d := range f.Documents {
		field := fmt.Sprintf("documents[%d]", i)
		known := d.Kind == claim.DocAssignmentLetter || d.Kind == claim.DocCertificate || d.Kind == claim.DocCurriculum ||
			d.Kind == claim.DocParticipantList || d.Kind == claim.DocOther
		if !known || !ids.Valid(d.UploadID) || seen[d.UploadID] {
			v.Add(field, "field_invalid", nil)
			continue
		}
		seen[d.UploadID] = true
		u, err := a.uploads.Get(ctx, c.Tenant.ID, d.UploadID)
		if errors.Is(err, upload.ErrNotFound) || (err == nil && (u.Purpose != upload.PurposeClaim || u.CreatedBy != filer || u.Status != upload.Ready)) {
			v.Add(field, "claim_document_invalid", nil)
			continue
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, claim.Document{Kind: d.Kind, UploadID: u.ID, FileName: u.FileName})
	}
	return docs, v.Err()
}

func apply(cl *claim.Claim, f claimFields, docs []claim.Document) {
	cl.Title, cl.Organizer, cl.StartDate, cl.EndDate = f.Title, f.Organizer, f.StartDate, f.EndDate
	cl.Hours, cl.StatedJP = 0, 0
	if f.Hours != nil {
		cl.Hours = *f.Hours
	}
	if f.JP != nil {
		cl.StatedJP = *f.JP
	}
	cl.Area, cl.Mode, cl.Documents = f.Area, f.Mode, docs
}

// ready checks a claim can go to the verifiers: its required documents
// and, for a unit training, its participants.
func ready(v *httpapi.Validation, cl claim.Claim) error {
	var missing []string
	for _, k := range claim.Required(cl.Kind) {
		if !slices.ContainsFunc(cl.Documents, func(d claim.Document) bool { return d.Kind == k }) {
			missing = append(missing, string(k))
		}
	}
	if len(missing) > 0 {
		v.Add("documents", "claim_documents_missing", map[string]any{"Kinds": strings.Join(missing, ", ")})
	}
	if cl.Kind == claim.KindUnit && len(cl.Participants) == 0 {
		v.Add("participants", "claim_participants_missing", nil)
	}
	return v.Err()
}

func callerName(c access.Caller) string {
	if c.Membership != nil && c.Membership.Name != "" {
		return c.Membership.Name
	}
	return c.Principal.Username
}

func (a *API) createClaim(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyView)
	if err != nil {
		return err
	}
	var in createClaimRequest
	if err := httpapi.DecodeJSON(r, &in, 8<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	v.Check(in.Kind == claim.KindExternal || in.Kind == claim.KindUnit, "kind", "field_one_of", map[string]any{"Values": "external, unit"})
	if err := v.Err(); err != nil {
		return err
	}
	me, isEmployee, err := a.employeeOf(r.Context(), c)
	if err != nil {
		return err
	}
	unitID := me.UnitID
	if in.Kind == claim.KindExternal {
		v.Check(in.UnitID == "", "unitId", "field_invalid", nil)
		v.Check(!in.Certificates, "certificates", "field_invalid", nil)
		if !isEmployee {
			return httpapi.NewError(http.StatusForbidden, "not_an_employee")
		}
	} else {
		units, err := a.employees.Units(r.Context(), c.Tenant.ID)
		if err != nil {
			return err
		}
		u, ok := employee.NewUnitIndex(units).ByID(employee.NormalizeCode(in.UnitID))
		if !ok {
			v.Add("unitId", "unit_not_found", nil)
			return v.Err()
		}
		if !c.Is(tenancy.RoleAdmin) && !(isEmployee && me.Has(employee.DutyCoordinator) && me.UnitID == u.ID) {
			return httpapi.NewError(http.StatusForbidden, "coordinator_only")
		}
		unitID = u.ID
	}
	docs, err := a.check(r.Context(), v, c, &in.claimFields, c.Principal.Sub)
	if err != nil {
		return err
	}
	now := a.now()
	cl := claim.Claim{TenantID: c.Tenant.ID, ID: ids.New(now), Kind: in.Kind, UserID: c.Principal.Sub, UserName: callerName(c),
		NIP: me.NIP, UnitID: unitID, Status: claim.Draft, History: []claim.Event{}, CreatedAt: now, UpdatedAt: now, Version: 1}
	apply(&cl, in.claimFields, docs)
	cl.Certificates = in.Certificates
	if in.Submit {
		if err := ready(v, cl); err != nil {
			return err
		}
		cl.Status = claim.Submitted
		cl.History = append(cl.History, claim.Event{At: now, By: c.Principal.Sub, ByName: cl.UserName, Action: claim.ActSubmitted})
	}
	if err := a.claims.Create(r.Context(), cl); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusCreated, a.view(r.Context(), cl))
	return nil
}

// load reads the path's claim for its filer or a verifier of the tenant;
// anyone else gets 404 (the claim's existence is not theirs to know).
func (a *API) load(r *http.Request) (access.Caller, claim.Claim, bool, error) {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyView)
	if err != nil {
		return c, claim.Claim{}, false, err
	}
	id := httpapi.PathParam(r, "claimId")
	if !ids.Valid(id) {
		return c, claim.Claim{}, false, httpapi.NewError(http.StatusNotFound, "claim_not_found")
	}
	cl, err := a.claims.Get(r.Context(), c.Tenant.ID, id)
	if errors.Is(err, claim.ErrNotFound) {
		return c, cl, false, httpapi.NewError(http.StatusNotFound, "claim_not_found")
	}
	if err != nil {
		return c, cl, false, err
	}
	verifier, err := a.holds(r.Context(), c, employee.DutyVerifier)
	if err != nil {
		return c, cl, false, err
	}
	if cl.UserID != c.Principal.Sub && (!verifier || cl.Status == claim.Draft) {
		return c, cl, false, httpapi.NewError(http.StatusNotFound, "claim_not_found")
	}
	return c, cl, verifier, nil
}

// view adds the proposed JP and short-lived links to the documents.
func (a *API) view(ctx context.Context, cl claim.Claim) claimView {
	out := claimView{Claim: cl, ProposedJP: cl.ProposedJP(), Links: map[string]string{}}
	for _, d := range cl.Documents {
		u, err := a.uploads.Get(ctx, cl.TenantID, d.UploadID)
		if err != nil {
			continue // a document whose upload went away shows without a link
		}
		if link, err := a.objects.DownloadURL(ctx, u.Key, linkTTL, u.FileName); err == nil {
			out.Links[d.UploadID] = link
		}
	}
	if out.Participants == nil {
		out.Participants = []claim.Participant{}
	}
	return out
}

func (a *API) getClaim(w http.ResponseWriter, r *http.Request) error {
	_, cl, _, err := a.load(r)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, a.view(r.Context(), cl))
	return nil
}

func (a *API) myClaims(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyView)
	if err != nil {
		return err
	}
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	page, err := a.claims.Mine(r.Context(), c.Tenant.ID, c.Principal.Sub, limit, cursor)
	if err != nil {
		return httpapi.PageError(r, err)
	}
	httpapi.WriteJSON(w, http.StatusOK, page)
	return nil
}

// claimQueue lists the tenant's claims in a status (default: waiting for
// verification) for verifiers.
func (a *API) claimQueue(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CompetencyView)
	if err != nil {
		return err
	}
	if ok, err := a.holds(r.Context(), c, employee.DutyVerifier); err != nil {
		return err
	} else if !ok {
		return httpapi.NewError(http.StatusForbidden, "verifier_only")
	}
	status := claim.Status(r.URL.Query().Get("status"))
	if status == "" {
		status = claim.Submitted
	}
	if status != claim.Submitted && status != claim.Revision && status != claim.Approved && status != claim.Rejected {
		v := httpapi.NewValidation(r)
		v.Add("status", "field_one_of", map[string]any{"Values": "submitted, revision, approved, rejected"})
		return v.Err()
	}
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	page, err := a.claims.Queue(r.Context(), c.Tenant.ID, status, limit, cursor)
	if err != nil {
		return httpapi.PageError(r, err)
	}
	httpapi.WriteJSON(w, http.StatusOK, page)
	return nil
}

// editable loads the path's claim for its filer while it may change.
func (a *API) editable(r *http.Request) (access.Caller, claim.Claim, error) {
	c, cl, _, err := a.load(r)
	if err != nil {
		return c, cl, err
	}
	if cl.UserID != c.Principal.Sub {
		return c, cl, httpapi.ErrForbidden()
	}
	if !cl.Editable() {
		return c, cl, httpapi.NewError(http.StatusConflict, "claim_not_editable")
	}
	return c, cl, nil
}

func (a *API) updateClaim(w http.ResponseWriter, r *http.Request) error {
	c, cl, err := a.editable(r)
	if err != nil {
		return err
	}
	var in updateClaimRequest
	if err := httpapi.DecodeJSON(r, &in, 8<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	if in.Version != cl.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	docs, err := a.check(r.Context(), v, c, &in.claimFields, cl.UserID)
	if err != nil {
		return err
	}
	if in.Certificates && cl.Kind != claim.KindUnit {
		v.Add("certificates", "field_invalid", nil)
		return v.Err()
	}
	from := cl.Status
	apply(&cl, in.claimFields, docs)
	cl.Certificates = in.Certificates
	cl.UpdatedAt, cl.Version = a.now(), cl.Version+1
	if err := a.claims.Save(r.Context(), cl, from); errors.Is(err, claim.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, a.view(r.Context(), cl))
	return nil
}

// ParticipantsReport answers a participant list upload.
type ParticipantsReport struct {
	TotalRows    int                 `json:"totalRows"`
	Accepted     int                 `json:"accepted"`
	Failed       int                 `json:"failed"`
	Problems     []employee.Problem  `json:"problems"`
	Participants []claim.Participant `json:"participants"`
	Version      int                 `json:"version"`
}

// putParticipants replaces a unit training's participant list with the
// employees a CSV/XLSX file of NIPs names; rows naming no employee of the
// tenant are reported and left out.
func (a *API) putParticipants(w http.ResponseWriter, r *http.Request) error {
	c, cl, err := a.editable(r)
	if err != nil {
		return err
	}
	if cl.Kind != claim.KindUnit {
		return httpapi.NewError(http.StatusConflict, "claim_not_editable")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, importLimit))
	if err != nil {
		return httpapi.NewError(http.StatusRequestEntityTooLarge, "body_too_large").With("Limit", importLimit)
	}
	if len(body) == 0 {
		return httpapi.NewError(http.StatusBadRequest, "body_required")
	}
	format, err := spreadsheet.DetectFormat(r.Header.Get("Content-Type"), body)
	if err != nil {
		return httpapi.NewError(http.StatusUnsupportedMediaType, "hr_import_format")
	}
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	parsed, err := employee.Parse(body, format, a.now(), lang, employee.Options{NIPOnly: true})
	if err != nil {
		return fileError(err, lang)
	}
	if len(parsed.Rows) > claim.MaxParticipants {
		v := httpapi.NewValidation(r)
		v.Add("file", "hr_import_too_many_rows", map[string]any{"Max": claim.MaxParticipants})
		return v.Err()
	}
	nips := make([]string, len(parsed.Rows))
	for i, row := range parsed.Rows {
		nips[i] = row.NIP
	}
	found, err := a.employees.ByNIP(r.Context(), c.Tenant.ID, nips)
	if err != nil {
		return err
	}
	rep := ParticipantsReport{TotalRows: parsed.TotalLines, Problems: parsed.Problems, Participants: []claim.Participant{}}
	for _, row := range parsed.Rows {
		e, ok := found[row.NIP]
		if !ok || e.UserID == "" {
			rep.Problems = append(rep.Problems, employee.Problem{Line: row.Line, Field: employee.FieldNIP, Code: "import_not_employee",
				Message: i18n.Text(lang, "import_not_employee", nil)})
			continue
		}
		rep.Participants = append(rep.Participants, claim.Participant{NIP: e.NIP, Name: e.Name, UserID: e.UserID})
	}
	sort.SliceStable(rep.Problems, func(i, j int) bool { return rep.Problems[i].Line < rep.Problems[j].Line })
	lines := map[int]bool{}
	for _, p := range rep.Problems {
		lines[p.Line] = true
	}
	rep.Failed, rep.Accepted = len(lines), len(rep.Participants)
	from := cl.Status
	cl.Participants, cl.UpdatedAt, cl.Version = rep.Participants, a.now(), cl.Version+1
	if err := a.claims.Save(r.Context(), cl, from); errors.Is(err, claim.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	rep.Version = cl.Version
	httpapi.WriteJSON(w, http.StatusOK, rep)
	return nil
}

func (a *API) submitClaim(w http.ResponseWriter, r *http.Request) error {
	c, cl, err := a.editable(r)
	if err != nil {
		return err
	}
	var in struct {
		Version int `json:"version"`
	}
	if err := httpapi.DecodeJSON(r, &in, 1<<10); err != nil {
		return err
	}
	if in.Version != cl.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	if err := ready(httpapi.NewValidation(r), cl); err != nil {
		return err
	}
	from, now := cl.Status, a.now()
	action := claim.ActSubmitted
	if from == claim.Revision {
		action = claim.ActResubmitted
	}
	cl.Status, cl.UpdatedAt, cl.Version = claim.Submitted, now, cl.Version+1
	cl.History = append(cl.History, claim.Event{At: now, By: c.Principal.Sub, ByName: callerName(c), Action: action})
	if err := a.claims.Save(r.Context(), cl, from); errors.Is(err, claim.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, a.view(r.Context(), cl))
	return nil
}

// decideClaim applies a verifier's decision. An approval credits the JP
// to the filer (external) or every participant (unit); a second approval
// of an approved claim whose crediting was interrupted finishes it, and
// changes nothing otherwise (409).
func (a *API) decideClaim(w http.ResponseWriter, r *http.Request) error {
	c, cl, verifier, err := a.load(r)
	if err != nil {
		return err
	}
	if !verifier {
		return httpapi.NewError(http.StatusForbidden, "verifier_only")
	}
	if cl.UserID == c.Principal.Sub {
		return httpapi.NewError(http.StatusForbidden, "claim_own")
	}
	var in decisionRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	in.Comment = strings.TrimSpace(in.Comment)
	v := httpapi.NewValidation(r)
	v.Check(in.Decision == claim.Approve || in.Decision == claim.Revise || in.Decision == claim.Reject,
		"decision", "field_one_of", map[string]any{"Values": "approve, revise, reject"})
	v.Length("comment", in.Comment, 0, 1000, in.Decision == claim.Revise || in.Decision == claim.Reject)
	if in.JP != nil {
		v.Check(in.Decision == claim.Approve && *in.JP >= 1 && *in.JP <= 500, "jp", "field_invalid", nil)
	}
	if err := v.Err(); err != nil {
		return err
	}
	if cl.Status == claim.Approved && cl.CreditedAt.IsZero() && in.Decision == claim.Approve {
		return a.credit(w, r, cl)
	}
	if cl.Status != claim.Submitted {
		return httpapi.NewError(http.StatusConflict, "claim_not_submitted")
	}
	if in.Version != cl.Version {
		return httpapi.NewError(http.StatusConflict, "conflict")
	}
	if in.Decision == claim.Revise && len(cl.History) >= claim.MaxHistory-2 {
		return httpapi.NewError(http.StatusConflict, "claim_too_many_revisions")
	}
	jpOverride := 0
	if in.JP != nil {
		jpOverride = *in.JP
	}
	next := claim.Decide(cl, in.Decision, c.Principal.Sub, callerName(c), in.Comment, jpOverride, a.now())
	if next.Status == claim.Approved && next.CreditedJP < 1 {
		v.Add("jp", "claim_jp_zero", nil)
		return v.Err()
	}
	if err := a.claims.Save(r.Context(), next, claim.Submitted); errors.Is(err, claim.ErrConflict) {
		return httpapi.NewError(http.StatusConflict, "conflict")
	} else if err != nil {
		return err
	}
	if next.Status == claim.Approved {
		return a.credit(w, r, next)
	}
	httpapi.WriteJSON(w, http.StatusOK, a.view(r.Context(), next))
	return nil
}

// credit writes an approved claim's ledger entries (each idempotent) and
// marks the claim credited.
func (a *API) credit(w http.ResponseWriter, r *http.Request, cl claim.Claim) error {
	entries, err := cl.Entries()
	if err != nil {
		return err
	}
	if err := a.claims.CreditAll(r.Context(), entries, 4); err != nil {
		return err // the claim stays approved and uncredited: approving again finishes it
	}
	if cl.Certificates && cl.Kind == claim.KindUnit {
		if err := a.certify(r, cl); err != nil {
			return err
		}
	}
	now := a.now()
	if err := a.claims.MarkCredited(r.Context(), cl.TenantID, cl.ID, now); err != nil {
		return err
	}
	cl.CreditedAt = now
	httpapi.WriteJSON(w, http.StatusOK, a.view(r.Context(), cl))
	return nil
}

// certificateJobStale is how long a queued certificate job blocks another
// start (the certificate function's timeout with room).
const certificateJobStale = 20 * time.Minute

// certify queues a certificate job for an approved unit training: every
// participant gets a marker (the item that will hold their number) and the
// certificate function issues, renders and stores their certificates.
func (a *API) certify(r *http.Request, cl claim.Claim) error {
	if err := a.claims.MarkGraduates(r.Context(), cl); err != nil {
		return err
	}
	now := a.now()
	job := certificate.Job{TenantID: cl.TenantID, BatchID: cl.ID, ID: ids.New(now), Source: certificate.SourceClaim,
		Status: certificate.JobQueued, Failures: []certificate.JobFailure{}, RequestedBy: cl.UserID, RequestedAt: now, UpdatedAt: now}
	if err := a.certs.StartJob(r.Context(), job, certificateJobStale); errors.Is(err, certificate.ErrJobActive) {
		return nil // queued already (a resumed approval)
	} else if err != nil {
		return err
	}
	return a.certQueue.Send(r.Context(), certificate.Message{TenantID: job.TenantID, BatchID: job.BatchID, JobID: job.ID})
}
