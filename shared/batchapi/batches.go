package batchapi

import (
	"context"
	"errors"
	"net/http"
	"time"

	"lms/shared/access"
	"lms/shared/batch"
	"lms/shared/course"
	"lms/shared/httpapi"
	"lms/shared/ids"
	"lms/shared/progress"
	"lms/shared/tenancy"
)

func (a *API) list(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchView)
	if err != nil {
		return err
	}
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	page, err := a.batches.List(r.Context(), c.Tenant.ID, c.Is(tenancy.RoleAdmin), limit, cursor)
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

type batchFields struct {
	Name              *string       `json:"name"`
	Code              *string       `json:"code"`
	Description       *string       `json:"description"`
	CourseIDs         *[]string     `json:"courseIds"`
	RegistrationOpens *time.Time    `json:"registrationOpens"`
	RegistrationEnds  *time.Time    `json:"registrationEnds"`
	StartDate         *string       `json:"startDate"`
	EndDate           *string       `json:"endDate"`
	Mode              *batch.Mode   `json:"mode"`
	Location          *string       `json:"location"`
	Capacity          *int          `json:"capacity"`
	Policy            *batch.Policy `json:"enrollmentPolicy"`
	TotalJP           *int          `json:"totalJp"`
	InstructorIDs     *[]string     `json:"instructorIds"`
	PICIDs            *[]string     `json:"picIds"`
	Status            *batch.Status `json:"status"`
}

// apply copies the fields onto b and validates the result.
func (a *API) apply(ctx context.Context, c access.Caller, b *batch.Batch, in batchFields, v *httpapi.Validation) {
	if in.Name != nil {
		b.Name = httpapi.CleanText(*in.Name)
	}
	v.Length("name", b.Name, 3, 150, true)
	if in.Code != nil {
		b.Code = httpapi.CleanText(*in.Code)
	}
	v.Check(codePattern.MatchString(b.Code), "code", "field_invalid", nil)
	if in.Description != nil {
		b.Description = *in.Description
	}
	v.Length("description", b.Description, 0, 20000, false)
	if in.RegistrationOpens != nil {
		b.RegistrationOpens = in.RegistrationOpens.UTC()
	}
	if in.RegistrationEnds != nil {
		b.RegistrationEnds = in.RegistrationEnds.UTC()
	}
	if !b.RegistrationOpens.IsZero() && !b.RegistrationEnds.IsZero() && !b.RegistrationEnds.After(b.RegistrationOpens) {
		v.Add("registrationEnds", "batch_dates_invalid", nil)
	}
	if in.StartDate != nil {
		b.StartDate = *in.StartDate
	}
	if in.EndDate != nil {
		b.EndDate = *in.EndDate
	}
	_, e1 := time.Parse("2006-01-02", b.StartDate)
	_, e2 := time.Parse("2006-01-02", b.EndDate)
	v.Check(datePattern.MatchString(b.StartDate) && datePattern.MatchString(b.EndDate) && e1 == nil && e2 == nil && b.EndDate >= b.StartDate,
		"endDate", "batch_dates_invalid", nil)
	if in.Mode != nil {
		b.Mode = *in.Mode
	}
	v.Check(b.Mode == batch.ModeClassical || b.Mode == batch.ModeOnline || b.Mode == batch.ModeBlended, "mode", "field_one_of",
		map[string]any{"Values": "klasikal, non-klasikal, blended"})
	if in.Location != nil {
		b.Location = httpapi.CleanText(*in.Location)
	}
	v.Length("location", b.Location, 0, 300, false)
	if in.Capacity != nil {
		b.Capacity = *in.Capacity
	}
	v.Check(b.Capacity >= 1 && b.Capacity <= 10000 && b.Capacity >= b.Enrolled, "capacity", "batch_capacity_invalid", nil)
	if in.Policy != nil {
		b.Policy = *in.Policy
	}
	v.Check(b.Policy == batch.PolicyOpen || b.Policy == batch.PolicyApproval || b.Policy == batch.PolicyAdminOnly,
		"enrollmentPolicy", "field_one_of", map[string]any{"Values": "open, approval, admin"})
	if in.CourseIDs != nil {
		b.Courses = []progress.CourseRef{}
		if len(*in.CourseIDs) == 0 || len(*in.CourseIDs) > 20 {
			v.Add("courseIds", "batch_course_invalid", nil)
		}
		for _, id := range dedupe(*in.CourseIDs) {
			crs, err := a.courses.GetCourse(ctx, c.Tenant.ID, id)
			if !ids.Valid(id) || err != nil || crs.Status != course.StatusPublished {
				v.Add("courseIds", "batch_course_invalid", nil)
				break
			}
			b.Courses = append(b.Courses, progress.CourseRef{ID: crs.ID, Title: crs.Title, Code: crs.Code, JP: crs.JP})
		}
	}
	if in.TotalJP != nil {
		b.TotalJP = *in.TotalJP
	} else if in.CourseIDs != nil {
		b.TotalJP = 0
		for _, crs := range b.Courses {
			b.TotalJP += crs.JP
		}
	}
	v.Check(b.TotalJP >= 0 && b.TotalJP <= 10000, "totalJp", "field_invalid", nil)
	for field, list := range map[string]*[]string{"instructorIds": in.InstructorIDs, "picIds": in.PICIDs} {
		if list == nil {
			continue
		}
		people := dedupe(*list)
		if len(people) > 20 {
			v.Add(field, "field_invalid", nil)
			continue
		}
		for _, id := range people {
			m, err := a.members.GetMembership(ctx, c.Tenant.ID, id)
			if err != nil || m.Status != tenancy.StatusActive || m.Role == tenancy.RoleLearner {
				v.Add(field, "batch_member_invalid", nil)
				break
			}
		}
		if field == "instructorIds" {
			b.InstructorIDs = people
		} else {
			b.PICIDs = people
		}
	}
}

func (a *API) create(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	var in batchFields
	if err := httpapi.DecodeJSON(r, &in, 64<<10); err != nil {
		return err
	}
	now := a.env.Clock.Now()
	b := batch.Batch{TenantID: c.Tenant.ID, ID: ids.New(now), Status: batch.StatusDraft, Courses: []progress.CourseRef{},
		InstructorIDs: []string{}, PICIDs: []string{}, Mode: batch.ModeOnline, Policy: batch.PolicyOpen, CreatedAt: now, UpdatedAt: now, Version: 1}
	v := httpapi.NewValidation(r)
	if in.CourseIDs == nil {
		v.Add("courseIds", "field_required", nil)
	}
	if in.Status != nil {
		v.Add("status", "field_invalid", nil) // a batch starts as a draft
	}
	a.apply(r.Context(), c, &b, in, v)
	if err := v.Err(); err != nil {
		return err
	}
	if err := a.batches.Create(r.Context(), b); err != nil {
		return storeError(err)
	}
	httpapi.WriteJSON(w, http.StatusCreated, b)
	return nil
}

func (a *API) get(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchView)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, b)
	return nil
}

func (a *API) update(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.BatchManage)
	if err != nil {
		return err
	}
	b, err := a.load(r, c)
	if err != nil {
		return err
	}
	var in batchFields
	if err := httpapi.DecodeJSON(r, &in, 64<<10); err != nil {
		return err
	}
	before := b
	v := httpapi.NewValidation(r)
	if in.CourseIDs != nil && (b.Enrolled > 0 || b.Reserve > 0) && !sameCourses(b, *in.CourseIDs) {
		// Participants already hold access to the current courses, and
		// completion counts them: changing them now would strand people.
		return httpapi.NewError(http.StatusConflict, "batch_courses_locked")
	}
	a.apply(r.Context(), c, &b, in, v)
	if err := v.Err(); err != nil {
		return err
	}
	if in.Status != nil && *in.Status != before.Status {
		if !batch.CanMove(before.Status, *in.Status) {
			return httpapi.NewError(http.StatusConflict, "batch_status_transition").With("From", string(before.Status)).With("To", string(*in.Status))
		}
		b.Status = *in.Status
	}
	b.UpdatedAt, b.Version = a.env.Clock.Now(), before.Version+1
	if err := a.batches.Update(r.Context(), b); errors.Is(err, batch.ErrFull) {
		v.Add("capacity", "batch_capacity_invalid", nil)
		return v.Err()
	} else if err != nil {
		return storeError(err)
	}
	if b.Capacity > before.Capacity && b.Reserve > 0 {
		a.promoteReserves(r, b)
		if fresh, err := a.batches.Get(r.Context(), b.TenantID, b.ID); err == nil {
			b = fresh
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, b)
	return nil
}

// promoteReserves moves reserves, first come first served, into the seats
// a larger capacity freed. A failure leaves them waiting: the next
// withdrawal or capacity change promotes them.
func (a *API) promoteReserves(r *http.Request, b batch.Batch) {
	for tries := 0; tries < 2*b.Capacity; tries++ {
		next, err := a.batches.FirstReserve(r.Context(), b.TenantID, b.ID)
		if err != nil || next == nil {
			return
		}
		next.Status, next.EnrolledAt = batch.Enrolled, a.env.Clock.Now()
		err = a.batches.Promote(r.Context(), *next, a.grants(b, next.UserID, next.EnrolledAt))
		if errors.Is(err, batch.ErrFull) {
			return
		}
		if err != nil && !errors.Is(err, batch.ErrConflict) {
			httpapi.Logger(r).ErrorContext(r.Context(), "reserve promotion failed", "batchId", b.ID, "error", err.Error())
			return
		}
		if err == nil {
			a.notifySeat(r.Context(), b, *next, true)
		}
	}
}

func sameCourses(b batch.Batch, ids []string) bool {
	want := dedupe(ids)
	if len(want) != len(b.Courses) {
		return false
	}
	for i, c := range b.Courses {
		if want[i] != c.ID {
			return false
		}
	}
	return true
}

func dedupe(in []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
