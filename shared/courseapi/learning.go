package courseapi

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"lms/shared/access"
	"lms/shared/batch"
	"lms/shared/clock"
	"lms/shared/course"
	"lms/shared/httpapi"
	"lms/shared/ids"
	"lms/shared/markdown"
	"lms/shared/progress"
	"lms/shared/tenancy"
)

// myLearning lists the caller's courses in the tenant with their progress:
// one Query on the learner's summaries (after the membership check).
func (a *API) myLearning(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseStudy)
	if err != nil {
		return err
	}
	list, err := a.progress.MyLearning(r.Context(), c.Tenant.ID, c.Principal.Sub)
	if err != nil {
		return err
	}
	open := list[:0]
	for _, l := range list {
		if l.HasAccess() {
			open = append(open, l)
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"items": open})
	return nil
}

// learnerView is a course as a learner sees it: items not yet available
// (materials still processing) are left out, and their progress is added.
type learnerView struct {
	course.Outline
	Learning progress.Learning        `json:"learning"`
	Progress map[string]progress.Item `json:"progress"`
}

// learnerOutline loads the path's course for a learner with access:
// published or archived (access stays after a batch ends), granted by an
// enrollment. Anything else is 404, as if the course did not exist.
func (a *API) learnerOutline(r *http.Request, c access.Caller) (course.Outline, progress.Learning, map[string]progress.Item, error) {
	id := httpapi.PathParam(r, "courseId")
	if !ids.Valid(id) {
		return course.Outline{}, progress.Learning{}, nil, httpapi.ErrNotFound()
	}
	l, items, found, err := a.progress.CourseState(r.Context(), c.Tenant.ID, c.Principal.Sub, id)
	if err != nil {
		return course.Outline{}, l, nil, err
	}
	if !found || !l.HasAccess() {
		return course.Outline{}, l, nil, httpapi.ErrNotFound()
	}
	o, err := a.courses.Outline(r.Context(), c.Tenant.ID, id)
	if errors.Is(err, course.ErrNotFound) || (err == nil && o.Course.Status == course.StatusDraft) {
		return course.Outline{}, l, nil, httpapi.ErrNotFound()
	}
	return o, l, items, err
}

// availableOnly is the outline without the items learners cannot open yet,
// in the sections and in the course's order alike.
func availableOnly(o course.Outline) course.Outline {
	out := o
	out.Sections = make([]course.OutlineSection, len(o.Sections))
	out.Course.Order = make([]course.SectionOrder, len(o.Sections))
	for i, s := range o.Sections {
		out.Sections[i] = course.OutlineSection{Section: s.Section, Items: []course.Item{}}
		out.Course.Order[i] = course.SectionOrder{SectionID: s.ID, ItemIDs: []string{}}
		for _, it := range s.Items {
			if it.Available() {
				out.Sections[i].Items = append(out.Sections[i].Items, it)
				out.Course.Order[i].ItemIDs = append(out.Course.Order[i].ItemIDs, it.ID)
			}
		}
	}
	return out
}

func requiredItems(o course.Outline) []string {
	var out []string
	for _, s := range o.Sections {
		for _, it := range s.Items {
			if it.Required {
				out = append(out, it.ID)
			}
		}
	}
	return out
}

type progressRequest struct {
	DeviceID        string    `json:"deviceId"`
	SessionSeconds  int       `json:"sessionSeconds"`
	PositionSeconds int       `json:"positionSeconds"`
	Completed       bool      `json:"completed"`
	At              time.Time `json:"at"`
}

// recordProgress merges a report into the learner's item progress and
// course summary. Reports may arrive late, twice or from two devices at
// once: merging is order-independent and every write is conditional, so a
// lost race is re-read and merged again.
func (a *API) recordProgress(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseStudy)
	if err != nil {
		return err
	}
	var in progressRequest
	if err := httpapi.DecodeJSON(r, &in, 2<<10); err != nil {
		return err
	}
	now := a.env.Clock.Now()
	v := httpapi.NewValidation(r)
	v.Check(in.DeviceID != "" && utf8.RuneCountInString(in.DeviceID) <= 64, "deviceId", "field_invalid", nil)
	v.Check(in.SessionSeconds >= 0 && in.SessionSeconds <= 7*24*3600, "sessionSeconds", "field_invalid", nil)
	v.Check(in.PositionSeconds >= 0 && in.PositionSeconds <= 24*3600, "positionSeconds", "field_invalid", nil)
	if in.At.IsZero() || in.At.After(now.Add(5*time.Minute)) {
		in.At = now // a device clock in the future cannot pin the position
	}
	if err := v.Err(); err != nil {
		return err
	}
	o, l, items, err := a.learnerOutline(r, c)
	if err != nil {
		return err
	}
	item, err := findItem(r, o)
	if err != nil || !item.Available() {
		return httpapi.ErrNotFound()
	}
	report := progress.Report{DeviceID: in.DeviceID, SessionSeconds: in.SessionSeconds, PositionSeconds: in.PositionSeconds, Completed: in.Completed, At: in.At}
	out, err := a.saveProgress(r, c.Tenant.ID, c.Principal.Sub, o, l, items, item, report, false)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// saveProgress merges a report into a learner's progress, retrying lost
// races, and completes their batches when the course just reached 100%.
// A quiz is completed only by passing it (trusted: the server says so),
// never by a learner's report.
func (a *API) saveProgress(r *http.Request, tenantID, userID string, o course.Outline, l progress.Learning, items map[string]progress.Item,
	item course.Item, report progress.Report, trusted bool) (map[string]any, error) {
	// Quizzes complete by passing, assignments by submitting: the server
	// says so, never a learner's report.
	if (item.Kind == course.KindQuiz || item.Kind == course.KindAssignment) && !trusted {
		report.Completed = false
	}
	now := a.env.Clock.Now()
	required := requiredItems(o)
	for attempt := 0; ; attempt++ {
		if attempt > 0 { // lost a race: read what the other report wrote
			var found bool
			var err error
			if l, items, found, err = a.progress.CourseState(r.Context(), tenantID, userID, o.Course.ID); err != nil {
				return nil, err
			} else if !found || !l.HasAccess() {
				return nil, httpapi.ErrNotFound()
			}
		}
		before := items[item.ID]
		before.TenantID, before.UserID, before.CourseID, before.ItemID = tenantID, userID, o.Course.ID, item.ID
		after := progress.Merge(before, report, now)
		summary := progress.Apply(l, before, after, required, now)
		// My learning shows the course as it is now.
		summary.CourseTitle, summary.CourseCode, summary.JP = o.Course.Title, o.Course.Code, o.Course.JP
		err := a.progress.Save(r.Context(), summary, after)
		if err == nil {
			// A course just finished, or an item newly done in a finished
			// course (so a failed completion gets another chance).
			if summary.Percent == 100 && (l.Percent < 100 || (after.Completed && !before.Completed)) {
				a.completeBatches(r, tenantID, userID, summary)
			}
			return map[string]any{"item": after, "learning": summary}, nil
		}
		if !errors.Is(err, progress.ErrConflict) || attempt == 24 {
			if errors.Is(err, progress.ErrConflict) {
				return nil, httpapi.NewError(http.StatusConflict, "conflict")
			}
			return nil, err
		}
		time.Sleep(time.Duration(rand.IntN(10*(attempt+1))) * time.Millisecond)
	}
}

// content answers what a learner opens: text pages and links directly;
// materials once the upload pipeline has made them ready.
func (a *API) content(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseStudy)
	if err != nil {
		return err
	}
	var o course.Outline
	if c.Is(tenancy.RoleAdmin, tenancy.RoleInstructor) {
		if o, err = a.loadOutline(r, c); err != nil {
			return err
		}
	} else if o, _, _, err = a.learnerOutline(r, c); err != nil {
		return err
	}
	it, err := findItem(r, o)
	if err != nil || (!c.Is(tenancy.RoleAdmin, tenancy.RoleInstructor) && !it.Available()) {
		return httpapi.ErrNotFound()
	}
	switch {
	case it.Kind == course.KindText:
		// The Markdown as written, and as safe HTML to show.
		httpapi.WriteJSON(w, http.StatusOK, map[string]any{"kind": it.Kind, "title": it.Title, "body": it.Body, "html": markdown.HTML(it.Body)})
	case it.Kind == course.KindAssignment && it.Assignment != nil:
		base := strings.TrimSuffix(r.URL.Path, "/content")
		httpapi.WriteJSON(w, http.StatusOK, map[string]any{"kind": it.Kind, "title": it.Title, "body": it.Body, "html": markdown.HTML(it.Body),
			"assignment": it.Assignment, "submission": base + "/submission", "submissions": base + "/submissions"})
	case it.Kind == course.KindQuiz && it.Quiz != nil:
		// The settings a learner needs before starting; which questions are
		// asked is the attempt's business.
		settings := *it.Quiz
		settings.QuestionIDs, settings.RandomTags = nil, nil
		httpapi.WriteJSON(w, http.StatusOK, map[string]any{"kind": it.Kind, "title": it.Title, "quiz": settings,
			"attempts": strings.TrimSuffix(r.URL.Path, "/content") + "/attempts"})
	case it.Kind == course.KindLink:
		httpapi.WriteJSON(w, http.StatusOK, map[string]any{"kind": it.Kind, "title": it.Title, "url": it.URL})
	default:
		// A material: short-lived links to exactly its files, once ready.
		u, err := a.readyUpload(r.Context(), c.Tenant.ID, it)
		if err != nil {
			return err
		}
		m, err := a.material(r.Context(), r, it, u)
		if err != nil {
			return err
		}
		httpapi.WriteJSON(w, http.StatusOK, m)
	}
	return nil
}

type monitoredItem struct {
	ItemID    string    `json:"itemId"`
	Completed bool      `json:"completed"`
	TimeSpent int       `json:"timeSpentSeconds"`
	LastAt    time.Time `json:"lastAt"`
}

type monitoredLearner struct {
	UserID       string          `json:"userId"`
	Username     string          `json:"username"`
	Name         string          `json:"name"`
	Percent      int             `json:"percent"`
	RequiredDone int             `json:"requiredDone"`
	TimeSpent    int             `json:"timeSpentSeconds"`
	LastAccessAt time.Time       `json:"lastAccessAt,omitzero"`
	CompletedAt  time.Time       `json:"completedAt,omitzero"`
	Items        []monitoredItem `json:"items"`
}

// maxBatchPages bounds the batch pages read to find the ones a PIC follows.
const maxBatchPages = 20

// followed returns the participants of the batches that teach the course
// and name the caller as instructor or PIC (ok=false: none does).
func (a *API) followed(ctx context.Context, c access.Caller, courseID string) (map[string]bool, bool, error) {
	people, ok := map[string]bool{}, false
	cursor := ""
	for page := 0; page < maxBatchPages; page++ {
		bs, err := a.batches.List(ctx, c.Tenant.ID, false, 100, cursor)
		if err != nil {
			return nil, false, err
		}
		for _, b := range bs.Items {
			if !slices.Contains(b.PICIDs, c.Principal.Sub) && !slices.Contains(b.InstructorIDs, c.Principal.Sub) {
				continue
			}
			if !slices.ContainsFunc(b.Courses, func(ref progress.CourseRef) bool { return ref.ID == courseID }) {
				continue
			}
			ok = true
			for ec := ""; ; {
				es, err := a.batches.Enrollments(ctx, c.Tenant.ID, b.ID, 100, ec)
				if err != nil {
					return nil, false, err
				}
				for _, e := range es.Items {
					people[e.UserID] = true
				}
				if ec = es.NextCursor; ec == "" {
					break
				}
			}
		}
		if cursor = bs.NextCursor; cursor == "" {
			break
		}
	}
	return people, ok, nil
}

// monitor shows admins and the course's instructors who opened and
// completed what and for how long; an instructor named as instructor or
// PIC of a batch that teaches the course sees that batch's participants.
// ?format=csv exports it.
func (a *API) monitor(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.CourseRead)
	if err != nil {
		return err
	}
	o, err := a.loadOutline(r, c)
	if err != nil {
		return err
	}
	ctx := r.Context()
	var only map[string]bool // nil: every learner
	if !canEdit(c, o.Course) {
		people, ok, err := a.followed(ctx, c, o.Course.ID)
		if err != nil {
			return err
		}
		if !ok {
			return httpapi.ErrForbidden()
		}
		only = people
	}
	learners, err := a.progress.CourseLearners(ctx, c.Tenant.ID, o.Course.ID)
	if err != nil {
		return err
	}
	if only != nil {
		learners = slices.DeleteFunc(learners, func(l progress.Learning) bool { return !only[l.UserID] })
	}
	items, err := a.progress.CourseItems(ctx, c.Tenant.ID, o.Course.ID)
	if err != nil {
		return err
	}
	userIDs := make([]string, len(learners))
	for i, l := range learners {
		userIDs[i] = l.UserID
	}
	people, err := a.members.GetMemberships(ctx, c.Tenant.ID, userIDs)
	if err != nil {
		return err
	}
	byUser := map[string][]monitoredItem{}
	for _, it := range items {
		byUser[it.UserID] = append(byUser[it.UserID], monitoredItem{ItemID: it.ItemID, Completed: it.Completed, TimeSpent: it.TimeSpent, LastAt: it.LastAt})
	}
	out := make([]monitoredLearner, 0, len(learners))
	for _, l := range learners {
		m := people[l.UserID]
		// Counted against the course as it is now (it may have changed
		// since the learner's last report).
		current := l
		progress.Recount(&current, requiredItems(o), a.env.Clock.Now())
		row := monitoredLearner{UserID: l.UserID, Username: m.Username, Name: m.Name, Percent: current.Percent,
			RequiredDone: current.RequiredDone, TimeSpent: l.TimeSpent, LastAccessAt: l.LastAccessAt, CompletedAt: l.CompletedAt, Items: byUser[l.UserID]}
		if row.Items == nil {
			row.Items = []monitoredItem{}
		}
		out = append(out, row)
	}
	if r.URL.Query().Get("format") == "csv" {
		return writeMonitorCSV(w, o, out)
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"course": o.Course, "requiredTotal": len(requiredItems(o)), "learners": out})
	return nil
}

// writeMonitorCSV writes one row per learner and item (Indonesian
// headings, times in WIB, minutes), ready for a spreadsheet.
func writeMonitorCSV(w http.ResponseWriter, o course.Outline, learners []monitoredLearner) error {
	titles := map[string]string{}
	for _, s := range o.Sections {
		for _, it := range s.Items {
			titles[it.ID] = it.Title
		}
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="pemantauan-%s.csv"`, o.Course.Code))
	cw := csv.NewWriter(w)
	wib := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(clock.Jakarta).Format("2006-01-02 15:04")
	}
	_ = cw.Write([]string{"NIK/NIP", "Nama", "Kemajuan (%)", "Materi", "Selesai", "Waktu (menit)", "Akses terakhir (WIB)"})
	for _, l := range learners {
		if len(l.Items) == 0 {
			_ = cw.Write([]string{l.Username, l.Name, strconv.Itoa(l.Percent), "", "", "0", wib(l.LastAccessAt)})
		}
		for _, it := range l.Items {
			done := "tidak"
			if it.Completed {
				done = "ya"
			}
			_ = cw.Write([]string{l.Username, l.Name, strconv.Itoa(l.Percent), titles[it.ItemID], done,
				strconv.FormatFloat(float64(it.TimeSpent)/60, 'f', 1, 64), wib(it.LastAt)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// completeBatches completes the learner's enrollment in every batch that
// granted this course and whose courses are now all done, recording the
// JP earned. It runs after the progress is stored: a failure here is
// logged, and the next report that completes an item of a finished course,
// or an admin by hand, completes the enrollment.
func (a *API) completeBatches(r *http.Request, tenantID, userID string, l progress.Learning) {
	ctx := r.Context()
	seen := map[string]bool{}
	for _, batchID := range l.Sources {
		if seen[batchID] {
			continue
		}
		seen[batchID] = true
		logFail := func(step string, err error) {
			httpapi.Logger(r).ErrorContext(ctx, "automatic batch completion: "+step, "batchId", batchID, "error", err.Error())
		}
		b, err := a.batches.Get(ctx, tenantID, batchID)
		if errors.Is(err, batch.ErrNotFound) {
			continue // a grant from elsewhere, or a batch since removed
		} else if err != nil {
			logFail("read batch", err)
			continue
		}
		courseIDs := make([]string, len(b.Courses))
		for i, crs := range b.Courses {
			courseIDs[i] = crs.ID
		}
		percents, err := a.progress.Summaries(ctx, tenantID, userID, courseIDs)
		if err != nil {
			logFail("read progress", err)
			continue
		}
		if !batch.Done(b, percents) {
			continue
		}
		e, err := a.batches.GetEnrollment(ctx, tenantID, b.ID, userID)
		if err != nil && !errors.Is(err, batch.ErrNotFound) {
			logFail("read enrollment", err)
			continue
		}
		if err != nil || e.Status != batch.Enrolled || e.Completed {
			continue
		}
		e.CompletedAt, e.CompletedBy, e.CompletionReason = a.env.Clock.Now(), "auto", ""
		if err := a.batches.SetCompletion(ctx, e, b, true); err != nil && !errors.Is(err, batch.ErrConflict) {
			httpapi.Logger(r).ErrorContext(ctx, "automatic batch completion failed", "batchId", b.ID, "error", err.Error())
		}
	}
}
