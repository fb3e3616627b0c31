package courseapi

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"lms/shared/course"
	"lms/shared/httpapi"
	"lms/shared/ids"
)

type sectionRequest struct {
	Title *string `json:"title"`
}

func (a *API) addSection(w http.ResponseWriter, r *http.Request) error {
	_, o, err := a.editable(r)
	if err != nil {
		return err
	}
	var in sectionRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	s := course.Section{TenantID: o.Course.TenantID, CourseID: o.Course.ID}
	if in.Title != nil {
		s.Title = httpapi.CleanText(*in.Title)
	}
	v := httpapi.NewValidation(r)
	v.Length("title", s.Title, 2, 200, true)
	if err := v.Err(); err != nil {
		return err
	}
	now := a.env.Clock.Now()
	s.ID, s.CreatedAt, s.UpdatedAt = ids.New(now), now, now
	err = a.appendRetrying(r, o, func(o *course.Outline) error {
		o.Course.Order = append(o.Course.Order, course.SectionOrder{SectionID: s.ID, ItemIDs: []string{}})
		return a.courses.SaveSection(r.Context(), o.Course, s)
	})
	if err != nil {
		return storeError(err)
	}
	httpapi.WriteJSON(w, http.StatusCreated, course.OutlineSection{Section: s, Items: []course.Item{}})
	return nil
}

// findSection returns the path's section in the outline.
func findSection(r *http.Request, o course.Outline) (int, error) {
	id := httpapi.PathParam(r, "sectionId")
	for i, s := range o.Sections {
		if s.ID == id {
			return i, nil
		}
	}
	return -1, httpapi.ErrNotFound()
}

func (a *API) updateSection(w http.ResponseWriter, r *http.Request) error {
	_, o, err := a.editable(r)
	if err != nil {
		return err
	}
	i, err := findSection(r, o)
	if err != nil {
		return err
	}
	var in sectionRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	s := o.Sections[i].Section
	if in.Title != nil {
		s.Title = httpapi.CleanText(*in.Title)
	}
	v := httpapi.NewValidation(r)
	v.Length("title", s.Title, 2, 200, true)
	if err := v.Err(); err != nil {
		return err
	}
	s.TenantID, s.CourseID, s.UpdatedAt = o.Course.TenantID, o.Course.ID, a.env.Clock.Now()
	if err := a.courses.SaveSection(r.Context(), o.Course, s); err != nil {
		return storeError(err)
	}
	httpapi.WriteJSON(w, http.StatusOK, course.OutlineSection{Section: s, Items: o.Sections[i].Items})
	return nil
}

// removeSection deletes a section with its items.
func (a *API) removeSection(w http.ResponseWriter, r *http.Request) error {
	_, o, err := a.editable(r)
	if err != nil {
		return err
	}
	i, err := findSection(r, o)
	if err != nil {
		return err
	}
	sec := o.Sections[i]
	var itemIDs []string
	for _, it := range sec.Items {
		itemIDs = append(itemIDs, it.ID)
	}
	o.Course.Order = slices.DeleteFunc(o.Course.Order, func(so course.SectionOrder) bool { return so.SectionID == sec.ID })
	if err := a.courses.Remove(r.Context(), o.Course, []string{sec.ID}, itemIDs); err != nil {
		return storeError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type itemRequest struct {
	SectionID       *string            `json:"sectionId"`
	Kind            *course.Kind       `json:"kind"`
	Title           *string            `json:"title"`
	Description     *string            `json:"description"`
	Required        *bool              `json:"required"`
	DurationMinutes *int               `json:"durationMinutes"`
	Body            *string            `json:"body"`
	URL             *string            `json:"url"`
	UploadID        *string            `json:"uploadId"`
	Quiz            *course.Quiz       `json:"quiz"`
	Assignment      *course.Assignment `json:"assignment"`
}

// applyItem copies the fields onto it and validates the result against
// its kind: text pages carry a body, links a URL, materials an upload.
func applyItem(it *course.Item, in itemRequest, v *httpapi.Validation) {
	if in.Title != nil {
		it.Title = httpapi.CleanText(*in.Title)
	}
	v.Length("title", it.Title, 2, 200, true)
	if in.Description != nil {
		it.Description = strings.TrimSpace(*in.Description)
	}
	v.Length("description", it.Description, 0, 2000, false)
	if in.Required != nil {
		it.Required = *in.Required
	}
	if in.DurationMinutes != nil {
		it.DurationMinutes = *in.DurationMinutes
	}
	v.Check(it.DurationMinutes >= 0 && it.DurationMinutes <= 1440, "durationMinutes", "field_invalid", nil)
	if in.Body != nil {
		it.Body = *in.Body
	}
	if in.URL != nil {
		it.URL = strings.TrimSpace(*in.URL)
	}
	if in.Quiz != nil {
		q := *in.Quiz
		it.Quiz = &q
	}
	if in.Assignment != nil {
		as := *in.Assignment
		it.Assignment = &as
	}
	if in.UploadID != nil && *in.UploadID != it.UploadID {
		it.UploadID = *in.UploadID
		// A new upload starts over: learners see the item once it is ready.
		it.MaterialStatus = course.MaterialUploading
	}
	kind := map[string]any{"Kind": string(it.Kind)}
	if it.Kind != course.KindQuiz {
		v.Check(it.Quiz == nil, "quiz", "item_kind_fields", kind)
	}
	if it.Kind != course.KindAssignment {
		v.Check(it.Assignment == nil, "assignment", "item_kind_fields", kind)
	}
	switch {
	case it.Kind == course.KindText:
		v.Length("body", it.Body, 1, 100000, true)
		v.Check(it.URL == "", "url", "item_kind_fields", kind)
		v.Check(it.UploadID == "", "uploadId", "item_kind_fields", kind)
	case it.Kind == course.KindLink:
		v.Check(validURL(it.URL), "url", "url_invalid", nil)
		v.Check(it.Body == "", "body", "item_kind_fields", kind)
		v.Check(it.UploadID == "", "uploadId", "item_kind_fields", kind)
	case it.Kind == course.KindAssignment:
		// The instructions are the body (Markdown), optional.
		checkAssignment(it.Assignment, v)
		v.Length("body", it.Body, 0, 100000, false)
		v.Check(it.URL == "", "url", "item_kind_fields", kind)
		v.Check(it.UploadID == "", "uploadId", "item_kind_fields", kind)
	case it.Kind == course.KindQuiz:
		checkQuiz(it.Quiz, v)
		v.Check(it.Body == "", "body", "item_kind_fields", kind)
		v.Check(it.URL == "", "url", "item_kind_fields", kind)
		v.Check(it.UploadID == "", "uploadId", "item_kind_fields", kind)
	case it.Kind.IsMaterial():
		v.Check(it.UploadID == "" || ids.Valid(it.UploadID), "uploadId", "field_invalid", nil)
		v.Check(it.Body == "", "body", "item_kind_fields", kind)
		v.Check(it.URL == "", "url", "item_kind_fields", kind)
		if it.MaterialStatus == "" {
			it.MaterialStatus = course.MaterialUploading
		}
	}
}

func validURL(s string) bool {
	return (strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")) && len(s) <= 2000 && !strings.ContainsAny(s, " \"'<>")
}

func (a *API) addItem(w http.ResponseWriter, r *http.Request) error {
	_, o, err := a.editable(r)
	if err != nil {
		return err
	}
	var in itemRequest
	if err := httpapi.DecodeJSON(r, &in, 256<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	it := course.Item{TenantID: o.Course.TenantID, CourseID: o.Course.ID}
	if in.Kind == nil || !in.Kind.Valid() {
		v.Add("kind", "field_one_of", map[string]any{"Values": "video, audio, pdf, presentation, document, image, text, link, quiz, assignment"})
	} else {
		it.Kind = *in.Kind
	}
	section := -1
	if in.SectionID != nil {
		for i, so := range o.Course.Order {
			if so.SectionID == *in.SectionID {
				section = i
			}
		}
	}
	v.Check(section >= 0, "sectionId", "section_not_found", nil)
	applyItem(&it, in, v)
	if err := v.Err(); err != nil {
		return err
	}
	now := a.env.Clock.Now()
	it.ID, it.SectionID, it.CreatedAt, it.UpdatedAt = ids.New(now), *in.SectionID, now, now
	err = a.appendRetrying(r, o, func(o *course.Outline) error {
		for i := range o.Course.Order {
			if o.Course.Order[i].SectionID == it.SectionID {
				o.Course.Order[i].ItemIDs = append(o.Course.Order[i].ItemIDs, it.ID)
				return a.courses.SaveItem(r.Context(), o.Course, it)
			}
		}
		return course.ErrNotFound // the section was deleted meanwhile
	})
	if err != nil {
		return storeError(err)
	}
	httpapi.WriteJSON(w, http.StatusCreated, it)
	return nil
}

// findItem returns the path's item in the outline.
func findItem(r *http.Request, o course.Outline) (course.Item, error) {
	if it, ok := o.Item(httpapi.PathParam(r, "itemId")); ok {
		return it, nil
	}
	return course.Item{}, httpapi.ErrNotFound()
}

func (a *API) updateItem(w http.ResponseWriter, r *http.Request) error {
	_, o, err := a.editable(r)
	if err != nil {
		return err
	}
	it, err := findItem(r, o)
	if err != nil {
		return err
	}
	var in itemRequest
	if err := httpapi.DecodeJSON(r, &in, 256<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	if in.Kind != nil && *in.Kind != it.Kind {
		v.Add("kind", "field_invalid", nil)
	}
	if in.SectionID != nil && *in.SectionID != it.SectionID {
		v.Add("sectionId", "field_invalid", nil) // moving is a reorder
	}
	applyItem(&it, in, v)
	if err := v.Err(); err != nil {
		return err
	}
	it.TenantID, it.CourseID, it.UpdatedAt = o.Course.TenantID, o.Course.ID, a.env.Clock.Now()
	if err := a.courses.SaveItem(r.Context(), o.Course, it); err != nil {
		return storeError(err)
	}
	httpapi.WriteJSON(w, http.StatusOK, it)
	return nil
}

func (a *API) removeItem(w http.ResponseWriter, r *http.Request) error {
	_, o, err := a.editable(r)
	if err != nil {
		return err
	}
	it, err := findItem(r, o)
	if err != nil {
		return err
	}
	for i := range o.Course.Order {
		o.Course.Order[i].ItemIDs = slices.DeleteFunc(o.Course.Order[i].ItemIDs, func(id string) bool { return id == it.ID })
	}
	if err := a.courses.Remove(r.Context(), o.Course, nil, []string{it.ID}); err != nil {
		return storeError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type orderRequest struct {
	Sections []course.SectionOrder `json:"sections"`
}

// reorder replaces the whole order in one request: it must name every
// section and item of the course exactly once; items may change section.
func (a *API) reorder(w http.ResponseWriter, r *http.Request) error {
	_, o, err := a.editable(r)
	if err != nil {
		return err
	}
	var in orderRequest
	if err := httpapi.DecodeJSON(r, &in, 256<<10); err != nil {
		return err
	}
	wantSections, wantItems := map[string]bool{}, map[string]bool{}
	for _, s := range o.Sections {
		wantSections[s.ID] = true
		for _, it := range s.Items {
			wantItems[it.ID] = true
		}
	}
	seenS, seenI := map[string]bool{}, map[string]bool{}
	ok := len(in.Sections) == len(wantSections)
	for _, so := range in.Sections {
		if !wantSections[so.SectionID] || seenS[so.SectionID] {
			ok = false
		}
		seenS[so.SectionID] = true
		for _, id := range so.ItemIDs {
			if !wantItems[id] || seenI[id] {
				ok = false
			}
			seenI[id] = true
		}
	}
	if !ok || len(seenI) != len(wantItems) {
		v := httpapi.NewValidation(r)
		v.Add("sections", "order_mismatch", nil)
		return v.Err()
	}
	if in.Sections == nil {
		in.Sections = []course.SectionOrder{}
	}
	for i := range in.Sections {
		if in.Sections[i].ItemIDs == nil {
			in.Sections[i].ItemIDs = []string{}
		}
	}
	o.Course.Order = in.Sections
	if err := a.courses.SaveOrder(r.Context(), o.Course); err != nil {
		return storeError(err)
	}
	var sections []course.Section
	var items []course.Item
	for _, s := range o.Sections {
		sections = append(sections, s.Section)
		items = append(items, s.Items...)
	}
	httpapi.WriteJSON(w, http.StatusOK, course.Arrange(o.Course, sections, items))
	return nil
}

// appendRetrying runs an append to the course's order, and when another
// editor changed the course first (version conflict) re-reads it and
// appends again: appends commute, so a busy course needs no client retry.
func (a *API) appendRetrying(r *http.Request, o course.Outline, save func(*course.Outline) error) error {
	for attempt := 0; ; attempt++ {
		err := save(&o)
		if !errors.Is(err, course.ErrConflict) || attempt == 4 {
			return err
		}
		fresh, err := a.courses.Outline(r.Context(), o.Course.TenantID, o.Course.ID)
		if err != nil {
			return err
		}
		o = fresh
		o.Course.Version++
		o.Course.UpdatedAt = a.env.Clock.Now()
	}
}
