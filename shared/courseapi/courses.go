package courseapi

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"lms/shared/access"
	"lms/shared/course"
	"lms/shared/httpapi"
	"lms/shared/ids"
	"lms/shared/markdown"
	"lms/shared/progress"
	"lms/shared/tenancy"
	"lms/shared/upload"
)

func (a *API) list(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseRead)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	limit, cursor, err := httpapi.PageParams(r)
	if err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	f := course.Filter{Query: httpapi.CleanText(q.Get("q")), Status: course.Status(q.Get("status"))}
	v.Length("q", f.Query, 0, 100, false)
	v.Check(f.Status == "" || f.Status == course.StatusDraft || f.Status == course.StatusPublished || f.Status == course.StatusArchived,
		"status", "field_one_of", map[string]any{"Values": "draft, published, archived"})
	if err := v.Err(); err != nil {
		return err
	}
	if !c.Is(tenancy.RoleAdmin) {
		f.VisibleTo = c.Principal.Sub
	}
	page, err := a.courses.List(r.Context(), c.Tenant.ID, f, limit, cursor)
	if err == course.ErrBadCursor {
		v.Add("cursor", "cursor_invalid", nil)
		return v.Err()
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, page)
	return nil
}

type courseFields struct {
	Code           *string   `json:"code"`
	Title          *string   `json:"title"`
	Description    *string   `json:"description"`
	CoverUploadID  *string   `json:"coverUploadId"`
	JP             *int      `json:"jp"`
	Category       *string   `json:"category"`
	Tags           *[]string `json:"tags"`
	CompetencyArea *string   `json:"competencyArea"`
	InstructorIDs  *[]string `json:"instructorIds"`
}

// apply copies the given fields onto crs and validates the result.
func (a *API) apply(r *http.Request, c access.Caller, crs *course.Course, in courseFields, v *httpapi.Validation) {
	if in.Code != nil {
		crs.Code = httpapi.CleanText(*in.Code)
	}
	v.Check(codePattern.MatchString(crs.Code), "code", "course_code_invalid", nil)
	if in.Title != nil {
		crs.Title = httpapi.CleanText(*in.Title)
	}
	v.Length("title", crs.Title, 3, 200, true)
	if in.Description != nil {
		crs.Description = *in.Description
	}
	v.Length("description", crs.Description, 0, 20000, false)
	if in.CoverUploadID != nil {
		crs.CoverUploadID = *in.CoverUploadID
		v.Check(crs.CoverUploadID == "" || ids.Valid(crs.CoverUploadID), "coverUploadId", "field_invalid", nil)
	}
	if in.JP != nil {
		crs.JP = *in.JP
	}
	v.Check(crs.JP >= 0 && crs.JP <= 1000, "jp", "course_jp_invalid", nil)
	if in.Category != nil {
		crs.Category = httpapi.CleanText(*in.Category)
	}
	v.Length("category", crs.Category, 0, 100, false)
	if in.Tags != nil {
		crs.Tags = checkTags(v, *in.Tags)
	}
	if in.CompetencyArea != nil {
		crs.CompetencyArea = httpapi.CleanText(*in.CompetencyArea)
	}
	v.Length("competencyArea", crs.CompetencyArea, 0, 150, false)
	if in.InstructorIDs != nil {
		if !c.Is(tenancy.RoleAdmin) && !slicesEqual(*in.InstructorIDs, crs.InstructorIDs) {
			v.Add("instructorIds", "forbidden", nil)
			return
		}
		crs.InstructorIDs = dedupe(*in.InstructorIDs)
		if len(crs.InstructorIDs) > 20 {
			v.Add("instructorIds", "field_invalid", nil)
			return
		}
		for _, id := range crs.InstructorIDs {
			m, err := a.members.GetMembership(r.Context(), c.Tenant.ID, id)
			if err != nil || m.Status != tenancy.StatusActive || (m.Role != tenancy.RoleInstructor && m.Role != tenancy.RoleAdmin) {
				v.Add("instructorIds", "course_instructor_invalid", nil)
				return
			}
		}
	}
}

func (a *API) create(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseCreate)
	if err != nil {
		return err
	}
	var in courseFields
	if err := httpapi.DecodeJSON(r, &in, 64<<10); err != nil {
		return err
	}
	now := a.env.Clock.Now()
	crs := course.Course{TenantID: c.Tenant.ID, ID: ids.New(now), Status: course.StatusDraft, Tags: []string{},
		InstructorIDs: []string{}, Order: []course.SectionOrder{}, CreatedBy: c.Principal.Sub, CreatedAt: now, UpdatedAt: now, Version: 1}
	v := httpapi.NewValidation(r)
	if !c.Is(tenancy.RoleAdmin) {
		// An instructor's new course is theirs to teach; only admins
		// choose other instructors.
		self := []string{c.Principal.Sub}
		if in.InstructorIDs != nil && !slicesEqual(*in.InstructorIDs, self) {
			v.Add("instructorIds", "forbidden", nil)
		}
		in.InstructorIDs, crs.InstructorIDs = nil, self
	}
	a.apply(r, c, &crs, in, v)
	if err := v.Err(); err != nil {
		return err
	}
	if err := a.courses.CreateCourse(r.Context(), crs); err != nil {
		return storeError(err)
	}
	httpapi.WriteJSON(w, http.StatusCreated, course.Outline{Course: crs, Sections: []course.OutlineSection{}})
	return nil
}

// get answers the outline: staff see everything they may edit or that is
// published; learners see what their enrollment opens, with their progress.
func (a *API) get(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseStudy)
	if err != nil {
		return err
	}
	if !c.Is(tenancy.RoleAdmin, tenancy.RoleInstructor) {
		o, l, items, err := a.learnerOutline(r, c)
		if err != nil {
			return err
		}
		// Counted against the course as it is now: a fresh enrollment has
		// no report yet, and the course may have changed since the last.
		progress.Recount(&l, requiredItems(o), a.env.Clock.Now())
		o = rendered(availableOnly(o))
		if err := a.cover(r.Context(), &o.Course); err != nil {
			return err
		}
		httpapi.WriteJSON(w, http.StatusOK, learnerView{Outline: o, Learning: l, Progress: items})
		return nil
	}
	o, err := a.loadOutline(r, c)
	if err != nil {
		return err
	}
	o = rendered(o)
	if err := a.cover(r.Context(), &o.Course); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, o)
	return nil
}

// cover links the course's cover image (its largest WebP variant, or the
// original) when the cover upload is ready. A course without a cover
// costs nothing.
func (a *API) cover(ctx context.Context, crs *course.Course) error {
	if crs.CoverUploadID == "" {
		return nil
	}
	u, err := a.uploads.Get(ctx, crs.TenantID, crs.CoverUploadID)
	if errors.Is(err, upload.ErrNotFound) || (err == nil && (u.Status != upload.Ready || u.Result == nil || u.Purpose != upload.PurposeCover)) {
		return nil
	}
	if err != nil {
		return err
	}
	key := u.Key
	if n := len(u.Result.Images); n > 0 {
		key = upload.DerivedPrefix(u.TenantID, u.ID) + u.Result.Images[n-1]
	}
	crs.CoverURL, err = a.signer.URL(ctx, key, linkTTL, "")
	return err
}

// rendered adds the descriptions as safe HTML, for display.
func rendered(o course.Outline) course.Outline {
	o.Course.DescriptionHTML = markdown.HTML(o.Course.Description)
	for i := range o.Sections {
		for j := range o.Sections[i].Items {
			if d := o.Sections[i].Items[j].Description; d != "" {
				o.Sections[i].Items[j].DescriptionHTML = markdown.HTML(d)
			}
		}
	}
	return o
}

func (a *API) update(w http.ResponseWriter, r *http.Request) error {
	c, o, err := a.editable(r)
	if err != nil {
		return err
	}
	var in courseFields
	if err := httpapi.DecodeJSON(r, &in, 64<<10); err != nil {
		return err
	}
	oldCode := o.Course.Code
	v := httpapi.NewValidation(r)
	a.apply(r, c, &o.Course, in, v)
	if err := v.Err(); err != nil {
		return err
	}
	if err := a.courses.UpdateCourse(r.Context(), o.Course, oldCode); err != nil {
		return storeError(err)
	}
	httpapi.WriteJSON(w, http.StatusOK, rendered(o))
	return nil
}

// remove deletes a draft that was never published; others are archived.
func (a *API) remove(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseDelete)
	if err != nil {
		return err
	}
	o, err := a.loadOutline(r, c)
	if err != nil {
		return err
	}
	if o.Course.EverPublished {
		return httpapi.NewError(http.StatusConflict, "course_published_archive_instead")
	}
	if err := a.courses.DeleteCourse(r.Context(), o); err != nil {
		return storeError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) publish(w http.ResponseWriter, r *http.Request) error {
	return a.transition(w, r, course.StatusPublished)
}

func (a *API) archive(w http.ResponseWriter, r *http.Request) error {
	return a.transition(w, r, course.StatusArchived)
}

// transition moves a course between draft, published and archived:
// draft -> published -> archived -> published; a course needs an item to
// be published.
func (a *API) transition(w http.ResponseWriter, r *http.Request, to course.Status) error {
	_, o, err := a.editable(r)
	if err != nil {
		return err
	}
	from := o.Course.Status
	allowed := (to == course.StatusPublished && (from == course.StatusDraft || from == course.StatusArchived)) ||
		(to == course.StatusArchived && from == course.StatusPublished)
	if !allowed {
		return httpapi.NewError(http.StatusConflict, "course_status_transition").With("From", string(from)).With("To", string(to))
	}
	if to == course.StatusPublished {
		n := 0
		for _, s := range o.Sections {
			n += len(s.Items)
		}
		if n == 0 {
			return httpapi.NewError(http.StatusConflict, "course_empty")
		}
		o.Course.EverPublished = true
	}
	o.Course.Status = to
	if err := a.courses.SaveOrder(r.Context(), o.Course); err != nil {
		return storeError(err)
	}
	httpapi.WriteJSON(w, http.StatusOK, rendered(o))
	return nil
}

type duplicateRequest struct {
	Code  string `json:"code"`
	Title string `json:"title"`
}

// duplicate copies the course's structure and materials (the items keep
// their uploads: nothing is uploaded again) into a new draft.
func (a *API) duplicate(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseCreate)
	if err != nil {
		return err
	}
	o, err := a.loadOutline(r, c)
	if err != nil {
		return err
	}
	if !canEdit(c, o.Course) {
		return httpapi.ErrForbidden()
	}
	var in duplicateRequest
	if err := httpapi.DecodeOptionalJSON(r, &in, 4<<10); err != nil {
		return err
	}
	now := a.env.Clock.Now()
	cp := o.Course
	cp.ID = ids.New(now)
	cp.Code, cp.Title = httpapi.CleanText(in.Code), httpapi.CleanText(in.Title)
	if cp.Code == "" {
		base := o.Course.Code
		if len(base) > 23 {
			base = base[:23]
		}
		cp.Code = base + "-" + cp.ID[len(cp.ID)-6:]
	}
	if cp.Title == "" {
		cp.Title = "Salinan " + o.Course.Title
		if len([]rune(cp.Title)) > 200 {
			cp.Title = string([]rune(cp.Title)[:200])
		}
	}
	v := httpapi.NewValidation(r)
	v.Check(codePattern.MatchString(cp.Code), "code", "course_code_invalid", nil)
	v.Length("title", cp.Title, 3, 200, true)
	if err := v.Err(); err != nil {
		return err
	}
	cp.Status, cp.EverPublished, cp.CreatedBy, cp.CreatedAt, cp.UpdatedAt, cp.Version = course.StatusDraft, false, c.Principal.Sub, now, now, 1
	cp.Order = []course.SectionOrder{}
	var sections []course.Section
	var items []course.Item
	out := course.Outline{Course: cp, Sections: []course.OutlineSection{}}
	for _, s := range o.Sections {
		ns := s.Section
		ns.ID, ns.CourseID, ns.CreatedAt, ns.UpdatedAt = ids.New(now), cp.ID, now, now
		so := course.SectionOrder{SectionID: ns.ID, ItemIDs: []string{}}
		os := course.OutlineSection{Section: ns, Items: []course.Item{}}
		for _, it := range s.Items {
			ni := it
			ni.ID, ni.CourseID, ni.SectionID, ni.CreatedAt, ni.UpdatedAt = ids.New(now), cp.ID, ns.ID, now, now
			items = append(items, ni)
			so.ItemIDs = append(so.ItemIDs, ni.ID)
			os.Items = append(os.Items, ni)
		}
		sections = append(sections, ns)
		cp.Order = append(cp.Order, so)
		out.Sections = append(out.Sections, os)
	}
	out.Course = cp
	if err := a.courses.Duplicate(r.Context(), cp, sections, items); err != nil {
		return storeError(err)
	}
	httpapi.WriteJSON(w, http.StatusCreated, out)
	return nil
}

func dedupe(in []string) []string {
	out := []string{}
	for _, s := range in {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// slicesEqual compares two id lists as sets.
func slicesEqual(a, b []string) bool {
	a, b = dedupe(a), dedupe(b)
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}
