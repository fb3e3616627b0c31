package batchapi

import (
	"errors"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/access"
	"lms/shared/batch"
	"lms/shared/httpapi"
	"lms/shared/ids"
	"lms/shared/tenancy"
)

type enrollRequest struct {
	// UserIDs, given by an admin, enrolls those members; absent, the
	// caller enrolls themselves.
	UserIDs []string `json:"userIds"`
}

type enrollResult struct {
	UserID string                 `json:"userId"`
	Status batch.EnrollmentStatus `json:"status,omitempty"`
	Error  string                 `json:"error,omitempty"` // already_enrolled, not_member
}

func newEnrollment(b batch.Batch, m tenancy.Membership, by string, now time.Time) batch.Enrollment {
	return batch.Enrollment{TenantID: b.TenantID, BatchID: b.ID, UserID: m.UserID, BatchName: b.Name, StartDate: b.StartDate, EndDate: b.EndDate,
		Username: m.Username, Name: m.Name, Status: batch.Enrolled, RequestedAt: now, EnrolledAt: now, By: by}
}

// queued turns an enrollment that found no seat into a waiting one.
func queued(e batch.Enrollment, status batch.EnrollmentStatus) batch.Enrollment {
	e.Status, e.EnrolledAt = status, time.Time{}
	return e
}

// enroll: a participant enrolls themselves under the batch's policy (a seat
// at once, or the reserve list when full; or a request awaiting approval);
// an admin enrolls members by id, also in draft and running batches.
func (a *API) enroll(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchEnroll)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	var in enrollRequest
	if err := httpapi.DecodeOptionalJSON(r, &in, 16<<10); err != nil {
		return err
	}
	now := a.env.Clock.Now()
	if in.UserIDs != nil {
		if !c.Is(tenancy.RoleAdmin) {
			return httpapi.ErrForbidden()
		}
		return a.enrollMembers(w, r, c, b, in.UserIDs)
	}
	if b.Policy == batch.PolicyAdminOnly {
		return httpapi.NewError(http.StatusForbidden, "batch_admin_only")
	}
	if b.Status != batch.StatusOpen || !b.WindowOpen(now) {
		return httpapi.NewError(http.StatusConflict, "batch_not_open")
	}
	e := newEnrollment(b, *c.Membership, c.Principal.Sub, now)
	switch b.Policy {
	case batch.PolicyApproval:
		e = queued(e, batch.Pending)
		err = a.batches.Queue(r.Context(), e)
	default:
		err = a.batches.Enroll(r.Context(), e, a.grants(b, e.UserID, now), nil, batch.StatusOpen)
		if errors.Is(err, batch.ErrFull) {
			e = queued(e, batch.Reserved)
			err = a.batches.Queue(r.Context(), e)
		}
	}
	if err != nil {
		return storeError(err)
	}
	a.notifySeat(r.Context(), b, e, false)
	httpapi.WriteJSON(w, http.StatusCreated, e)
	return nil
}

// enrollMembers enrolls members by id (at most 100), reporting each.
func (a *API) enrollMembers(w http.ResponseWriter, r *http.Request, c access.Caller, b batch.Batch, userIDs []string) error {
	userIDs = dedupe(userIDs)
	if len(userIDs) == 0 || len(userIDs) > 100 {
		v := httpapi.NewValidation(r)
		v.Add("userIds", "field_invalid", nil)
		return v.Err()
	}
	if b.Status == batch.StatusFinished || b.Status == batch.StatusArchived {
		return httpapi.NewError(http.StatusConflict, "batch_not_open")
	}
	var valid []string
	for _, id := range userIDs {
		if ids.ValidUser(id) {
			valid = append(valid, id)
		}
	}
	people, err := a.members.GetMemberships(r.Context(), c.Tenant.ID, valid)
	if err != nil {
		return err
	}
	results := make([]enrollResult, 0, len(userIDs))
	for _, id := range userIDs {
		if !ids.ValidUser(id) {
			results = append(results, enrollResult{UserID: id, Error: "not_member"})
			continue
		}
		m, ok := people[id]
		if !ok || m.Status != tenancy.StatusActive {
			results = append(results, enrollResult{UserID: id, Error: "not_member"})
			continue
		}
		now := a.env.Clock.Now()
		e := newEnrollment(b, m, c.Principal.Sub, now)
		err := a.batches.Enroll(r.Context(), e, a.grants(b, id, now), nil, batch.StatusDraft, batch.StatusOpen, batch.StatusRunning)
		if errors.Is(err, batch.ErrFull) {
			e = queued(e, batch.Reserved)
			err = a.batches.Queue(r.Context(), e)
		}
		switch {
		case errors.Is(err, batch.ErrExists):
			results = append(results, enrollResult{UserID: id, Error: "already_enrolled"})
		case err != nil:
			return err
		default:
			a.notifySeat(r.Context(), b, e, false)
			results = append(results, enrollResult{UserID: id, Status: e.Status})
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"results": results})
	return nil
}

func (a *API) listEnrollments(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchView)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	if !follows(c, b) {
		return httpapi.ErrForbidden()
	}
	page, err := a.batches.Enrollments(r.Context(), c.Tenant.ID, b.ID, 100, r.URL.Query().Get("cursor"))
	if errors.Is(err, batch.ErrBadCursor) {
		v := httpapi.NewValidation(r)
		v.Add("cursor", "cursor_invalid", nil)
		return v.Err()
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, page)
	return nil
}

// enrollmentFromPath loads the batch and the path's enrollment.
func (a *API) enrollmentFromPath(r *http.Request, c access.Caller) (batch.Batch, batch.Enrollment, error) {
	b, err := a.load(r, c)
	if err != nil {
		return b, batch.Enrollment{}, err
	}
	if !ids.ValidUser(httpapi.PathParam(r, "userId")) {
		return b, batch.Enrollment{}, httpapi.ErrNotFound()
	}
	e, err := a.batches.GetEnrollment(r.Context(), c.Tenant.ID, b.ID, httpapi.PathParam(r, "userId"))
	return b, e, storeError(err)
}

func (a *API) approve(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	b, e, err := a.enrollmentFromPath(r, c)
	if err != nil {
		return err
	}
	if e.Status != batch.Pending {
		return httpapi.NewError(http.StatusConflict, "enrollment_state")
	}
	now := a.env.Clock.Now()
	e.Status, e.EnrolledAt, e.By = batch.Enrolled, now, c.Principal.Sub
	err = a.batches.Enroll(r.Context(), e, a.grants(b, e.UserID, now), []batch.EnrollmentStatus{batch.Pending},
		batch.StatusDraft, batch.StatusOpen, batch.StatusRunning)
	if errors.Is(err, batch.ErrExists) {
		return httpapi.NewError(http.StatusConflict, "enrollment_state")
	}
	if err != nil {
		return storeError(err)
	}
	a.notifySeat(r.Context(), b, e, false)
	httpapi.WriteJSON(w, http.StatusOK, e)
	return nil
}

type reasonRequest struct {
	Reason string `json:"reason"`
}

// decodeReason reads a body that is only a reason (3 to 500 characters),
// as rejections and revocations take.
func decodeReason(r *http.Request) (string, error) {
	var in reasonRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return "", err
	}
	in.Reason = httpapi.CleanText(in.Reason)
	v := httpapi.NewValidation(r)
	v.Length("reason", in.Reason, 3, 500, true)
	return in.Reason, v.Err()
}

func (a *API) reject(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	reason, err := decodeReason(r)
	if err != nil {
		return err
	}
	_, e, err := a.enrollmentFromPath(r, c)
	if err != nil {
		return err
	}
	if e.Status != batch.Pending {
		return httpapi.NewError(http.StatusConflict, "enrollment_state")
	}
	e.Status, e.Reason, e.By = batch.Rejected, reason, c.Principal.Sub
	if err := a.batches.Decide(r.Context(), e, batch.Pending); err != nil {
		return storeError(err)
	}
	httpapi.WriteJSON(w, http.StatusOK, e)
	return nil
}

// withdraw: a participant leaves (or an admin removes them); the freed seat
// goes to the first on the reserve list, in the same transaction.
func (a *API) withdraw(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchEnroll)
	if err != nil {
		return err
	}
	if httpapi.PathParam(r, "userId") != c.Principal.Sub && !c.Is(tenancy.RoleAdmin) {
		return httpapi.ErrForbidden()
	}
	for attempt := 0; attempt < 5; attempt++ {
		b, e, err := a.enrollmentFromPath(r, c)
		if err != nil {
			return err
		}
		was := e.Status
		if was != batch.Enrolled && was != batch.Reserved && was != batch.Pending {
			return httpapi.NewError(http.StatusConflict, "enrollment_state")
		}
		if e.Completed {
			return httpapi.NewError(http.StatusConflict, "enrollment_completed")
		}
		if b.Status == batch.StatusFinished || b.Status == batch.StatusArchived {
			return httpapi.NewError(http.StatusConflict, "batch_not_open")
		}
		e.Status, e.By = batch.Withdrawn, c.Principal.Sub
		var promoted *batch.Enrollment
		var grants []types.TransactWriteItem
		if was == batch.Enrolled {
			if promoted, err = a.batches.FirstReserve(r.Context(), c.Tenant.ID, b.ID); err != nil {
				return err
			}
			if promoted != nil {
				promoted.Status, promoted.EnrolledAt = batch.Enrolled, a.env.Clock.Now()
				grants = a.grants(b, promoted.UserID, a.env.Clock.Now())
			}
		}
		if was == batch.Enrolled { // the seat's courses close for them
			for _, crs := range b.Courses {
				grants = append(grants, a.progress.RevokeWrite(b.TenantID, e.UserID, crs.ID, b.ID))
			}
		}
		err = a.batches.Withdraw(r.Context(), e, was, promoted, grants)
		if errors.Is(err, batch.ErrConflict) {
			continue // someone moved first (another withdrawal, a promotion): re-read
		}
		if err != nil {
			return err
		}
		if promoted != nil {
			a.notifySeat(r.Context(), b, *promoted, true)
		}
		httpapi.WriteJSON(w, http.StatusOK, map[string]any{"enrollment": e, "promoted": promoted})
		return nil
	}
	return httpapi.NewError(http.StatusConflict, "conflict")
}

// myBatches lists the caller's batches in the tenant, current and past.
func (a *API) myBatches(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchView)
	if err != nil {
		return err
	}
	list, err := a.batches.MyBatches(r.Context(), c.Tenant.ID, c.Principal.Sub)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}
