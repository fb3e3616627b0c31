package integration

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lms/infra/demo"
	"lms/shared/clock"
)

// authzClass is what a caller should get from a route.
type authzClass int

const (
	authzAllowed   authzClass = iota + 1 // the handler acts: never 401/403 or 5xx
	authzRefused                         // 401 without a token, 403 (or 404) otherwise
	authzForbidden                       // 401 without a token, exactly 403 otherwise
	authzHidden                          // 401 without a token, exactly 404 otherwise: the caller may not know it exists
)

func (c authzClass) String() string {
	switch c {
	case authzAllowed:
		return "allowed"
	case authzForbidden:
		return "forbidden"
	case authzHidden:
		return "hidden"
	}
	return "refused"
}

// refuses reports whether status is how the class refuses a signed-in
// caller.
func (c authzClass) refuses(status int) bool {
	switch c {
	case authzForbidden:
		return status == http.StatusForbidden
	case authzHidden:
		return status == http.StatusNotFound
	}
	return status == http.StatusForbidden || status == http.StatusNotFound
}

func (c authzClass) statuses() string {
	switch c {
	case authzForbidden:
		return "forbidden (403)"
	case authzHidden:
		return "hidden (404)"
	}
	return "refused (403/404)"
}

// authzCaller is one identity the matrix tries.
type authzCaller struct {
	name   string
	token  string
	role   string // anonymous, learner, instructor, admin, operator
	tenant string // the tenant the caller belongs to; "" for anonymous and the operator
	userID string // "" for anonymous and the operator
	// nip and unit: the caller's record on their tenant's roster, when they
	// are an employee there; duties: the duties it holds.
	nip, unit string
	duties    []string
}

// authzVariant is one way of filling a route's path parameters.
type authzVariant struct {
	tenant   string      // {tenantId}; "" when the route has none
	userID   string      // {userId}
	regID    string      // {registrationId}
	freshReg bool        // {registrationId} is a pending registration made for this very request
	course   authzCourse // {courseId}, {sectionId} and {itemId}
	fresh    string      // "course", "section", "item", "upload", "question", "quiz" or "attempt": that one is made for this very request
	item     string      // "video": {itemId} is the course's processing video, not its text item; "text": its text item, not its assignment
	want     int         // the status an allowed caller gets here, when it is not the rule's
	code     string      // the error code an allowed caller gets here, when want is an error
	cross    bool        // an id in the path belongs to the other tenant
	number   string      // {number}: a certificate number no certificate has
	upload   string      // {uploadId}: an upload of course's PDF item, or one no upload has
	file     string      // {file+}: a derived file of the item (greedy: the rest of the path)
	query    string      // the query string sent after the path ("q=pelatihan"); "": none
	question string      // {questionId}: a question of the course's bank
	label    string

	// submission: the upload routes aim at a submission file for the
	// course's assignment item (the granted course's) rather than at a
	// material: the start route declares one, by the caller; the others
	// aim at ({uploadId}) one uploadBy started (nothing sent).
	submission bool
	uploadBy   string

	// attempt ({attemptId}) is an attempt at the course's quiz (the
	// {itemId} of the attempt routes), attemptBy whose it is; a "fresh"
	// one is made by attemptBy, at a quiz of its own, for this very
	// request. crossAttempt: the course and its quiz are the path tenant's,
	// the attempt alone is the other tenant's.
	attempt      string
	attemptBy    string
	crossAttempt bool

	// courses: for a route with {tenantId} alone, the standing courses and
	// the batch courses of both tenants, as made (none of them changes
	// status): what a search's hits and a reindex's count are held against.
	courses []authzCourse

	batch authzBatch // {batchId}
	// freshBatch: "batch", {batchId} is an open batch made for this very
	// request; "enrollment", and {userId} has a pending enrollment in it;
	// "enrolled", and {userId} is enrolled in it (approved); "evaluation",
	// with an evaluation form and participant enrolled in it by the admin;
	// "answered", and participant has answered the form; "running", an
	// open batch made for this very request and started (running).
	freshBatch  string
	participant string   // who is enrolled in a fresh "evaluation" or "answered" batch
	ids         []string // the userIds an enrollment request names; nil: the caller enrolls themselves

	// Competency development: comp is what the matrix made of it in both
	// tenants; unit ({unitId}), nip ({nip}), job ({jobId}), claim
	// ({claimId}) and plan ({planId}) are what the path aims at
	// (freshPlan: a plan made for this very request). newKind and newUnit
	// are the kind and unit of the claim a POST .../claims body names
	// (newForeign: a unit of the other tenant).
	comp             *authzComp
	unit, nip, job   string
	claim            authzClaim
	plan             string
	freshPlan        bool
	newKind, newUnit string
	newForeign       bool

	// Forums: forum ({forumId}: "helpdesk" or a batch id), thread
	// ({threadId}) and post ({postId}) are what the path aims at (the
	// tenant's standing ones, made by its admin; a rule's freshForum gives
	// a thread with a post made for its very request); faq ({faqId}) is
	// the tenant's standing FAQ entry.
	forum, thread, post, faq string
}

// authzCourse is a course the matrix aims at, with a section and an item.
type authzCourse struct {
	tenant string
	// kind: "draft" is a draft of the admin's, which the instructor does not
	// teach; "published" is the admin's, published; "taught" is a draft the
	// instructor of the demo tenant made, so teaches; "granted" is the
	// admin's, published, granted to the demo learner by an enrollment,
	// with a video still processing besides its text item.
	kind                  string
	id, sectionID, itemID string
	videoID               string // "granted" only
	// pdfID is a PDF item, and uploadID an upload the tenant's admin
	// started for it (nothing is ever sent: it stays uploading); the
	// upload routes aim at them. Not in the granted course, whose items
	// the learner reads.
	pdfID, uploadID string
	status          string // as it was made
	version         int    // as it was made
	// questionID is a question of its bank, quizID a quiz item (not
	// required) asking it. takers took the quiz: everyone who may (its
	// editors; in the granted course the learner) and, in the granted
	// course, another learner; attempts are theirs, as made. Standing
	// courses only.
	questionID, quizID string
	takers             []string
	attempts           []authzAttempt
	// assignmentID is an assignment item (not required, taking text and
	// PDF files, scored out of 10, no due date); submitters submitted a
	// text to it, as made: everyone who may (its editors; in the granted
	// course the learner), and in the granted course another learner.
	// submissionUploads: in the granted course, the submission file the
	// learner and the other learner each started for it (nothing is ever
	// sent: it stays uploading), by userId. Standing courses only.
	assignmentID      string
	submitters        []string
	submissionUploads map[string]string
}

// authzAttempt is a standing attempt at a course's quiz: each taker has a
// submitted one (no answer given: failed, so it completes nothing), then
// one in progress, which a start resumes.
type authzAttempt struct {
	id, userID string
	submitted  bool
}

// authzKindLabel and authzKindTitle name the kinds of course in messages
// and in course titles.
var (
	authzKindLabel = map[string]string{"draft": "admin's draft", "published": "published course", "taught": "instructor's draft", "granted": "granted course",
		"batch": "batch course"}
	authzKindTitle = map[string]string{"draft": "Draf Admin", "published": "Terbit", "taught": "Ampuan Instruktur", "granted": "Peserta Terdaftar",
		"batch": "Angkatan"}
)

// authzOn is a kind of course a course route is tried on.
type authzOn struct {
	kind  string
	fresh string // "course", "section", "item", "upload", "question", "quiz", "attempt": made for each request, as the allowed one changes it for good
	item  string // "video": aim at the course's processing video; "text": at its text item (the assignment routes)
	// submission (the upload routes, on the granted course): "mine", the
	// start route declares a submission file for its assignment, by the
	// caller; "learner" or "another", {uploadId} is one the demo learner
	// or the other learner started (fresh "upload": for each request).
	submission string
	// attempt: "in-progress" or "submitted", aim at each taker's standing
	// attempt of that state at the course's quiz (the attempt routes).
	attempt string
	want    int    // the status an allowed caller gets on it; 0: the rule's
	code    string // the error code that status comes with
}

// authzStanding: the courses made in the setup, as they are. The other
// tenant has only an admin's draft. The granted course is tried by the
// routes a learner may take only (authzLearning).
var authzStanding = []authzOn{{kind: "draft"}, {kind: "published"}, {kind: "taught"}}

// authzLearning: the standing courses and the course granted to the demo
// learner.
var authzLearning = []authzOn{{kind: "draft"}, {kind: "published"}, {kind: "taught"}, {kind: "granted"}}

// authzFreshIn: a throwaway section or item in each standing course.
func authzFreshIn(what string) []authzOn {
	return []authzOn{{kind: "draft", fresh: what}, {kind: "published", fresh: what}, {kind: "taught", fresh: what}}
}

// authzSubmissionsOn: the standing uploads (fresh "upload": one made for
// each request) of each standing course, then the submission files of the
// learner and of another learner for the granted course's assignment.
func authzSubmissionsOn(fresh string) []authzOn {
	out := []authzOn{{kind: "draft", fresh: fresh}, {kind: "published", fresh: fresh}, {kind: "taught", fresh: fresh}}
	for _, by := range []string{"learner", "another"} {
		out = append(out, authzOn{kind: "granted", fresh: fresh, submission: by})
	}
	return out
}

// authzAttemptsOn: the quiz of each course a quiz is taken in (the
// standing ones and the granted one), aimed at with every taker's standing
// attempt of a state ("in-progress", "submitted"), or with a "fresh"
// attempt of every taker's, made for each request at a quiz of its own
// (so an allowed submission really submits); want and code are what an
// allowed caller gets there.
func authzAttemptsOn(attempt string, want int, code string) []authzOn {
	var out []authzOn
	for _, o := range authzLearning {
		o.attempt, o.want, o.code = attempt, want, code
		if attempt == "fresh" {
			o.fresh, o.attempt = "attempt", ""
		}
		out = append(out, o)
	}
	return out
}

// authzAssignmentOn: the assignment item of each course an assignment is
// submitted to (the standing ones and the granted one), then the text item
// of the taught and of the granted course, which is no assignment (404 to
// whoever may see the course).
var authzAssignmentOn = append(slices.Clone(authzLearning),
	authzOn{kind: "taught", item: "text", want: http.StatusNotFound, code: "not_found"},
	authzOn{kind: "granted", item: "text", want: http.StatusNotFound, code: "not_found"})

// authzBatch is a batch (angkatan) the matrix aims at. Each tenant has an
// open batch with the approval policy, holding pending enrollments and an
// evaluation form nobody answered; the demo tenant also has a draft, which
// only its admin sees, without a form.
type authzBatch struct {
	tenant     string
	kind       string // "open" or "draft"; "running" for a fresh batch started for one request
	id         string
	totalJP    int      // the JP a participant earns by completing it
	questionID string   // the one question of its evaluation form; "": it has none
	courseID   string   // its one course
	pending    []string // who asked for a seat in the standing open batch (pending), sorted
}

// authzOnBatch is a batch a batch route is tried on.
type authzOnBatch struct {
	kind string // "open" or "draft": the tenant's standing batch of that kind
	// fresh: "batch", an open batch made for each request (so an allowed
	// self-enrollment really enrolls); "enrollment", with a pending
	// enrollment of who's in it (so an allowed decision really decides);
	// "enrolled", with who enrolled in it (so an allowed completion really
	// completes); "evaluation", with an evaluation form and who enrolled in
	// it by the admin (so an allowed answer or form really lands);
	// "answered", and who answered the form (so it is locked); "running",
	// an open batch made for each request and started, nobody in it (so an
	// allowed admin really starts a certificate job, for nobody).
	fresh string
	who   string // "learner" or "instructor": whose the fresh enrollment is (in the other tenant its admin's, the one member with a token)
	ids   bool   // an admin's enrollment by id, naming a member of the other tenant
	want  int    // the status an allowed caller gets on it; 0: the rule's
	code  string // the error code that status comes with
}

// authzBatchKinds: the standing batches as they are.
var authzBatchKinds = []authzOnBatch{{kind: "open"}, {kind: "draft"}}

// authzRule is the expectation of one route.
type authzRule struct {
	who     func(c authzCaller, v authzVariant) authzClass
	body    func(v authzVariant) any // the JSON body; nil (or returning nil) sends none
	want    int                      // the status an allowed caller gets; 0: any that is not a refusal or a server error
	code    string                   // the error code want comes with, when it is an error (a variant's own want has its own code)
	on      []authzOn                // the courses a route with {courseId} is tried on; nil: authzStanding
	batches []authzOnBatch           // the batches a route with {batchId} is tried on; nil: authzBatchKinds
	// queries: the route is tried with each of these query strings in
	// turn; nil: with none.
	queries []authzQuery
	// check looks into what an allowed caller got (a 2xx in the path's own
	// tenant); it returns what is wrong, or "".
	check func(c authzCaller, v authzVariant, raw []byte) string
	// hidden: the error code a signed-in caller refused with 404
	// (authzHidden) gets; "": any.
	hidden string
	// comp: the claims a route with {claimId} is tried on (nil:
	// authzClaimKinds), the kinds of claim POST .../claims files, or a
	// fresh plan for a route with {planId} (nil: the standing plans).
	comp []authzOnComp
	// freshForum: the forum routes aim at a thread (and post) made for each
	// request.
	freshForum bool
}

// authzQuery is a query string a route is tried with.
type authzQuery struct {
	query string // after the "?"; "": none at all
	want  int    // the status an allowed caller gets with it; 0: the rule's
	code  string // the error code that status comes with
}

func authzAnyone(authzCaller, authzVariant) authzClass { return authzAllowed }

func authzSignedIn(c authzCaller, _ authzVariant) authzClass {
	if c.role == "anonymous" {
		return authzRefused
	}
	return authzAllowed
}

func authzOperatorOnly(c authzCaller, _ authzVariant) authzClass {
	if c.role == "operator" {
		return authzAllowed
	}
	return authzRefused
}

// authzTenantAdmin: the admin of the path's tenant, and the operator.
func authzTenantAdmin(c authzCaller, v authzVariant) authzClass {
	if c.role == "operator" || (c.role == "admin" && c.tenant == v.tenant) {
		return authzAllowed
	}
	return authzRefused
}

// authzCourseStaff: the admin and the instructors of the path's tenant.
// Courses are no business of the operator's.
func authzCourseStaff(c authzCaller, v authzVariant) authzClass {
	if c.tenant != v.tenant || (c.role != "admin" && c.role != "instructor") {
		return authzForbidden
	}
	return authzAllowed
}

// authzCourseReader: staff, but an instructor does not see a draft they do
// not teach (it is unknown to them, 404).
func authzCourseReader(c authzCaller, v authzVariant) authzClass {
	class := authzCourseStaff(c, v)
	if class == authzAllowed && c.role == "instructor" && !v.cross && v.course.kind == "draft" {
		return authzHidden
	}
	return class
}

// authzCourseEditor: the admin edits every course of the tenant, an
// instructor only the ones they teach: another's published course (the
// granted one too) is theirs to read only (403).
func authzCourseEditor(c authzCaller, v authzVariant) authzClass {
	class := authzCourseReader(c, v)
	if class == authzAllowed && c.role == "instructor" && !v.cross && (v.course.kind == "published" || v.course.kind == "granted") {
		return authzForbidden
	}
	return class
}

// authzGranted: the variant aims at what an enrollment opened to the demo
// learner: the granted course of the path's tenant and an item of it a
// learner can open (not the processing video).
func authzGranted(v authzVariant) bool {
	return !v.cross && v.course.kind == "granted" && v.item != "video"
}

// authzCourseLearner: staff as authzCourseReader; a learner of the path's
// tenant opens what an enrollment granted them, and nothing else of the
// tenant is known to them (404): not a published course, nor a draft.
func authzCourseLearner(c authzCaller, v authzVariant) authzClass {
	if c.role != "learner" || c.tenant != v.tenant {
		return authzCourseReader(c, v)
	}
	if authzGranted(v) {
		return authzAllowed
	}
	return authzHidden
}

// authzEnrolled: progress is recorded by the learners a course is granted
// to only. To every other member of the tenant, staff included (they are
// enrolled in nothing), the course is unknown (404); to everyone else the
// tenant is closed (403).
func authzEnrolled(c authzCaller, v authzVariant) authzClass {
	if c.tenant != v.tenant {
		return authzForbidden
	}
	if c.role == "learner" && authzGranted(v) {
		return authzAllowed
	}
	return authzHidden
}

// authzHome: the variant's course is one of the path's tenant (a cross
// variant may aim at one, with an id of the other tenant under it).
func authzHome(v authzVariant) bool { return v.course.tenant == v.tenant }

// authzBankEditor: a course's question bank (answers included) is its
// editors' (authzCourseEditor), whatever id of the other tenant the path
// holds under the course: an instructor is refused another's published
// course (403) before a question is looked for.
func authzBankEditor(c authzCaller, v authzVariant) authzClass {
	if v.cross && authzHome(v) && c.role == "instructor" && c.tenant == v.tenant && (v.course.kind == "published" || v.course.kind == "granted") {
		return authzForbidden
	}
	return authzCourseEditor(c, v)
}

// authzQuizTaker: a course's quiz is taken by its editors (the admin; an
// instructor who teaches it), who follow every learner's attempts, and by
// the learners an enrollment granted the course; to every other member of
// the tenant it is unknown (404), an instructor who does not teach it as
// much as a learner; to everyone else the tenant is closed (403).
func authzQuizTaker(c authzCaller, v authzVariant) authzClass {
	if c.tenant != v.tenant {
		return authzForbidden
	}
	editor := c.role == "admin" || (c.role == "instructor" && v.course.kind == "taught")
	learner := c.role == "learner" && v.course.kind == "granted" && v.item != "video"
	if authzHome(v) && (editor || learner) {
		return authzAllowed
	}
	return authzHidden
}

// authzAttemptReader: an attempt is read by its editors and by the learner
// who made it; to another learner it is unknown (404).
func authzAttemptReader(c authzCaller, v authzVariant) authzClass {
	class := authzQuizTaker(c, v)
	if class == authzAllowed && !v.cross && c.role == "learner" && c.userID != v.attemptBy {
		return authzHidden
	}
	return class
}

// authzAttemptOwner: an attempt is answered and submitted by the one who
// made it alone: to anyone else, editors included, it is unknown (404).
func authzAttemptOwner(c authzCaller, v authzVariant) authzClass {
	class := authzQuizTaker(c, v)
	if class == authzAllowed && !v.cross && c.userID != v.attemptBy {
		return authzHidden
	}
	return class
}

// authzAttemptGrader: attempts are graded by the quiz's editors; a learner
// who may take it is refused (403) whatever the attempt, even one of the
// other tenant (not looked for), but not a quiz that is not there (404).
func authzAttemptGrader(c authzCaller, v authzVariant) authzClass {
	class := authzQuizTaker(c, v)
	if class == authzAllowed && c.role == "learner" && (!v.cross || v.crossAttempt) {
		return authzForbidden
	}
	return class
}

// authzAssignmentGrader: submissions are graded by the assignment's
// editors; a learner who may submit to it is refused (403), but not an
// item that is no assignment (404), nor one of the other tenant (not
// found).
func authzAssignmentGrader(c authzCaller, v authzVariant) authzClass {
	class := authzQuizTaker(c, v)
	if class == authzAllowed && c.role == "learner" && !v.cross && v.item == "" {
		return authzForbidden
	}
	return class
}

// authzUploadStarter: a material is started by the editors of its course
// (authzCourseEditor) and refused to a learner (403) whatever the course; a
// submission file for an assignment by whoever may submit to it
// (authzQuizTaker): the course's editors and the learner it was granted to.
func authzUploadStarter(c authzCaller, v authzVariant) authzClass {
	if v.submission {
		return authzQuizTaker(c, v)
	}
	return authzCourseEditor(c, v)
}

// authzUploadFollower: an upload is followed (read, its parts presigned,
// completed, retried, aborted) by the editors of its course
// (authzCourseEditor), a submission file also by the learner who started
// it; to a learner of the tenant every other upload is unknown (404
// upload_not_found, as an id no upload has): its existence is not given
// away.
func authzUploadFollower(c authzCaller, v authzVariant) authzClass {
	if c.role == "learner" && c.tenant == v.tenant {
		if v.submission && !v.cross && c.userID == v.uploadBy {
			return authzAllowed
		}
		return authzHidden
	}
	return authzCourseEditor(c, v)
}

// authzTenantMember: any active member of the path's tenant, whatever the
// role; not the operator, who is a member of none.
func authzTenantMember(c authzCaller, v authzVariant) authzClass {
	if c.tenant == v.tenant && (c.role == "admin" || c.role == "instructor" || c.role == "learner") {
		return authzAllowed
	}
	return authzForbidden
}

// authzForumReader: the help desk is every signed-in caller's; a batch's
// forum is its members' and the tenant's admins' and instructors' (the
// matrix's learner only asked for a seat: not a member), unknown to
// everyone else (404 forum_not_found).
func authzForumReader(c authzCaller, v authzVariant) authzClass {
	switch {
	case c.role == "anonymous":
		return authzRefused
	case v.forum == "helpdesk":
		return authzAllowed
	case c.tenant == v.tenant && (c.role == "admin" || c.role == "instructor"):
		return authzAllowed
	}
	return authzHidden
}

// authzForumModerator: moderation (and editing or deleting what the
// admin wrote) is for the tenant's admins and instructors; other readers
// are refused (403).
func authzForumModerator(c authzCaller, v authzVariant) authzClass {
	class := authzForumReader(c, v)
	if class == authzAllowed && !(c.tenant == v.tenant && (c.role == "admin" || c.role == "instructor")) {
		return authzForbidden
	}
	return class
}

// authzForumAsker: the feedback on an automatic reply is the asker's (the
// admin asked the standing questions); other readers are refused (403).
func authzForumAsker(c authzCaller, v authzVariant) authzClass {
	class := authzForumReader(c, v)
	if class == authzAllowed && !v.cross && !(c.tenant == v.tenant && c.role == "admin") {
		return authzForbidden
	}
	return class
}

// authzForumStaff: the reports and the help desk queue are the tenant's
// admins' and instructors'; announcements too.
func authzForumStaff(c authzCaller, v authzVariant) authzClass {
	if c.tenant == v.tenant && (c.role == "admin" || c.role == "instructor") {
		return authzAllowed
	}
	return authzForbidden
}

// authzForumAnnouncer: staff announce to a batch; a draft is the admins'
// (404 to instructors, as the batch routes have it).
func authzForumAnnouncer(c authzCaller, v authzVariant) authzClass {
	class := authzForumStaff(c, v)
	if class == authzAllowed && c.role != "admin" && !v.cross && v.batch.kind == "draft" {
		return authzHidden
	}
	return class
}

// authzCourseAdmin: deleting a course is the tenant admin's alone, even
// for a course the instructor teaches.
func authzCourseAdmin(c authzCaller, v authzVariant) authzClass {
	if c.role == "admin" && c.tenant == v.tenant {
		return authzAllowed
	}
	return authzForbidden
}

// authzBatchAdmin: running batches (creating, editing, deciding
// enrollments) is the tenant admin's alone; not the operator's.
func authzBatchAdmin(c authzCaller, v authzVariant) authzClass {
	if c.role == "admin" && c.tenant == v.tenant {
		return authzAllowed
	}
	return authzForbidden
}

// authzBatchViewer: any member of the tenant sees its batches, but a draft
// is the admins' business: unknown to everyone else (404).
func authzBatchViewer(c authzCaller, v authzVariant) authzClass {
	class := authzTenantMember(c, v)
	if class == authzAllowed && c.role != "admin" && !v.cross && v.batch.kind == "draft" {
		return authzHidden
	}
	return class
}

// authzBatchEnroller: any member who sees the batch enrolls themselves;
// enrolling others by id is the admin's alone (403 once the batch is
// seen).
func authzBatchEnroller(c authzCaller, v authzVariant) authzClass {
	class := authzBatchViewer(c, v)
	if class == authzAllowed && v.ids != nil && c.role != "admin" && !v.cross {
		return authzForbidden
	}
	return class
}

// authzBatchFollower: a batch's participants are listed to the admin and
// to the batch's instructors and PICs (none in this setup); other members
// who see the batch are refused (403).
func authzBatchFollower(c authzCaller, v authzVariant) authzClass {
	class := authzBatchViewer(c, v)
	if class == authzAllowed && c.role != "admin" && !v.cross {
		return authzForbidden
	}
	return class
}

// authzBatchParticipant: an enrollment is withdrawn by its participant or
// by the admin; another member is refused (403) whatever the batch.
func authzBatchParticipant(c authzCaller, v authzVariant) authzClass {
	class := authzTenantMember(c, v)
	if class == authzAllowed && c.role != "admin" && c.userID != v.userID {
		return authzForbidden
	}
	return class
}

// authzEvaluationReader: a batch's evaluation form is read by those who
// follow the batch (the admin, with the results) and by the participants
// enrolled in it (without); other members who see the batch are refused
// (403), the learner and the instructor with a pending request too, whether
// or not the batch has a form (the refusal says nothing about it).
func authzEvaluationReader(c authzCaller, v authzVariant) authzClass {
	class := authzBatchFollower(c, v)
	if class == authzForbidden && !v.cross && c.tenant == v.tenant && v.participant != "" && c.userID == v.participant {
		return authzAllowed
	}
	return class
}

// authzEvaluationRespondent: only a participant enrolled in the batch
// answers its evaluation; every other member who sees the batch is refused
// (403), the admin too.
func authzEvaluationRespondent(c authzCaller, v authzVariant) authzClass {
	class := authzBatchViewer(c, v)
	if class == authzAllowed && !v.cross && (v.participant == "" || c.userID != v.participant) {
		return authzForbidden
	}
	return class
}

// authzEvaluation is as much of a batch's evaluation as the matrix reads.
type authzEvaluation struct {
	BatchID   string `json:"batchId"`
	Questions []struct {
		ID   string `json:"id"`
		Kind string `json:"kind"`
		Text string `json:"text"`
	} `json:"questions"`
	Responses int `json:"responses"`
	Results   []struct {
		ID       string  `json:"id"`
		Answered int     `json:"answered"`
		Mean     float64 `json:"mean"`
	} `json:"results"`
}

// authzFormBody is a valid evaluation form of one scale question.
func authzFormBody() any {
	return map[string]any{"questions": []map[string]any{{"kind": "scale", "text": "Materi jelas", "required": true}}}
}

// authzAnswerBody answers the form's question with the top of the scale.
func authzAnswerBody(questionID string) any {
	if questionID == "" {
		return map[string]any{"answers": map[string]string{}}
	}
	return map[string]any{"answers": map[string]string{questionID: "5"}}
}

// authzEvaluationCheck: an allowed reader gets the batch's form as it was
// made, with its count of responses; the results (every answer, aggregated)
// only when they follow the batch, never as a mere participant.
func authzEvaluationCheck(c authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var ev authzEvaluation
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &ev) != nil {
		return "is not an evaluation"
	}
	responses := 0
	if v.freshBatch == "answered" {
		responses = 1
	}
	counted := responses
	if c.role != "admin" { // the response count is a result, for organisers only
		counted = 0
	}
	switch {
	case ev.BatchID != v.batch.id:
		return fmt.Sprintf("names the batch %q", ev.BatchID)
	case len(ev.Questions) != 1 || ev.Questions[0].ID != v.batch.questionID:
		return "does not hold the form as it was made"
	case ev.Responses != counted:
		return fmt.Sprintf("counts %d responses, want %d", ev.Responses, counted)
	}
	_, shown := top["results"]
	if follows := c.role == "admin"; shown != follows {
		return fmt.Sprintf("shows results=%v, want %v: only those who follow the batch see them", shown, follows)
	}
	if shown && (len(ev.Results) != 1 || ev.Results[0].ID != v.batch.questionID || ev.Results[0].Answered != responses ||
		(responses > 0 && ev.Results[0].Mean != 5)) {
		return fmt.Sprintf("has results that are not the %d answer(s) of 5 given", responses)
	}
	return ""
}

// authzReport is as much of a batch report as the matrix reads.
type authzReport struct {
	Batch struct {
		ID      string `json:"id"`
		Code    string `json:"code"`
		Courses []struct {
			ID   string `json:"id"`
			Code string `json:"code"`
		} `json:"courses"`
	} `json:"batch"`
	Participants []struct {
		UserID      string         `json:"userId"`
		Username    string         `json:"username"`
		Status      string         `json:"status"`
		Progress    int            `json:"progress"`
		Courses     map[string]int `json:"courses"`
		Completed   bool           `json:"completed"`
		JP          int            `json:"jp"`
		Certificate *string        `json:"certificateNumber"`
		Evaluated   bool           `json:"evaluated"`
	} `json:"participants"`
}

// authzReportCheck: an allowed reader gets the report of the batch in the
// path, with its one course, and a row for every request for a seat, sorted
// by user id (the standing open batch's pending requests; none in the
// draft): the progress in that course, not completed, no JP, no
// certificate, no evaluation answered (nobody may answer the standing
// forms).
func authzReportCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var rep authzReport
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &rep) != nil {
		return "is not a batch report"
	}
	switch {
	case !strings.HasPrefix(string(top["participants"]), "["):
		return "has no list of participants"
	case rep.Batch.ID != v.batch.id:
		return fmt.Sprintf("is the report of the batch %q", rep.Batch.ID)
	case len(rep.Batch.Courses) != 1 || rep.Batch.Courses[0].ID != v.batch.courseID:
		return "does not hold the batch's one course"
	}
	var got []string
	for _, p := range rep.Participants {
		got = append(got, p.UserID)
		pct, ok := p.Courses[v.batch.courseID]
		switch {
		case p.Status != "pending":
			return fmt.Sprintf("has %s as %q, want pending", p.UserID, p.Status)
		case p.Username == "" || strings.Trim(p.Username, "0123456789") != "":
			return fmt.Sprintf("gives %s the NIK/NIP %q", p.UserID, p.Username)
		case len(p.Courses) != 1 || !ok || p.Progress != pct || pct < 0 || pct > 100:
			return fmt.Sprintf("gives %s the progress %d in %v, not the one of the batch's course", p.UserID, p.Progress, p.Courses)
		case p.Completed || p.JP != 0 || p.Certificate == nil || *p.Certificate != "" || p.Evaluated:
			return fmt.Sprintf("has %s completed, with JP, a certificate or an evaluation", p.UserID)
		}
	}
	if !slices.Equal(got, v.batch.pending) {
		return fmt.Sprintf("lists the participants %v, want %v in that order", got, v.batch.pending)
	}
	return ""
}

// authzCertificates is as much of a page of certificates as the matrix
// reads.
type authzCertificates struct {
	Items []struct {
		Number      string `json:"number"`
		TenantID    string `json:"tenantId"`
		BatchID     string `json:"batchId"`
		UserID      string `json:"userId"`
		DownloadURL string `json:"downloadUrl"`
	} `json:"items"`
}

// authzBatchCertificatesCheck: an allowed reader gets a list of the
// batch's certificates, and no batch of the matrix has any (nobody may
// start a job on the standing ones, which are open or drafts).
func authzBatchCertificatesCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var page authzCertificates
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &page) != nil || !strings.HasPrefix(string(top["items"]), "[") {
		return "is not a list of certificates"
	}
	if len(page.Items) != 0 {
		return fmt.Sprintf("lists %d certificates of the batch %s, which has none", len(page.Items), v.batch.id)
	}
	return ""
}

// authzMyCertificatesCheck: a member's own certificates are theirs, in the
// path's tenant, each with a download link.
func authzMyCertificatesCheck(c authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var page authzCertificates
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &page) != nil || !strings.HasPrefix(string(top["items"]), "[") {
		return "is not a list of certificates"
	}
	for _, it := range page.Items {
		if it.TenantID != v.tenant || it.UserID != c.userID || it.DownloadURL == "" {
			return fmt.Sprintf("lists the certificate %s of %s in %s (download link %q), not the caller's own in %s",
				it.Number, it.UserID, it.TenantID, it.DownloadURL, v.tenant)
		}
	}
	return ""
}

// authzCertificateSettings is a tenant's certificate settings as the API
// shows them.
type authzCertificateSettings struct {
	NumberPrefix string `json:"numberPrefix"`
	IDDisplay    string `json:"idDisplay"`
	HasLogo      bool   `json:"hasLogo"`
	Version      int    `json:"version"`
}

// authzCertificateSettingsCheck: the settings have a valid prefix and way
// of showing the NIK/NIP; the other tenant, made by the test, has the
// defaults: its short name, masked, never saved, no logo. (The demo
// tenant's may have been saved by another test.)
func authzCertificateSettingsCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var s authzCertificateSettings
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &s) != nil {
		return "is not certificate settings"
	}
	for _, k := range []string{"numberPrefix", "idDisplay", "hasLogo", "version"} {
		if _, ok := top[k]; !ok {
			return fmt.Sprintf("lacks %q", k)
		}
	}
	switch {
	case s.NumberPrefix == "" || strings.Trim(s.NumberPrefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" || len(s.NumberPrefix) > 12:
		return fmt.Sprintf("has the number prefix %q", s.NumberPrefix)
	case s.IDDisplay != "full" && s.IDDisplay != "masked" && s.IDDisplay != "omitted":
		return fmt.Sprintf("shows the NIK/NIP %q", s.IDDisplay)
	case v.tenant != demo.TenantID && (s.NumberPrefix != "BUOL" || s.IDDisplay != "masked" || s.Version != 0 || s.HasLogo):
		return "are not the defaults of a tenant that never saved them"
	}
	return ""
}

// authzUploadView is an upload as the API shows it.
type authzUploadView struct {
	TenantID  string `json:"tenantId"`
	ID        string `json:"id"`
	Purpose   string `json:"purpose"`
	CourseID  string `json:"courseId"`
	ItemID    string `json:"itemId"`
	Class     string `json:"class"`
	Size      int64  `json:"size"`
	Multipart bool   `json:"multipart"`
	Status    string `json:"status"`
	CreatedBy string `json:"createdBy"`
}

// authzUploadBody declares a small PDF (one PUT) for the PDF item of the
// variant's course, or, for a submission, for its assignment item.
func authzUploadBody(v authzVariant) any {
	purpose, itemID, name := "material", v.course.pdfID, "materi.pdf"
	if v.submission {
		purpose, itemID, name = "submission", v.course.assignmentID, "jawaban.pdf"
	}
	return map[string]any{"purpose": purpose, "courseId": v.course.id, "itemId": itemID, "fileName": name,
		"contentType": "application/pdf", "size": 1000, "sha256": strings.Repeat("ab", 32)}
}

// authzUploadProblem: an upload is a material of the PDF item of the
// variant's course (for a submission: a submission file for its
// assignment item), in the path's tenant, one PUT of 1000 bytes, still
// uploading; where it is stored (its object key, S3's upload id) is not
// shown. It returns what is wrong, or "".
func authzUploadProblem(v authzVariant, raw []byte, u *authzUploadView) string {
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, u) != nil {
		return "is not an upload"
	}
	for _, k := range []string{"key", "s3UploadId"} {
		if _, ok := top[k]; ok {
			return fmt.Sprintf("shows %q", k)
		}
	}
	purpose, itemID, what := "material", v.course.pdfID, "the PDF item"
	if v.submission {
		purpose, itemID, what = "submission", v.course.assignmentID, "the assignment item"
	}
	switch {
	case u.TenantID != v.tenant || u.CourseID != v.course.id || u.ItemID != itemID:
		return fmt.Sprintf("is an upload of the item %s of the course %s of %s, want %s of %s", u.ItemID, u.CourseID, u.TenantID, what, v.label)
	case u.Purpose != purpose || u.Class != "pdf" || u.Size != 1000 || u.Multipart:
		return fmt.Sprintf("is not the one PUT of a 1000-byte PDF %s declared", purpose)
	case u.Status != "uploading":
		return fmt.Sprintf("is %s, want uploading (nothing was sent)", u.Status)
	}
	return ""
}

// authzUploadStartCheck: a started upload is the caller's, of what was
// declared, with the presigned PUT to send it with.
func authzUploadStartCheck(c authzCaller, v authzVariant, raw []byte) string {
	var out struct {
		Upload json.RawMessage `json:"upload"`
		Put    *struct {
			Method string `json:"method"`
			URL    string `json:"url"`
		} `json:"put"`
	}
	if json.Unmarshal(raw, &out) != nil {
		return "is not a started upload"
	}
	var u authzUploadView
	if p := authzUploadProblem(v, out.Upload, &u); p != "" {
		return p
	}
	switch {
	case u.ID == "" || u.CreatedBy != c.userID:
		return fmt.Sprintf("is the upload %q by %q, want a new one by the caller", u.ID, u.CreatedBy)
	case out.Put == nil || out.Put.Method != http.MethodPut || out.Put.URL == "":
		return "has no presigned PUT"
	}
	return ""
}

// authzUploadCheck: the upload read is the one in the path, as the admin
// (a submission file: uploadBy) started it.
func authzUploadCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var u authzUploadView
	if p := authzUploadProblem(v, raw, &u); p != "" {
		return p
	}
	if u.ID != v.upload {
		return fmt.Sprintf("is the upload %s, want %s", u.ID, v.upload)
	}
	if v.submission && u.CreatedBy != v.uploadBy {
		return fmt.Sprintf("is the submission file of %s, want %s's", u.CreatedBy, v.uploadBy)
	}
	return ""
}

// authzSearchResults is a page of search results as the matrix reads it.
type authzSearchResults struct {
	Query  string `json:"query"`
	Total  uint64 `json:"total"`
	Offset int    `json:"offset"`
	Items  []struct {
		Kind     string   `json:"kind"`
		CourseID string   `json:"courseId"`
		ItemID   string   `json:"itemId"`
		Snippets []string `json:"snippets"`
	} `json:"items"`
}

// authzFindable: what a search may find of the standing and batch courses
// (whose status never changes): the admin every course of the tenant, an
// instructor the ones they teach and the published ones (not the admin's
// draft), a learner what an enrollment granted them (the granted course;
// the batch courses are granted to staff only).
func authzFindable(c authzCaller, crs authzCourse) bool {
	switch {
	case crs.tenant != c.tenant:
		return false
	case c.role == "admin":
		return true
	case c.role == "instructor":
		return crs.kind != "draft"
	}
	return crs.kind == "granted"
}

// authzSearchCheck: an allowed member gets a first page of results for
// their words, and every hit is in a course of the path's tenant the
// caller may open: never a course of the other tenant, nor one of the
// tenant's the caller may not open.
func authzSearchCheck(c authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var res authzSearchResults
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &res) != nil || !strings.HasPrefix(string(top["items"]), "[") {
		return "is not a page of search results"
	}
	q, _ := url.ParseQuery(v.query)
	switch {
	case res.Query != q.Get("q"):
		return fmt.Sprintf("is the search for %q, want %q", res.Query, q.Get("q"))
	case res.Offset != 0 || res.Total < uint64(len(res.Items)):
		return fmt.Sprintf("is not a first page: offset %d, %d hits of %d", res.Offset, len(res.Items), res.Total)
	}
	for _, h := range res.Items {
		if (h.Kind != "course" && h.Kind != "item") || (h.Kind == "item") != (h.ItemID != "") || h.Snippets == nil {
			return fmt.Sprintf("has a hit of kind %q, item %q, snippets %v", h.Kind, h.ItemID, h.Snippets)
		}
		for _, crs := range v.courses {
			switch {
			case crs.id != h.CourseID:
			case crs.tenant != v.tenant:
				return fmt.Sprintf("finds the %s %s of %s", authzKindLabel[crs.kind], crs.id, crs.tenant)
			case !authzFindable(c, crs):
				return fmt.Sprintf("finds the %s %s of %s, which the %s may not open", authzKindLabel[crs.kind], crs.id, crs.tenant, c.role)
			}
		}
	}
	return ""
}

// authzReindexCheck: a reindex queues every course of the path's tenant,
// so at least the standing and batch courses it has.
func authzReindexCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var out map[string]int
	if err := json.Unmarshal(raw, &out); err != nil || len(out) != 1 {
		return "is not a count of courses"
	}
	n, ok := out["courses"]
	least := 0
	for _, crs := range v.courses {
		if crs.tenant == v.tenant {
			least++
		}
	}
	if !ok || n < least {
		return fmt.Sprintf("queues %d courses, want at least the %d the matrix made in %s", n, least, v.tenant)
	}
	return ""
}

func authzEmpty(authzVariant) any { return map[string]any{} }

// authzForumThreadBody is a new thread (or announcement); authzForumStale
// an edit at a version the thread never had.
func authzForumThreadBody(authzVariant) any {
	return map[string]string{"title": "Pertanyaan uji otorisasi", "body": "Isi pertanyaan uji."}
}
func authzForumStale(authzVariant) any { return map[string]any{"version": 99999} }

// authzQuestionView is a question of a bank as its editors see it.
type authzQuestionView struct {
	ID       string   `json:"id"`
	CourseID string   `json:"courseId"`
	Type     string   `json:"type"`
	Correct  []string `json:"correct"`
	Version  int      `json:"version"`
}

// authzQuestionBody is a valid true/false question.
func authzQuestionBody(authzVariant) any {
	return map[string]any{"type": "truefalse", "text": "Uji otorisasi: soal baru, benar?", "points": 1, "correct": []string{"true"}}
}

// authzQuestionListCheck: a page of the bank of the course in the path,
// holding its standing question.
func authzQuestionListCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var page struct {
		Items []authzQuestionView `json:"items"`
	}
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &page) != nil || !strings.HasPrefix(string(top["items"]), "[") {
		return "is not a page of questions"
	}
	found := false
	for _, q := range page.Items {
		if q.CourseID != v.course.id {
			return fmt.Sprintf("lists the question %s of the course %s", q.ID, q.CourseID)
		}
		found = found || q.ID == v.course.questionID
	}
	if !found {
		return fmt.Sprintf("lacks the standing question %s", v.course.questionID)
	}
	return ""
}

// authzQuestionCreateCheck: a new question (version 1) of the path's
// course, as sent.
func authzQuestionCreateCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var q authzQuestionView
	if json.Unmarshal(raw, &q) != nil || q.ID == "" {
		return "is not a question"
	}
	if q.CourseID != v.course.id || q.Type != "truefalse" || !slices.Equal(q.Correct, []string{"true"}) || q.Version != 1 {
		return fmt.Sprintf("is not the question sent, new in the course %s", v.course.id)
	}
	return ""
}

// authzQuestionCheck: the question in the path, with its key (the editors
// see it).
func authzQuestionCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var q authzQuestionView
	if json.Unmarshal(raw, &q) != nil {
		return "is not a question"
	}
	if q.ID != v.question || q.CourseID != v.course.id || !slices.Equal(q.Correct, []string{"true"}) {
		return fmt.Sprintf("is the question %s of the course %s (key %v), want %s of %s with its key", q.ID, q.CourseID, q.Correct, v.question, v.course.id)
	}
	return ""
}

// authzQuestionExportCheck: a bank file (CSV or XLSX, as asked) whose
// heading starts with ID and whose rows hold the course's standing
// question.
func authzQuestionExportCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var rows [][]string
	if strings.HasSuffix(v.query, "xlsx") {
		f, err := excelize.OpenReader(bytes.NewReader(raw))
		if err != nil {
			return "is not a workbook"
		}
		defer f.Close()
		if rows, err = f.GetRows(f.GetSheetList()[0]); err != nil {
			return "has no readable first sheet"
		}
	} else {
		var err error
		if rows, err = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))).ReadAll(); err != nil {
			return "is not CSV"
		}
	}
	if len(rows) == 0 || len(rows[0]) == 0 || rows[0][0] != "ID" {
		return "has no ID heading"
	}
	for _, r := range rows[1:] {
		if len(r) > 0 && r[0] == v.course.questionID {
			return ""
		}
	}
	return fmt.Sprintf("lacks the standing question %s", v.course.questionID)
}

// authzAttemptView is an attempt as the API shows it.
type authzAttemptView struct {
	ID        string `json:"id"`
	CourseID  string `json:"courseId"`
	ItemID    string `json:"itemId"`
	UserID    string `json:"userId"`
	Number    int    `json:"number"`
	Status    string `json:"status"`
	Questions []struct {
		ID string `json:"id"`
	} `json:"questions"`
}

// authzAttemptSubmitted: the variant's attempt is a standing submitted one
// (a fresh one is in progress).
func authzAttemptSubmitted(v authzVariant) bool {
	return slices.ContainsFunc(v.course.attempts, func(a authzAttempt) bool { return a.id == v.attempt && a.submitted })
}

// authzAttemptProblem: an attempt at the quiz in the path, in progress or
// not as wanted, asking the quiz's one question; before it is submitted
// the answers are not shown to a learner.
func authzAttemptProblem(c authzCaller, v authzVariant, raw []byte, a *authzAttemptView, open bool) string {
	if json.Unmarshal(raw, a) != nil || a.ID == "" {
		return "is not an attempt"
	}
	switch {
	case a.CourseID != v.course.id || a.ItemID != v.course.itemID:
		return fmt.Sprintf("is an attempt at the item %s of the course %s, want the quiz %s of %s", a.ItemID, a.CourseID, v.course.itemID, v.course.id)
	case (a.Status == "in-progress") != open:
		return fmt.Sprintf("is %s, want in progress=%v", a.Status, open)
	case len(a.Questions) != 1 || a.Questions[0].ID != v.course.questionID:
		return "does not ask the quiz's one question"
	case open && c.role == "learner" && (strings.Contains(string(raw), `"correct"`) || strings.Contains(string(raw), `"review"`)):
		return "shows the answers before it is submitted"
	}
	return ""
}

// authzAttemptStartCheck: a start at a fresh quiz is the caller's first
// attempt; at a standing quiz it resumes the caller's attempt in progress.
func authzAttemptStartCheck(c authzCaller, v authzVariant, raw []byte) string {
	var a authzAttemptView
	if p := authzAttemptProblem(c, v, raw, &a, true); p != "" {
		return p
	}
	if a.UserID != c.userID {
		return fmt.Sprintf("is an attempt of %s, not the caller's", a.UserID)
	}
	if v.fresh == "quiz" {
		if a.Number != 1 {
			return fmt.Sprintf("is the attempt number %d at a quiz nobody took", a.Number)
		}
		return ""
	}
	for _, s := range v.course.attempts {
		if s.userID == c.userID && !s.submitted && s.id != a.ID {
			return fmt.Sprintf("is the attempt %s, not the caller's attempt %s in progress", a.ID, s.id)
		}
	}
	return ""
}

// authzAttemptListCheck: the course's editors list every attempt at the
// quiz; a learner their own, without answers or results.
func authzAttemptListCheck(c authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var page struct {
		Items []authzAttemptView `json:"items"`
	}
	var fields struct {
		Items []map[string]json.RawMessage `json:"items"`
	}
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &page) != nil || json.Unmarshal(raw, &fields) != nil || !strings.HasPrefix(string(top["items"]), "[") {
		return "is not a list of attempts"
	}
	var got, want []string
	for _, a := range page.Items {
		got = append(got, a.ID)
		if a.ItemID != v.course.itemID {
			return fmt.Sprintf("lists the attempt %s at the item %s", a.ID, a.ItemID)
		}
	}
	for _, a := range v.course.attempts {
		if c.role != "learner" || a.userID == c.userID {
			want = append(want, a.id)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Sprintf("lists the attempts %v, want %v", got, want)
	}
	if c.role == "learner" {
		for _, f := range fields.Items {
			if a, ok := f["answers"]; (ok && string(a) != "null") || f["results"] != nil {
				return "shows a learner the answers or results in the list"
			}
		}
	}
	return ""
}

// authzAttemptCheck: the attempt in the path, whose it is, in progress
// unless it was submitted (or submit says it is now).
func authzAttemptCheck(submits bool) func(c authzCaller, v authzVariant, raw []byte) string {
	return func(c authzCaller, v authzVariant, raw []byte) string {
		var a authzAttemptView
		if p := authzAttemptProblem(c, v, raw, &a, !submits && !authzAttemptSubmitted(v)); p != "" {
			return p
		}
		if a.ID != v.attempt || a.UserID != v.attemptBy {
			return fmt.Sprintf("is the attempt %s of %s, want %s of %s", a.ID, a.UserID, v.attempt, v.attemptBy)
		}
		return ""
	}
}

// authzSubmissionView is a submission to an assignment as the API shows
// it.
type authzSubmissionView struct {
	CourseID string   `json:"courseId"`
	ItemID   string   `json:"itemId"`
	UserID   string   `json:"userId"`
	Text     string   `json:"text"`
	Score    *float64 `json:"score"`
	Grade    *float64 `json:"grade"`
}

// authzSubmissionBody is a text answer, which every assignment of the
// matrix takes.
func authzSubmissionBody(authzVariant) any { return map[string]string{"text": "Jawaban uji"} }

// authzSubmitCheck: the caller's own submission to the assignment in the
// path, with the text sent.
func authzSubmitCheck(c authzCaller, v authzVariant, raw []byte) string {
	var s authzSubmissionView
	if json.Unmarshal(raw, &s) != nil || s.UserID == "" {
		return "is not a submission"
	}
	if s.CourseID != v.course.id || s.ItemID != v.course.itemID || s.UserID != c.userID || s.Text != "Jawaban uji" {
		return fmt.Sprintf("is the submission of %s to the item %s of the course %s (text %q), want the caller's to %s of %s with the text sent",
			s.UserID, s.ItemID, s.CourseID, s.Text, v.course.itemID, v.course.id)
	}
	return ""
}

// authzSubmissionListCheck: the course's editors list every submission to
// the assignment (its submitters'); a learner their own alone, never
// another learner's.
func authzSubmissionListCheck(c authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var page struct {
		Items []authzSubmissionView `json:"items"`
	}
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &page) != nil || !strings.HasPrefix(string(top["items"]), "[") {
		return "is not a list of submissions"
	}
	var got, want []string
	for _, s := range page.Items {
		switch {
		case s.CourseID != v.course.id || s.ItemID != v.course.itemID:
			return fmt.Sprintf("lists the submission of %s to the item %s of the course %s", s.UserID, s.ItemID, s.CourseID)
		case c.role == "learner" && s.UserID != c.userID:
			return fmt.Sprintf("shows the learner %s the submission of %s", c.userID, s.UserID)
		}
		got = append(got, s.UserID)
	}
	for _, u := range v.course.submitters {
		if c.role != "learner" || u == c.userID {
			want = append(want, u)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Sprintf("lists the submissions of %v, want %v", got, want)
	}
	return ""
}

// authzGradesBody grades the first submitter of the course's assignment,
// 5 of 10.
func authzGradesBody(v authzVariant) any {
	userID := ""
	if len(v.course.submitters) > 0 {
		userID = v.course.submitters[0]
	}
	return map[string]any{"grades": []map[string]any{{"userId": userID, "score": 5}}}
}

// authzGradesCheck: the grading is reported per row: the one row sent,
// the first submitter's submission to the assignment in the path, scored
// and graded 5 (it was not late: no due date).
func authzGradesCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var out struct {
		Results []struct {
			UserID     string               `json:"userId"`
			Code       string               `json:"code"`
			Submission *authzSubmissionView `json:"submission"`
		} `json:"results"`
	}
	if json.Unmarshal(raw, &out) != nil || len(out.Results) != 1 {
		return "is not a report of the one row sent"
	}
	r, want := out.Results[0], v.course.submitters[0]
	switch {
	case r.UserID != want || r.Code != "" || r.Submission == nil:
		return fmt.Sprintf("reports the row of %s with the code %q, want the submission of %s graded", r.UserID, r.Code, want)
	case r.Submission.UserID != want || r.Submission.CourseID != v.course.id || r.Submission.ItemID != v.course.itemID:
		return fmt.Sprintf("graded the submission of %s to the item %s of the course %s", r.Submission.UserID, r.Submission.ItemID, r.Submission.CourseID)
	case r.Submission.Score == nil || *r.Submission.Score != 5 || r.Submission.Grade == nil || *r.Submission.Grade != 5:
		return "does not score and grade the submission 5"
	}
	return ""
}

// authzComp is what the matrix made of competency development in both
// tenants. The demo tenant's instructor (a NIP) is its employee, in its
// first unit, holding the verifier and coordinator duties but not leader;
// the other tenant's admin is its employee, without duties; the demo
// learner (a NIK) and the demo admin are no employees.
type authzComp struct {
	otherOf map[string]string       // a tenant -> the other one
	units   map[string][]string     // by tenant: its unit codes, its employee's first
	nips    map[string]string       // by tenant: its employee's NIP
	jobs    map[string]string       // by tenant: the HR import (done) that put its employee on the roster
	claims  map[string][]authzClaim // by tenant: its standing claims
	plans   map[string][]authzPlan  // by tenant: the standing plans of its calendar
}

// authzClaim is a standing claim as it was made.
type authzClaim struct {
	tenant, id string
	// kind: "draft", an external claim its tenant's employee left a
	// draft; "unit-draft", a unit training the admin left a draft;
	// "submitted", a unit training the admin submitted, with its two
	// documents and the instructor as participant (demo tenant).
	kind         string
	status       string
	filer        string // its filer's user id
	version      int
	documents    []string // upload ids
	participants []string // NIPs
}

// authzClaimLabel names the kinds of standing claim in messages.
var authzClaimLabel = map[string]string{"draft": "employee's external draft claim", "unit-draft": "admin's unit training draft",
	"submitted": "admin's submitted unit training"}

// authzPlan is a standing plan of a calendar as it was made.
type authzPlan struct {
	id      string
	public  bool
	version int
}

// authzOnComp is what a competency route is tried on.
type authzOnComp struct {
	claim string // {claimId}: the tenant's standing claim of that kind (authzClaim.kind)
	// kind: POST .../claims, the kind of claim the body names ("external"
	// or "unit"); unit: the unit a unit training's body names,
	// "coordinated" (the demo instructor's), "other" (a unit nobody
	// coordinates) or "foreign" (a unit of the other tenant).
	kind, unit string
	fresh      bool   // {planId}: a plan made for each request, as the allowed one removes it
	want       int    // the status an allowed caller gets on it; 0: the rule's
	code       string // the error code that status comes with
}

// authzFreshPlan is a plan made for one request.
type authzFreshPlan struct {
	tenant, id string
	label      string // the variant's, in messages
	acted      bool   // an allowed caller removed it
}

// authzClaimKinds: every standing claim.
var authzClaimKinds = []authzOnComp{{claim: "draft"}, {claim: "unit-draft"}, {claim: "submitted"}}

// authzCompetencyAdmin: the roster, the units, the calendar and the
// reports are kept by the admin of the tenant alone; not the operator.
func authzCompetencyAdmin(c authzCaller, v authzVariant) authzClass { return authzBatchAdmin(c, v) }

// authzHolds reports whether the caller is the admin of the path's tenant
// or an employee of it holding the duty.
func authzHolds(c authzCaller, v authzVariant, duty string) bool {
	return c.tenant == v.tenant && (c.role == "admin" || (c.nip != "" && slices.Contains(c.duties, duty)))
}

// authzDuty: any member of the tenant may ask (competency:view), but only
// those holding one of the duties (the admin holds them all) succeed;
// every other member is refused (403 verifier_only, leader_only).
func authzDuty(duties ...string) func(c authzCaller, v authzVariant) authzClass {
	return func(c authzCaller, v authzVariant) authzClass {
		class := authzTenantMember(c, v)
		if class != authzAllowed || slices.ContainsFunc(duties, func(d string) bool { return authzHolds(c, v, d) }) {
			return class
		}
		return authzForbidden
	}
}

// authzEmployee: a member reads their own roster record; to a member who
// is no employee of the tenant it is not there (404 employee_not_found).
func authzEmployee(c authzCaller, v authzVariant) authzClass {
	class := authzTenantMember(c, v)
	if class == authzAllowed && c.nip == "" {
		return authzHidden
	}
	return class
}

// authzClaimant: any member may file a claim, but an external one only an
// employee of the tenant (403 not_an_employee), a unit training only the
// admin or the unit's coordinator (403 coordinator_only). A unit of the
// other tenant is unknown to every member (400, before who files is looked
// at).
func authzClaimant(c authzCaller, v authzVariant) authzClass {
	class := authzTenantMember(c, v)
	if class != authzAllowed {
		return class
	}
	switch {
	case v.newKind == "external" && c.nip == "":
		return authzForbidden
	case v.newKind == "unit" && !v.newForeign && c.role != "admin" && !(slices.Contains(c.duties, "coordinator") && c.unit == v.newUnit):
		return authzForbidden
	}
	return authzAllowed
}

// authzClaimReader: a claim is its filer's, in any status, and, once it is
// no draft, the admin's and the verifiers'; to every other member of the
// tenant it is unknown (404 claim_not_found).
func authzClaimReader(c authzCaller, v authzVariant) authzClass {
	class := authzTenantMember(c, v)
	if class != authzAllowed || v.cross || c.userID == v.claim.filer {
		return class
	}
	if authzHolds(c, v, "verifier") && v.claim.status != "draft" {
		return authzAllowed
	}
	return authzHidden
}

// authzClaimFiler: a claim is edited, given participants and sent by its
// filer alone: an admin or verifier who may read it is refused (403).
func authzClaimFiler(c authzCaller, v authzVariant) authzClass {
	class := authzClaimReader(c, v)
	if class == authzAllowed && !v.cross && c.userID != v.claim.filer {
		return authzForbidden
	}
	return class
}

// authzClaimDecider: a claim is decided by the admin and the verifiers who
// may read it, never by its filer (403 claim_own; verifier_only for a
// filer who is neither).
func authzClaimDecider(c authzCaller, v authzVariant) authzClass {
	class := authzClaimReader(c, v)
	if class == authzAllowed && !v.cross && (c.userID == v.claim.filer || !authzHolds(c, v, "verifier")) {
		return authzForbidden
	}
	return class
}

// authzClaimBody: the kind (and unit) of the variant's claim, and nothing
// else: an allowed filer's claim is invalid (400), so none is made.
func authzClaimBody(v authzVariant) any {
	if v.newKind == "unit" {
		return map[string]string{"kind": "unit", "unitId": strings.ToLower(v.newUnit)}
	}
	return map[string]string{"kind": v.newKind}
}

// authzUnitsCheck: every unit of the path's tenant the matrix made, and
// none of the other tenant's.
func authzUnitsCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var list struct {
		Items []struct {
			ID      string `json:"id"`
			Version int    `json:"version"`
		} `json:"items"`
	}
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &list) != nil || !strings.HasPrefix(string(top["items"]), "[") {
		return "is not a list of units"
	}
	got := map[string]bool{}
	for _, u := range list.Items {
		got[u.ID] = true
	}
	for _, u := range v.comp.units[v.tenant] {
		if !got[u] {
			return fmt.Sprintf("lacks the unit %s", u)
		}
	}
	for _, u := range v.comp.units[v.comp.otherOf[v.tenant]] {
		if got[u] {
			return fmt.Sprintf("lists the unit %s of the other tenant", u)
		}
	}
	return ""
}

// authzEmployeesCheck: a page of the path tenant's roster, each record
// with its list of duties: its employee is on the whole roster (when it
// fits one page), a unit code no unit has gives an empty page, and no page
// holds the other tenant's employee.
func authzEmployeesCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var page struct {
		Items []struct {
			NIP    string   `json:"nip"`
			Duties []string `json:"duties"`
		} `json:"items"`
		NextCursor string `json:"nextCursor"`
	}
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &page) != nil || !strings.HasPrefix(string(top["items"]), "[") {
		return "is not a page of employees"
	}
	found := false
	for _, e := range page.Items {
		switch {
		case e.NIP == v.comp.nips[v.comp.otherOf[v.tenant]]:
			return fmt.Sprintf("lists the employee %s of the other tenant", e.NIP)
		case e.Duties == nil:
			return fmt.Sprintf("gives %s no list of duties", e.NIP)
		}
		found = found || e.NIP == v.comp.nips[v.tenant]
	}
	byUnit := strings.HasPrefix(v.query, "unit=")
	switch {
	case byUnit && len(page.Items) > 0:
		return fmt.Sprintf("lists %d employees of a unit no unit has", len(page.Items))
	case !byUnit && page.NextCursor == "" && !found:
		return fmt.Sprintf("lacks the employee %s", v.comp.nips[v.tenant])
	}
	return ""
}

// authzMyEmployeeCheck: the caller's own record: their NIP, account, unit
// and duties.
func authzMyEmployeeCheck(c authzCaller, _ authzVariant, raw []byte) string {
	var e struct {
		NIP    string   `json:"nip"`
		UserID string   `json:"userId"`
		UnitID string   `json:"unitId"`
		Duties []string `json:"duties"`
	}
	if json.Unmarshal(raw, &e) != nil {
		return "is not an employee"
	}
	want := slices.Sorted(slices.Values(c.duties))
	switch {
	case e.NIP != c.nip || e.UserID != c.userID || e.UnitID != c.unit:
		return fmt.Sprintf("is the record of %s (account %s, unit %s), want the caller's", e.NIP, e.UserID, e.UnitID)
	case e.Duties == nil || !slices.Equal(e.Duties, want):
		return fmt.Sprintf("gives the duties %v, want %v", e.Duties, want)
	}
	return ""
}

// authzImportJobCheck: the job in the path, done, with its report of the
// one row it wrote.
func authzImportJobCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var j struct {
		ID        string `json:"id"`
		Status    string `json:"status"`
		Rows      int    `json:"rows"`
		Processed int    `json:"processed"`
		Failed    int    `json:"failed"`
		Report    *struct {
			TotalRows int `json:"totalRows"`
			Created   int `json:"created"`
			Updated   int `json:"updated"`
			Unchanged int `json:"unchanged"`
			Failed    int `json:"failed"`
		} `json:"report"`
	}
	if json.Unmarshal(raw, &j) != nil {
		return "is not an import job"
	}
	switch {
	case j.ID != v.job:
		return fmt.Sprintf("is the job %s, want %s", j.ID, v.job)
	case j.Status != "done" || j.Rows != 1 || j.Processed != 1 || j.Failed != 0:
		return "is not done with its one row written"
	case j.Report == nil || j.Report.TotalRows != 1 || j.Report.Failed != 0 || j.Report.Created+j.Report.Updated+j.Report.Unchanged != 1:
		return "has no report of its one row"
	}
	return ""
}

// authzClaimCheck: the claim in the path as it was made (kind, filer,
// status, version, 2 JP), with a link to each of its documents and its
// participants.
func authzClaimCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var cl struct {
		ID        string `json:"id"`
		Kind      string `json:"kind"`
		UserID    string `json:"userId"`
		Status    string `json:"status"`
		Version   int    `json:"version"`
		Proposed  int    `json:"proposedJp"`
		Documents []struct {
			UploadID string `json:"uploadId"`
		} `json:"documents"`
		Participants []struct {
			NIP string `json:"nip"`
		} `json:"participants"`
		Links map[string]string `json:"documentLinks"`
	}
	if json.Unmarshal(raw, &cl) != nil {
		return "is not a claim"
	}
	kind := "unit"
	if v.claim.kind == "draft" {
		kind = "external"
	}
	var docs, nips []string
	for _, d := range cl.Documents {
		docs = append(docs, d.UploadID)
		if cl.Links[d.UploadID] == "" {
			return fmt.Sprintf("has no link to the document %s", d.UploadID)
		}
	}
	for _, p := range cl.Participants {
		nips = append(nips, p.NIP)
	}
	switch {
	case cl.ID != v.claim.id || cl.Kind != kind || cl.UserID != v.claim.filer:
		return fmt.Sprintf("is the %s claim %s of %s, want the %s", cl.Kind, cl.ID, cl.UserID, authzClaimLabel[v.claim.kind])
	case cl.Status != v.claim.status || cl.Version != v.claim.version || cl.Proposed != 2:
		return fmt.Sprintf("is %s version %d worth %d JP, made %s version %d worth 2", cl.Status, cl.Version, cl.Proposed, v.claim.status, v.claim.version)
	case cl.Links == nil:
		return "has no documentLinks"
	case !slices.Equal(docs, v.claim.documents) || !slices.Equal(nips, v.claim.participants):
		return fmt.Sprintf("has the documents %v and participants %v, want %v and %v", docs, nips, v.claim.documents, v.claim.participants)
	}
	return ""
}

// authzClaimListCheck: a page of claims of the path's tenant: in the
// queue, of the status asked (default submitted), holding every standing
// claim of that status; in my claims, the caller's own, holding every
// standing claim they filed (when the page is the whole list). None is the
// other tenant's, none lists participants or links.
func authzClaimListCheck(mine bool) func(c authzCaller, v authzVariant, raw []byte) string {
	return func(c authzCaller, v authzVariant, raw []byte) string {
		var top map[string]json.RawMessage
		var page struct {
			Items []json.RawMessage `json:"items"`
		}
		if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &page) != nil || !strings.HasPrefix(string(top["items"]), "[") {
			return "is not a page of claims"
		}
		status := "submitted"
		if _, after, ok := strings.Cut(v.query, "status="); ok {
			status, _, _ = strings.Cut(after, "&")
		}
		got := map[string]bool{}
		for _, it := range page.Items {
			var keys map[string]json.RawMessage
			var cl struct {
				ID     string `json:"id"`
				UserID string `json:"userId"`
				Status string `json:"status"`
			}
			if json.Unmarshal(it, &keys) != nil || json.Unmarshal(it, &cl) != nil {
				return "lists something that is not a claim"
			}
			got[cl.ID] = true
			_, participants := keys["participants"]
			_, links := keys["documentLinks"]
			switch {
			case mine && cl.UserID != c.userID:
				return fmt.Sprintf("lists the claim %s of %s", cl.ID, cl.UserID)
			case !mine && cl.Status != status:
				return fmt.Sprintf("lists the claim %s, %s, want %s ones", cl.ID, cl.Status, status)
			case participants || links:
				return fmt.Sprintf("lists the claim %s with its participants or links", cl.ID)
			}
		}
		for _, cl := range v.comp.claims[v.comp.otherOf[v.tenant]] {
			if got[cl.id] {
				return fmt.Sprintf("lists the %s of the other tenant", authzClaimLabel[cl.kind])
			}
		}
		if _, more := top["nextCursor"]; more {
			return ""
		}
		for _, cl := range v.comp.claims[v.tenant] {
			if want := (mine && cl.filer == c.userID) || (!mine && cl.status == status); want && !got[cl.id] {
				return fmt.Sprintf("lacks the %s", authzClaimLabel[cl.kind])
			}
		}
		return ""
	}
}

// authzCalendarCheck: the plans of the year (this year, WIB) of the path's
// tenant: every standing plan (the public calendar: the public ones alone,
// without a batchId), none of the other tenant's.
func authzCalendarCheck(public bool) func(c authzCaller, v authzVariant, raw []byte) string {
	return func(_ authzCaller, v authzVariant, raw []byte) string {
		var cal struct {
			Year  int                          `json:"year"`
			Items []map[string]json.RawMessage `json:"items"`
		}
		if json.Unmarshal(raw, &cal) != nil || cal.Items == nil {
			return "is not a calendar"
		}
		if year := time.Now().In(clock.Jakarta).Year(); cal.Year != year {
			return fmt.Sprintf("is the calendar of %d, want %d", cal.Year, year)
		}
		got := map[string]bool{}
		for _, it := range cal.Items {
			var id string
			_ = json.Unmarshal(it["id"], &id)
			got[id] = true
			if _, linked := it["batchId"]; public && linked {
				return fmt.Sprintf("shows the batch of the plan %s", id)
			}
		}
		for _, p := range v.comp.plans[v.tenant] {
			if want := p.public || !public; got[p.id] != want {
				return fmt.Sprintf("lists the plan %s (public: %v) %v, want %v", p.id, p.public, got[p.id], want)
			}
		}
		for _, p := range v.comp.plans[v.comp.otherOf[v.tenant]] {
			if got[p.id] {
				return fmt.Sprintf("lists the plan %s of the other tenant", p.id)
			}
		}
		return ""
	}
}

// authzDashboardCheck: the dashboard of this year of the path's tenant: as
// JSON, every unit of the tenant (none of the other's) and its employee
// counted; as CSV, the unit table with the tenant's units; as XLSX, the
// five tables.
func authzDashboardCheck(_ authzCaller, v authzVariant, raw []byte) string {
	var units []string
	switch {
	case strings.Contains(v.query, "format=csv"):
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))).ReadAll()
		if err != nil || len(rows) == 0 || len(rows[0]) == 0 || rows[0][0] != "Kode unit" {
			return "is not the CSV of the unit table"
		}
		for _, r := range rows[1:] {
			units = append(units, r[0])
		}
	case strings.Contains(v.query, "format=xlsx"):
		f, err := excelize.OpenReader(bytes.NewReader(raw))
		if err != nil {
			return "is not a workbook"
		}
		defer f.Close()
		if got := strings.Join(f.GetSheetList(), ","); got != "ringkasan,unit,bulan,distribusi,pelatihan" {
			return fmt.Sprintf("has the sheets %s", got)
		}
		return ""
	default:
		var d struct {
			Year      int `json:"year"`
			Duty      int `json:"duty"`
			Employees int `json:"employees"`
			Units     []struct {
				UnitID string `json:"unitId"`
			} `json:"units"`
			Months []json.RawMessage `json:"months"`
		}
		if json.Unmarshal(raw, &d) != nil {
			return "is not a dashboard"
		}
		if d.Year != time.Now().In(clock.Jakarta).Year() || d.Duty != 20 || d.Employees < 1 || len(d.Months) != 12 {
			return fmt.Sprintf("is the dashboard of %d (duty %d, %d employees, %d months)", d.Year, d.Duty, d.Employees, len(d.Months))
		}
		for _, u := range d.Units {
			units = append(units, u.UnitID)
		}
	}
	for _, u := range v.comp.units[v.tenant] {
		if !slices.Contains(units, u) {
			return fmt.Sprintf("lacks the unit %s", u)
		}
	}
	for _, u := range v.comp.units[v.comp.otherOf[v.tenant]] {
		if slices.Contains(units, u) {
			return fmt.Sprintf("has the unit %s of the other tenant", u)
		}
	}
	return ""
}

// authzStoredReport is as much of a stored monthly report as the matrix
// reads.
type authzStoredReport struct {
	Period      string `json:"period"`
	GeneratedBy string `json:"generatedBy"`
	URL         string `json:"url"`
}

// problem reads a report into r: a month's, by someone, with its download
// link. It returns what is wrong, or "".
func (r *authzStoredReport) problem(raw []byte) string {
	if json.Unmarshal(raw, r) != nil {
		return "is not a report"
	}
	if _, err := time.Parse("2006-01", r.Period); err != nil || r.URL == "" || r.GeneratedBy == "" {
		return fmt.Sprintf("is the report of %q by %q with the link %q", r.Period, r.GeneratedBy, r.URL)
	}
	return ""
}

// authzReportsCheck: the stored reports, each of a month, by someone, with
// its download link.
func authzReportsCheck(_ authzCaller, _ authzVariant, raw []byte) string {
	var top map[string]json.RawMessage
	var list struct {
		Items []json.RawMessage `json:"items"`
	}
	if json.Unmarshal(raw, &top) != nil || json.Unmarshal(raw, &list) != nil || !strings.HasPrefix(string(top["items"]), "[") {
		return "is not a list of reports"
	}
	for _, it := range list.Items {
		var r authzStoredReport
		if p := r.problem(it); p != "" {
			return "lists a report that " + p
		}
	}
	return ""
}

// authzReportCreateCheck: the report of this month (WIB), by the caller,
// with its download link.
func authzReportCreateCheck(c authzCaller, _ authzVariant, raw []byte) string {
	var r authzStoredReport
	if p := r.problem(raw); p != "" {
		return p
	}
	if month := time.Now().In(clock.Jakarta).Format("2006-01"); r.Period != month || r.GeneratedBy != c.userID {
		return fmt.Sprintf("is the report of %s by %s, want %s's of %s", r.Period, r.GeneratedBy, c.name, month)
	}
	return ""
}

// authzRules holds every route of template.yaml, keyed "METHOD PATH". Bodies
// are harmless: invalid where the allowed call would change something that
// matters, a wrong current password for the password change.
var authzRules = map[string]authzRule{
	// Forums, help desk, FAQ and announcements (the forum function).
	"GET /health/forum":                                           {who: authzSignedIn, want: http.StatusOK},
	"GET /tenants/{tenantId}/forums":                              {who: authzSignedIn, want: http.StatusOK},
	"GET /tenants/{tenantId}/forums/reports":                      {who: authzForumStaff, want: http.StatusOK},
	"GET /tenants/{tenantId}/forums/{forumId}/threads":            {who: authzForumReader, want: http.StatusOK, hidden: "forum_not_found"},
	"POST /tenants/{tenantId}/forums/{forumId}/threads":           {who: authzForumReader, want: http.StatusCreated, hidden: "forum_not_found", body: authzForumThreadBody},
	"GET /tenants/{tenantId}/forums/{forumId}/threads/{threadId}": {who: authzForumReader, want: http.StatusOK, hidden: "forum_not_found"},
	"PATCH /tenants/{tenantId}/forums/{forumId}/threads/{threadId}": {who: authzForumModerator, want: http.StatusConflict, code: "conflict",
		hidden: "forum_not_found", body: authzForumStale},
	"DELETE /tenants/{tenantId}/forums/{forumId}/threads/{threadId}": {who: authzForumModerator, want: http.StatusNoContent, hidden: "forum_not_found", freshForum: true},
	"POST /tenants/{tenantId}/forums/{forumId}/threads/{threadId}/posts": {who: authzForumReader, want: http.StatusCreated, hidden: "forum_not_found",
		body: func(authzVariant) any { return map[string]string{"body": "Balasan uji otorisasi"} }},
	"PATCH /tenants/{tenantId}/forums/{forumId}/threads/{threadId}/posts/{postId}": {who: authzForumModerator, want: http.StatusConflict, code: "conflict",
		hidden: "forum_not_found", body: func(authzVariant) any { return map[string]any{"body": "Ubah", "version": 99999} }},
	"DELETE /tenants/{tenantId}/forums/{forumId}/threads/{threadId}/posts/{postId}": {who: authzForumModerator, want: http.StatusNoContent,
		hidden: "forum_not_found", freshForum: true},
	"POST /tenants/{tenantId}/forums/{forumId}/threads/{threadId}/posts/{postId}/hide": {who: authzForumModerator, want: http.StatusOK,
		hidden: "forum_not_found", freshForum: true, body: func(authzVariant) any { return map[string]bool{"hidden": true} }},
	"POST /tenants/{tenantId}/forums/{forumId}/threads/{threadId}/posts/{postId}/report": {who: authzForumReader, want: http.StatusAccepted,
		hidden: "forum_not_found", body: func(authzVariant) any { return map[string]string{"reason": "Uji otorisasi"} }},
	"POST /tenants/{tenantId}/forums/{forumId}/threads/{threadId}/accept": {who: authzForumModerator, want: http.StatusOK, hidden: "forum_not_found",
		body: func(authzVariant) any { return map[string]any{"postId": nil} }},
	"POST /tenants/{tenantId}/forums/{forumId}/threads/{threadId}/pin": {who: authzForumModerator, want: http.StatusOK, hidden: "forum_not_found",
		freshForum: true, body: func(authzVariant) any { return map[string]bool{"pinned": true} }},
	"POST /tenants/{tenantId}/forums/{forumId}/threads/{threadId}/lock": {who: authzForumModerator, want: http.StatusOK, hidden: "forum_not_found",
		freshForum: true, body: func(authzVariant) any { return map[string]bool{"locked": true} }},
	"POST /tenants/{tenantId}/forums/{forumId}/threads/{threadId}/hide": {who: authzForumModerator, want: http.StatusOK, hidden: "forum_not_found",
		freshForum: true, body: func(authzVariant) any { return map[string]bool{"hidden": true} }},
	"POST /tenants/{tenantId}/forums/{forumId}/threads/{threadId}/feedback": {who: authzForumAsker, want: http.StatusConflict, code: "no_automatic_reply",
		hidden: "forum_not_found", body: func(authzVariant) any { return map[string]bool{"helpful": true} }},
	"GET /tenants/{tenantId}/helpdesk/public/threads":            {who: authzAnyone, want: http.StatusOK},
	"GET /tenants/{tenantId}/helpdesk/public/threads/{threadId}": {who: authzAnyone, want: http.StatusOK},
	"GET /tenants/{tenantId}/helpdesk/queue":                     {who: authzForumStaff, want: http.StatusOK},
	"GET /tenants/{tenantId}/helpdesk/stats":                     {who: authzBatchAdmin, want: http.StatusOK},
	"GET /tenants/{tenantId}/faq":                                {who: authzTenantMember, want: http.StatusOK},
	"POST /tenants/{tenantId}/faq": {who: authzBatchAdmin, want: http.StatusCreated,
		body: func(authzVariant) any {
			return map[string]any{"question": "Kapan kantor pelayanan buka?", "answer": "Setiap hari kerja.", "tags": []string{"uji"}}
		}},
	"GET /tenants/{tenantId}/faq/settings": {who: authzBatchAdmin, want: http.StatusOK},
	"PUT /tenants/{tenantId}/faq/settings": {who: authzBatchAdmin, want: http.StatusOK,
		body: func(authzVariant) any { return map[string]any{"autoReply": true, "threshold": 0.5} }},
	"PATCH /tenants/{tenantId}/faq/{faqId}": {who: authzBatchAdmin, want: http.StatusConflict, code: "conflict",
		body: func(authzVariant) any { return map[string]any{"version": 99999} }},
	"DELETE /tenants/{tenantId}/faq/{faqId}":                   {who: authzBatchAdmin, want: http.StatusNoContent},
	"POST /tenants/{tenantId}/batches/{batchId}/announcements": {who: authzForumAnnouncer, want: http.StatusCreated, body: authzForumThreadBody},
	"GET /health":        {who: authzAnyone, want: http.StatusOK},
	"GET /health/auth":   {who: authzSignedIn, want: http.StatusOK},
	"GET /health/batch":  {who: authzSignedIn, want: http.StatusOK},
	"GET /health/course": {who: authzSignedIn, want: http.StatusOK},
	"GET /health/upload": {who: authzSignedIn, want: http.StatusOK},

	"POST /auth/login":           {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/refresh":         {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/logout":          {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/challenge":       {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/password/forgot": {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/password/reset":  {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"POST /auth/password/change": {who: authzSignedIn, want: http.StatusBadRequest, body: func(authzVariant) any {
		return map[string]string{"currentPassword": "BukanSandiIni2026", "newPassword": "TidakBerubah2026"}
	}},
	"GET /me": {who: authzSignedIn, want: http.StatusOK},

	// Notifications: the inbox and preferences are the caller's own (any
	// signed-in user, across tenants); the tenant's settings are its
	// admins' (and the operator's, as other tenant settings).
	"GET /me/notifications":                         {who: authzSignedIn, want: http.StatusOK},
	"POST /me/notifications/read":                   {who: authzSignedIn, body: authzEmpty, want: http.StatusBadRequest},
	"GET /me/notification-preferences":              {who: authzSignedIn, want: http.StatusOK},
	"PUT /me/notification-preferences":              {who: authzSignedIn, body: authzEmpty, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}/notification-settings": {who: authzTenantAdmin, want: http.StatusOK},
	"PUT /tenants/{tenantId}/notification-settings": {who: authzTenantAdmin, body: authzEmpty, want: http.StatusBadRequest},

	"GET /tenants":              {who: authzAnyone, want: http.StatusOK},
	"POST /tenants":             {who: authzOperatorOnly, body: authzEmpty, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}":   {who: authzAnyone, want: http.StatusOK},
	"PATCH /tenants/{tenantId}": {who: authzTenantAdmin, body: authzEmpty, want: http.StatusOK},

	"POST /tenants/{tenantId}/registrations": {who: authzAnyone, body: authzEmpty, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}/registrations":  {who: authzTenantAdmin, want: http.StatusOK},
	// Approve really decides: every request gets a pending registration of
	// its own, so an allowed caller gets 200.
	"POST /tenants/{tenantId}/registrations/{registrationId}/approve": {who: authzTenantAdmin, want: http.StatusOK},
	// Reject without a reason is invalid (400); with another tenant's
	// registration the reason is valid so the lookup itself must say 404.
	"POST /tenants/{tenantId}/registrations/{registrationId}/reject": {who: authzTenantAdmin, want: http.StatusBadRequest,
		body: func(v authzVariant) any {
			if v.cross {
				return map[string]string{"reason": "Uji otorisasi lintas lembaga"}
			}
			return map[string]any{}
		}},

	"GET /tenants/{tenantId}/users":          {who: authzTenantAdmin, want: http.StatusOK},
	"POST /tenants/{tenantId}/users":         {who: authzTenantAdmin, body: authzEmpty, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}/users/{userId}": {who: authzTenantAdmin, want: http.StatusOK},
	"PATCH /tenants/{tenantId}/users/{userId}": {who: authzTenantAdmin, want: http.StatusBadRequest,
		body: func(authzVariant) any { return map[string]string{"role": "bukan-peran"} }},
	"POST /tenants/{tenantId}/users/import": {who: authzTenantAdmin, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}/audit":         {who: authzTenantAdmin, want: http.StatusOK},

	// Courses. Requests that would change a course for good (publish a
	// draft, archive a published course, delete something) get a course,
	// section or item of their own, so an allowed caller really acts; the
	// others are invalid or repeat a state: publishing a published course,
	// archiving a draft and deleting a published course are 409. Learners
	// read a course an enrollment granted them, staff as they may see it.
	"GET /tenants/{tenantId}/courses":              {who: authzCourseStaff, want: http.StatusOK},
	"POST /tenants/{tenantId}/courses":             {who: authzCourseStaff, body: authzEmpty, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}/courses/{courseId}":   {who: authzCourseLearner, want: http.StatusOK, on: authzLearning},
	"PATCH /tenants/{tenantId}/courses/{courseId}": {who: authzCourseEditor, body: authzEmpty, want: http.StatusOK},
	"DELETE /tenants/{tenantId}/courses/{courseId}": {who: authzCourseAdmin, want: http.StatusNoContent,
		on: []authzOn{{kind: "draft", fresh: "course"}, {kind: "taught", fresh: "course"}, {kind: "published", want: http.StatusConflict}}},
	"POST /tenants/{tenantId}/courses/{courseId}/publish": {who: authzCourseEditor, want: http.StatusOK,
		on: []authzOn{{kind: "draft", fresh: "course"}, {kind: "taught", fresh: "course"}, {kind: "published", want: http.StatusConflict}}},
	"POST /tenants/{tenantId}/courses/{courseId}/archive": {who: authzCourseEditor, want: http.StatusConflict,
		on: []authzOn{{kind: "draft"}, {kind: "taught"}, {kind: "published", fresh: "course", want: http.StatusOK}}},
	// An invalid code: the copy is refused after the caller is authorised.
	"POST /tenants/{tenantId}/courses/{courseId}/duplicate": {who: authzCourseEditor, want: http.StatusBadRequest,
		body: func(authzVariant) any { return map[string]string{"code": "!"} }},
	"POST /tenants/{tenantId}/courses/{courseId}/sections":               {who: authzCourseEditor, body: authzEmpty, want: http.StatusBadRequest},
	"PATCH /tenants/{tenantId}/courses/{courseId}/sections/{sectionId}":  {who: authzCourseEditor, body: authzEmpty, want: http.StatusOK},
	"DELETE /tenants/{tenantId}/courses/{courseId}/sections/{sectionId}": {who: authzCourseEditor, want: http.StatusNoContent, on: authzFreshIn("section")},
	"POST /tenants/{tenantId}/courses/{courseId}/items":                  {who: authzCourseEditor, body: authzEmpty, want: http.StatusBadRequest},
	"PATCH /tenants/{tenantId}/courses/{courseId}/items/{itemId}":        {who: authzCourseEditor, body: authzEmpty, want: http.StatusOK},
	"DELETE /tenants/{tenantId}/courses/{courseId}/items/{itemId}":       {who: authzCourseEditor, want: http.StatusNoContent, on: authzFreshIn("item")},
	// An empty order names none of the course's sections: order_mismatch.
	"PUT /tenants/{tenantId}/courses/{courseId}/order": {who: authzCourseEditor, body: authzEmpty, want: http.StatusBadRequest},

	// Learning. Content: staff get every item of a course they see, a
	// material not ready yet is 409; to a learner that item is not there.
	"GET /tenants/{tenantId}/courses/{courseId}/items/{itemId}/content": {who: authzCourseLearner, want: http.StatusOK,
		on: append(slices.Clone(authzLearning), authzOn{kind: "granted", item: "video", want: http.StatusConflict, code: "material_not_ready"})},
	// Media (a material's derived files) is open as its content is. No
	// material here has a ready upload: the processing video is 409 to
	// staff (master.m3u8 is never looked for); a text item is no material,
	// so it has no media (404).
	"GET /tenants/{tenantId}/courses/{courseId}/items/{itemId}/media/{file+}": {who: authzCourseLearner, want: http.StatusNotFound,
		on: append(slices.Clone(authzLearning), authzOn{kind: "granted", item: "video", want: http.StatusConflict, code: "material_not_ready"})},
	// Progress is the enrolled learner's own, repeatable: a real report.
	"PUT /tenants/{tenantId}/courses/{courseId}/items/{itemId}/progress": {who: authzEnrolled, want: http.StatusOK,
		on:   append(slices.Clone(authzLearning), authzOn{kind: "granted", item: "video"}),
		body: func(authzVariant) any { return map[string]any{"deviceId": "authz", "sessionSeconds": 1} }},
	// Monitoring: the admin, and the instructors of the course.
	"GET /tenants/{tenantId}/courses/{courseId}/progress": {who: authzCourseEditor, want: http.StatusOK, on: authzLearning},
	"GET /tenants/{tenantId}/me/learning":                 {who: authzTenantMember, want: http.StatusOK},

	// Question banks: the course's editors alone (authzBankEditor), on the
	// granted course too (its learner is refused, 403). Every standing course
	// has a question; creating one is real (201: the banks are looked at
	// once the matrix has run), editing with an empty body is invalid (400:
	// the version is required), deleting really deletes: every request gets
	// a fresh question.
	"GET /tenants/{tenantId}/courses/{courseId}/questions": {who: authzBankEditor, want: http.StatusOK, on: authzLearning,
		check: authzQuestionListCheck},
	"POST /tenants/{tenantId}/courses/{courseId}/questions": {who: authzBankEditor, want: http.StatusCreated, on: authzLearning,
		body: authzQuestionBody, check: authzQuestionCreateCheck},
	"GET /tenants/{tenantId}/courses/{courseId}/questions/{questionId}": {who: authzBankEditor, want: http.StatusOK, on: authzLearning,
		check: authzQuestionCheck},
	"PATCH /tenants/{tenantId}/courses/{courseId}/questions/{questionId}": {who: authzBankEditor, body: authzEmpty,
		want: http.StatusBadRequest, code: "validation_failed", on: authzLearning},
	"DELETE /tenants/{tenantId}/courses/{courseId}/questions/{questionId}": {who: authzBankEditor, want: http.StatusNoContent,
		on: []authzOn{{kind: "draft", fresh: "question"}, {kind: "published", fresh: "question"}, {kind: "taught", fresh: "question"}, {kind: "granted", fresh: "question"}}},
	// The bank as a file, and a file into the bank: its editors alone, as
	// the bank (authzBankEditor). An export holds the standing question;
	// an import without a file is refused (400 body_required) once the
	// caller may import.
	"GET /tenants/{tenantId}/courses/{courseId}/questions/export": {who: authzBankEditor, want: http.StatusOK, on: authzLearning,
		queries: []authzQuery{{query: "format=csv"}, {query: "format=xlsx"}}, check: authzQuestionExportCheck},
	"POST /tenants/{tenantId}/courses/{courseId}/questions/import": {who: authzBankEditor, want: http.StatusBadRequest, code: "body_required",
		on: authzLearning},

	// Quiz attempts, at the quiz item of each standing course and of the
	// granted one (authzQuizTaker): its editors (trying it, and following
	// every attempt) and the learner it was granted to. Everyone who may
	// has an attempt in progress at every standing quiz, which a start
	// resumes (200); a quiz made for the request is started (201), and
	// looked at once the matrix has run. A learner reads, and only the
	// attempt's own taker answers and submits, their own attempts
	// (authzAttemptReader, authzAttemptOwner): the other learner's are
	// unknown to them. Answering nothing is harmless (200 in progress, 409
	// once submitted); submitting really submits, a fresh attempt at a quiz
	// of its own (200), and a submitted one again is 409; grading (editors
	// only, authzAttemptGrader) with no results re-scores a submitted attempt
	// as it was (200) and refuses one in progress (409).
	"POST /tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts": {who: authzQuizTaker, want: http.StatusOK, check: authzAttemptStartCheck,
		on: append(slices.Clone(authzLearning), authzOn{kind: "draft", fresh: "quiz", want: http.StatusCreated}, authzOn{kind: "published", fresh: "quiz", want: http.StatusCreated},
			authzOn{kind: "taught", fresh: "quiz", want: http.StatusCreated}, authzOn{kind: "granted", fresh: "quiz", want: http.StatusCreated})},
	"GET /tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts": {who: authzQuizTaker, want: http.StatusOK, on: authzLearning,
		check: authzAttemptListCheck},
	"GET /tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}": {who: authzAttemptReader, want: http.StatusOK,
		on: append(authzAttemptsOn("in-progress", 0, ""), authzAttemptsOn("submitted", 0, "")...), check: authzAttemptCheck(false)},
	"PUT /tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}": {who: authzAttemptOwner, want: http.StatusOK,
		on:    append(authzAttemptsOn("in-progress", 0, ""), authzAttemptsOn("submitted", http.StatusConflict, "attempt_submitted")...),
		body:  func(authzVariant) any { return map[string]any{"answers": map[string]any{}} },
		check: authzAttemptCheck(false)},
	"POST /tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}/submit": {who: authzAttemptOwner, want: http.StatusOK,
		on:    append(authzAttemptsOn("fresh", 0, ""), authzAttemptsOn("submitted", http.StatusConflict, "attempt_submitted")...),
		check: authzAttemptCheck(true)},
	"POST /tenants/{tenantId}/courses/{courseId}/items/{itemId}/attempts/{attemptId}/grade": {who: authzAttemptGrader, want: http.StatusOK,
		on:    append(authzAttemptsOn("in-progress", http.StatusConflict, "attempt_not_submitted"), authzAttemptsOn("submitted", 0, "")...),
		body:  func(authzVariant) any { return map[string]any{"results": map[string]any{}} },
		check: authzAttemptCheck(true)},

	// Assignments, at the assignment item of each standing course and of
	// the granted one, taken as a quiz is (authzQuizTaker): by its editors
	// and by the learner it was granted to. Every one of them (and another
	// learner in the granted course) submitted a text to every standing
	// assignment; submitting again replaces it (200: no due date), and
	// the submissions are looked at once the matrix has run. A learner
	// lists their own submission alone, the editors everyone's. Grading
	// (editors only, authzAssignmentGrader) scores the first submitter's
	// submission (200, reported per row). The course's text item is no
	// assignment: 404 to whoever may see the course.
	"PUT /tenants/{tenantId}/courses/{courseId}/items/{itemId}/submission": {who: authzQuizTaker, want: http.StatusOK,
		on:   authzAssignmentOn,
		body: authzSubmissionBody, check: authzSubmitCheck},
	"GET /tenants/{tenantId}/courses/{courseId}/items/{itemId}/submissions": {who: authzQuizTaker, want: http.StatusOK,
		on:    authzAssignmentOn,
		check: authzSubmissionListCheck},
	"POST /tenants/{tenantId}/courses/{courseId}/items/{itemId}/submissions/grades": {who: authzAssignmentGrader, want: http.StatusOK,
		on:   authzAssignmentOn,
		body: authzGradesBody, check: authzGradesCheck},

	// Batches. Admins run them; members see the batches that are not
	// drafts and enroll themselves (the batches here need approval, so a
	// self-enrollment is a pending request); the operator has no part.
	// Creating with an empty body is invalid, editing with one changes
	// nothing that matters.
	"GET /tenants/{tenantId}/batches":                       {who: authzTenantMember, want: http.StatusOK},
	"POST /tenants/{tenantId}/batches":                      {who: authzBatchAdmin, body: authzEmpty, want: http.StatusBadRequest},
	"GET /tenants/{tenantId}/batches/{batchId}":             {who: authzBatchViewer, want: http.StatusOK},
	"PATCH /tenants/{tenantId}/batches/{batchId}":           {who: authzBatchAdmin, body: authzEmpty, want: http.StatusOK},
	"GET /tenants/{tenantId}/me/batches":                    {who: authzTenantMember, want: http.StatusOK},
	"GET /tenants/{tenantId}/batches/{batchId}/enrollments": {who: authzBatchFollower, want: http.StatusOK},
	// Without a body the caller enrolls themselves: in a fresh batch a
	// pending request (201); in the standing open batch, where every member
	// with a token already asked, 409 already_enrolled; the draft is not
	// open (409, to the admin, the one who sees it). By id (the admin's
	// alone) a member of the other tenant: reported not_member (200).
	"POST /tenants/{tenantId}/batches/{batchId}/enrollments": {who: authzBatchEnroller, want: http.StatusCreated,
		body: func(v authzVariant) any {
			if v.ids != nil {
				return map[string]any{"userIds": v.ids}
			}
			return nil
		},
		batches: []authzOnBatch{
			{kind: "open", fresh: "batch"},
			{kind: "open", want: http.StatusConflict, code: "already_enrolled"},
			{kind: "draft", want: http.StatusConflict, code: "batch_not_open"},
			{kind: "open", ids: true, want: http.StatusOK},
			{kind: "draft", ids: true, want: http.StatusOK},
		}},
	// Importing enrollments from a file is the admin's alone; sent without
	// a file it is invalid (400 body_required) and enrolls no one.
	"POST /tenants/{tenantId}/batches/{batchId}/enrollments/import": {who: authzBatchAdmin, want: http.StatusBadRequest},
	// Approve really decides: every request gets a fresh pending enrollment
	// (the instructor's, whose grants no course route looks at).
	"POST /tenants/{tenantId}/batches/{batchId}/enrollments/{userId}/approve": {who: authzBatchAdmin, want: http.StatusOK,
		batches: []authzOnBatch{{kind: "open", fresh: "enrollment", who: "instructor"}}},
	// Reject without a reason is invalid (400); aimed at the other tenant
	// the reason is valid so the lookup itself must say 404.
	"POST /tenants/{tenantId}/batches/{batchId}/enrollments/{userId}/reject": {who: authzBatchAdmin, want: http.StatusBadRequest,
		batches: []authzOnBatch{{kind: "open"}},
		body: func(v authzVariant) any {
			if v.cross {
				return map[string]string{"reason": "Uji otorisasi lintas lembaga"}
			}
			return map[string]any{}
		}},
	// Withdraw really withdraws: every request gets a fresh pending
	// enrollment of the learner's.
	"POST /tenants/{tenantId}/batches/{batchId}/enrollments/{userId}/withdraw": {who: authzBatchParticipant, want: http.StatusOK,
		batches: []authzOnBatch{{kind: "open", fresh: "enrollment", who: "learner"}}},
	// Complete without a body's fields is invalid (400) on the standing
	// pending enrollment; aimed at the other tenant the body is valid so the
	// lookup itself must say 404. A real completion gets a fresh enrolled
	// participant (the instructor, whose grants no course route looks at),
	// so an allowed caller gets 200 and the JP land in their ledger.
	"POST /tenants/{tenantId}/batches/{batchId}/enrollments/{userId}/complete": {who: authzBatchAdmin, want: http.StatusBadRequest,
		batches: []authzOnBatch{{kind: "open"}, {kind: "open", fresh: "enrolled", who: "instructor", want: http.StatusOK}},
		body: func(v authzVariant) any {
			if v.cross || v.freshBatch != "" {
				return map[string]any{"completed": true, "reason": "Lulus uji"}
			}
			return map[string]any{}
		}},
	// JP: any member reads their own ledger of the year.
	"GET /tenants/{tenantId}/me/jp": {who: authzTenantMember, want: http.StatusOK},
	// The report (progress, completion, JP and evaluation of every
	// participant) is for those who follow the batch: here the admin, as
	// the batches name no instructor or PIC; other members who see the
	// batch are refused (403). JSON here; CSV, XLSX and an unknown format
	// are tried once the matrix has run.
	"GET /tenants/{tenantId}/batches/{batchId}/report": {who: authzBatchFollower, want: http.StatusOK, check: authzReportCheck},
	// The gradebook (every quiz of the batch's courses, pre/post gain) is
	// for the same people as the report.
	"GET /tenants/{tenantId}/batches/{batchId}/gradebook": {who: authzBatchFollower, want: http.StatusOK},

	// Evaluation (Kirkpatrick level 1). The standing open batches have a
	// form nobody answered, the draft none (404 evaluation_not_defined to
	// the admin, the one who sees it). Fresh batches have a form and a
	// participant enrolled by the admin (the instructor; in the other tenant
	// its admin), who has answered it or not. Reading: the admin with the
	// results, the participant without; in a fresh batch without a form
	// (404 evaluation_not_defined to the admin) other members are refused
	// with 403 all the same (authzEvaluationReader).
	"GET /tenants/{tenantId}/batches/{batchId}/evaluation": {who: authzEvaluationReader, want: http.StatusOK, check: authzEvaluationCheck,
		batches: []authzOnBatch{
			{kind: "open"},
			{kind: "draft", want: http.StatusNotFound, code: "evaluation_not_defined"},
			{kind: "open", fresh: "batch", want: http.StatusNotFound, code: "evaluation_not_defined"},
			{kind: "open", fresh: "evaluation", who: "instructor"},
			{kind: "open", fresh: "answered", who: "instructor"},
		}},
	// Defining the form is the admin's alone. On the standing batches the
	// body is invalid (400) so their forms stay; a fresh batch's form is
	// really replaced (200) while nobody has answered it, and locked (409)
	// once somebody has; aimed at the other tenant the body is valid so the
	// lookup itself must say 404.
	"PUT /tenants/{tenantId}/batches/{batchId}/evaluation": {who: authzBatchAdmin, want: http.StatusBadRequest,
		batches: []authzOnBatch{
			{kind: "open"},
			{kind: "draft"},
			{kind: "open", fresh: "evaluation", who: "instructor", want: http.StatusOK},
			{kind: "open", fresh: "answered", who: "instructor", want: http.StatusConflict, code: "evaluation_locked"},
		},
		body: func(v authzVariant) any {
			if v.cross || v.freshBatch != "" {
				return authzFormBody()
			}
			return map[string]any{}
		}},
	// Answering is the enrolled participant's alone, once: a fresh batch's
	// participant really answers (204), and a second time is 409. Nobody
	// is enrolled in the standing batches, so every member is refused.
	"POST /tenants/{tenantId}/batches/{batchId}/evaluation/responses": {who: authzEvaluationRespondent, want: http.StatusNoContent,
		batches: []authzOnBatch{
			{kind: "open"},
			{kind: "draft"},
			{kind: "open", fresh: "evaluation", who: "instructor"},
			{kind: "open", fresh: "answered", who: "instructor", want: http.StatusConflict, code: "evaluation_answered"},
		},
		body: func(v authzVariant) any { return authzAnswerBody(v.batch.questionID) }},

	// Certificates. Mass generation is the admin's alone and needs a
	// running or finished batch: the standing batches are open or drafts
	// (409 certificate_batch_state to the admin); a fresh running batch,
	// with nobody in it, really gets a job (202), which is run in the
	// background and looked at once the matrix has run. No batch of the
	// matrix had a job: its progress is 404 certificate_job_none to the
	// admin. A batch's certificates are listed to those who follow it (here
	// the admin); a member's own to any member.
	"POST /tenants/{tenantId}/batches/{batchId}/certificates": {who: authzBatchAdmin, want: http.StatusConflict, code: "certificate_batch_state",
		batches: []authzOnBatch{{kind: "open"}, {kind: "draft"}, {kind: "open", fresh: "running", want: http.StatusAccepted}}},
	"GET /tenants/{tenantId}/batches/{batchId}/certificates/job": {who: authzBatchAdmin, want: http.StatusNotFound, code: "certificate_job_none"},
	"GET /tenants/{tenantId}/batches/{batchId}/certificates":     {who: authzBatchFollower, want: http.StatusOK, check: authzBatchCertificatesCheck},
	"GET /tenants/{tenantId}/me/certificates":                    {who: authzTenantMember, want: http.StatusOK, check: authzMyCertificatesCheck},
	// Revoking is the admin's alone: with a valid reason, a number no
	// certificate has is 404 certificate_not_found (the matrix issues no
	// certificate); aimed at a number of the other tenant, 404 all the same.
	"POST /tenants/{tenantId}/certificates/{number}/revoke": {who: authzBatchAdmin, want: http.StatusNotFound, code: "certificate_not_found",
		body: func(authzVariant) any { return map[string]string{"reason": "Uji otorisasi"} }},
	// Settings are the admin's; an empty body is invalid (400), so the
	// matrix never saves the settings (another test saves the demo
	// tenant's, from version 0).
	"GET /tenants/{tenantId}/certificate-settings": {who: authzBatchAdmin, want: http.StatusOK, check: authzCertificateSettingsCheck},
	"PUT /tenants/{tenantId}/certificate-settings": {who: authzBatchAdmin, body: authzEmpty, want: http.StatusBadRequest},
	// The public check of a number: anyone, with a token or not; a number
	// no certificate has, and one that is no number at all, are 404
	// certificate_not_found.
	"GET /certificates/{number}": {who: authzAnyone, want: http.StatusNotFound, code: "certificate_not_found"},

	// Uploads. Materials are for the staff of the tenant, for a course they
	// edit: the admin any, an instructor the ones they teach; another's
	// course is refused as the course is (403 published, 404 a draft: an
	// upload of it is upload_not_found); a learner is refused a material
	// (403) whatever the course. Starting declares a small PDF for the
	// course's PDF item: a real upload (201), of which nothing is ever
	// sent; with a course of the other tenant, 404. A submission file for
	// the granted course's assignment (which takes PDFs) is started by who
	// may submit to it (authzUploadStarter): the learner, and the admin who
	// edits the course. The standing uploads (one PUT each, nothing sent;
	// in the granted course the learner's and another learner's submission
	// files) stay uploading: no parts to presign (409 upload_state), nothing
	// to complete (409 upload_missing), nothing failed to retry (409
	// upload_state). Aborting really aborts: every request gets a fresh
	// upload. An upload is followed by its course's editors, a submission
	// file also by the learner who started it; to a learner every other
	// upload is upload_not_found (404), as an id no upload has is
	// (authzUploadFollower). Every upload is looked at once the matrix has
	// run.
	"POST /tenants/{tenantId}/uploads": {who: authzUploadStarter, want: http.StatusCreated, body: authzUploadBody, check: authzUploadStartCheck,
		on: append(slices.Clone(authzStanding), authzOn{kind: "granted", submission: "mine"})},
	"GET /tenants/{tenantId}/uploads/{uploadId}": {who: authzUploadFollower, want: http.StatusOK, check: authzUploadCheck, hidden: "upload_not_found",
		on: authzSubmissionsOn("")},
	"POST /tenants/{tenantId}/uploads/{uploadId}/parts": {who: authzUploadFollower, want: http.StatusConflict, code: "upload_state", hidden: "upload_not_found",
		on: authzSubmissionsOn(""), body: func(authzVariant) any { return map[string]any{"partNumbers": []int{1}} }},
	"POST /tenants/{tenantId}/uploads/{uploadId}/complete": {who: authzUploadFollower, want: http.StatusConflict, code: "upload_missing", hidden: "upload_not_found",
		on: authzSubmissionsOn("")},
	"DELETE /tenants/{tenantId}/uploads/{uploadId}": {who: authzUploadFollower, want: http.StatusNoContent, hidden: "upload_not_found",
		on: authzSubmissionsOn("upload")},
	"POST /tenants/{tenantId}/uploads/{uploadId}/retry": {who: authzUploadFollower, want: http.StatusConflict, code: "upload_state", hidden: "upload_not_found",
		on: authzSubmissionsOn("")},

	// Search: every member of the tenant searches what they may open (the
	// admin everything, an instructor what they teach and the published
	// courses, a learner what an enrollment granted); not the operator. A
	// word every fixture course has in its title, and another; without q an
	// allowed member's search is invalid (400), and a refused one is
	// refused before the query is looked at. Rebuilding the index is the
	// admin's alone: it really queues every course of the tenant for the
	// index function (202), which is harmless.
	"GET /tenants/{tenantId}/search": {who: authzTenantMember, want: http.StatusOK, check: authzSearchCheck,
		queries: []authzQuery{{query: "q=otorisasi"}, {query: "q=pelatihan"}, {want: http.StatusBadRequest, code: "validation_failed"}}},
	"POST /tenants/{tenantId}/search/reindex": {who: authzBatchAdmin, want: http.StatusAccepted, check: authzReindexCheck},

	// Competency development (authzComp). Every member reads the units,
	// the calendar and their own roster record and claims; admins keep the
	// units, the roster (its HR imports, duties), the calendar and the
	// reports; the duties decide the rest (authzDuty). Requests that would
	// change something are invalid (400) or repeat a stale version (409);
	// aimed at an id of the other tenant their body is valid, so the lookup
	// itself must say 404. The standing units, employees, claims and plans
	// are looked at once the matrix has run.
	"GET /health/competency":         {who: authzSignedIn, want: http.StatusOK},
	"GET /tenants/{tenantId}/units":  {who: authzTenantMember, want: http.StatusOK, check: authzUnitsCheck},
	"POST /tenants/{tenantId}/units": {who: authzCompetencyAdmin, body: authzEmpty, want: http.StatusBadRequest, code: "validation_failed"},
	"PATCH /tenants/{tenantId}/units/{unitId}": {who: authzCompetencyAdmin, want: http.StatusBadRequest, code: "validation_failed",
		body: func(v authzVariant) any {
			if v.cross {
				return map[string]any{"name": "Unit Lintas Lembaga", "version": 1}
			}
			return map[string]any{}
		}},
	// The roster: admins, verifiers and leaders (the demo instructor, a
	// verifier); a unit no unit has is an empty page, a unit code that is
	// none invalid.
	"GET /tenants/{tenantId}/employees": {who: authzDuty("verifier", "leader"), want: http.StatusOK, check: authzEmployeesCheck,
		queries: []authzQuery{{query: "limit=100"}, {query: "unit=zz-tiada"}, {query: "unit=%21%21", want: http.StatusBadRequest, code: "validation_failed"}}},
	// An import without a file is refused (400 body_required) once the
	// caller may import, a dry run too.
	"POST /tenants/{tenantId}/employees/import": {who: authzCompetencyAdmin, want: http.StatusBadRequest, code: "body_required",
		queries: []authzQuery{{query: ""}, {query: "dryRun=true"}}},
	"GET /tenants/{tenantId}/employees/import/{jobId}": {who: authzCompetencyAdmin, want: http.StatusOK, check: authzImportJobCheck},
	"PATCH /tenants/{tenantId}/employees/{nip}": {who: authzCompetencyAdmin, want: http.StatusBadRequest, code: "validation_failed",
		body: func(v authzVariant) any {
			if v.cross {
				return map[string]any{"version": 1}
			}
			return map[string]any{}
		}},
	"GET /tenants/{tenantId}/me/employee": {who: authzEmployee, want: http.StatusOK, check: authzMyEmployeeCheck, hidden: "employee_not_found"},
	// Claims. Filing names a kind (and a unit) and nothing else, so an
	// allowed filer's claim is invalid (400) and none is made.
	"POST /tenants/{tenantId}/claims": {who: authzClaimant, want: http.StatusBadRequest, code: "validation_failed", body: authzClaimBody,
		comp: []authzOnComp{{kind: "external"}, {kind: "unit", unit: "coordinated"}, {kind: "unit", unit: "other"}, {kind: "unit", unit: "foreign"}}},
	// The verifiers' queue: of submitted claims by default; a draft is
	// nobody's business but its filer's (400).
	"GET /tenants/{tenantId}/claims": {who: authzDuty("verifier"), want: http.StatusOK, check: authzClaimListCheck(false),
		queries: []authzQuery{{query: "limit=100"}, {query: "status=approved&limit=100"}, {query: "status=draft", want: http.StatusBadRequest, code: "validation_failed"}}},
	"GET /tenants/{tenantId}/me/claims": {who: authzTenantMember, want: http.StatusOK, check: authzClaimListCheck(true),
		queries: []authzQuery{{query: "limit=100"}}},
	// A claim: its filer; the admin and verifiers once it is no draft
	// (authzClaimReader). Its filer's changes repeat a stale version (409
	// conflict) or miss what sending needs (400): nothing changes; the
	// submitted one can no longer change (409 claim_not_editable), and an
	// external claim has no participants (409). A decision sends it back
	// without a comment (400).
	"GET /tenants/{tenantId}/claims/{claimId}": {who: authzClaimReader, want: http.StatusOK, check: authzClaimCheck, hidden: "claim_not_found"},
	"PATCH /tenants/{tenantId}/claims/{claimId}": {who: authzClaimFiler, body: authzEmpty, want: http.StatusConflict, code: "conflict", hidden: "claim_not_found",
		comp: []authzOnComp{{claim: "draft"}, {claim: "unit-draft"}, {claim: "submitted", want: http.StatusConflict, code: "claim_not_editable"}}},
	"PUT /tenants/{tenantId}/claims/{claimId}/participants": {who: authzClaimFiler, want: http.StatusConflict, code: "claim_not_editable", hidden: "claim_not_found",
		comp: []authzOnComp{{claim: "draft"}, {claim: "unit-draft", want: http.StatusBadRequest, code: "body_required"}, {claim: "submitted"}}},
	"POST /tenants/{tenantId}/claims/{claimId}/submit": {who: authzClaimFiler, want: http.StatusBadRequest, code: "validation_failed", hidden: "claim_not_found",
		comp: []authzOnComp{{claim: "draft"}, {claim: "unit-draft"}, {claim: "submitted", want: http.StatusConflict, code: "claim_not_editable"}},
		body: func(v authzVariant) any { return map[string]any{"version": v.claim.version} }},
	"POST /tenants/{tenantId}/claims/{claimId}/decision": {who: authzClaimDecider, want: http.StatusBadRequest, code: "validation_failed", hidden: "claim_not_found",
		body: func(v authzVariant) any { return map[string]any{"decision": "revise", "version": v.claim.version} }},
	// The calendar: every member reads it, anyone its public plans; the
	// admin plans. Editing with an empty body repeats a stale version
	// (409); removing really removes: every request gets a fresh plan.
	"GET /tenants/{tenantId}/calendar": {who: authzTenantMember, want: http.StatusOK, check: authzCalendarCheck(false),
		queries: []authzQuery{{query: ""}, {query: "year=1999", want: http.StatusBadRequest, code: "validation_failed"}}},
	"GET /tenants/{tenantId}/calendar/public": {who: authzAnyone, want: http.StatusOK, check: authzCalendarCheck(true),
		queries: []authzQuery{{query: ""}, {query: "year=1999", want: http.StatusBadRequest, code: "validation_failed"}}},
	"POST /tenants/{tenantId}/calendar":            {who: authzCompetencyAdmin, body: authzEmpty, want: http.StatusBadRequest, code: "validation_failed"},
	"PATCH /tenants/{tenantId}/calendar/{planId}":  {who: authzCompetencyAdmin, body: authzEmpty, want: http.StatusConflict, code: "conflict"},
	"DELETE /tenants/{tenantId}/calendar/{planId}": {who: authzCompetencyAdmin, want: http.StatusNoContent, comp: []authzOnComp{{fresh: true}}},
	// The dashboard and its reports: admins and leaders (none but the
	// admin here: the instructor is no leader). Its formats are looked at
	// once the caller may read it. Generating the month's report is the
	// admin's alone, and real (201).
	"GET /tenants/{tenantId}/dashboard": {who: authzDuty("leader"), want: http.StatusOK, check: authzDashboardCheck,
		queries: []authzQuery{{query: ""}, {query: "format=csv&table=unit"}, {query: "format=xlsx"},
			{query: "format=pdf", want: http.StatusBadRequest, code: "validation_failed"}, {query: "table=unit", want: http.StatusBadRequest, code: "validation_failed"}}},
	"GET /tenants/{tenantId}/dashboard/reports":  {who: authzDuty("leader"), want: http.StatusOK, check: authzReportsCheck},
	"POST /tenants/{tenantId}/dashboard/reports": {who: authzCompetencyAdmin, want: http.StatusCreated, check: authzReportCreateCheck},
}

// authzRuns makes the ids unique when the test runs more than once in one
// process (-count=N): the stack lives as long as the process.
var authzRuns int

type authzMember struct {
	UserID   string `json:"userId"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Email    string `json:"email"`
}

type authzReg struct {
	tenant, id string
	decided    bool // an allowed caller approved it
}

// authzOutline is as much of a course outline as the matrix reads.
type authzOutline struct {
	Course struct {
		ID            string   `json:"id"`
		Status        string   `json:"status"`
		Version       int      `json:"version"`
		InstructorIDs []string `json:"instructorIds"`
	} `json:"course"`
	Sections []struct {
		ID    string `json:"id"`
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	} `json:"sections"`
}

func (o authzOutline) has(sectionID, itemID string) bool {
	for _, s := range o.Sections {
		if sectionID != "" && s.ID == sectionID {
			return true
		}
		for _, it := range s.Items {
			if itemID != "" && it.ID == itemID {
				return true
			}
		}
	}
	return false
}

// authzBatchFresh is a batch made for one request, and who is (or would
// be) enrolled in it.
type authzBatchFresh struct {
	batch  authzBatch
	userID string
	before string // the enrollment's status as made; "": none
	after  string // its status once an allowed caller acted
	acted  bool
	jp     bool // a completion: once acted, the batch's JP are in the participant's ledger
	job    bool // a mass certificate run: once acted, the batch has a certificate job
	// eval: the evaluation route it was made for ("get", "put", "respond");
	// "": none. The form's question and its responses as made.
	eval       string
	questionID string
	responses  int
}

// authzBatchView is as much of a batch as the matrix reads.
type authzBatchView struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	TotalJP int    `json:"totalJp"`
}

// authzEnrollmentView is as much of an enrollment as the matrix reads.
type authzEnrollmentView struct {
	BatchID   string `json:"batchId"`
	UserID    string `json:"userId"`
	Status    string `json:"status"`
	Completed bool   `json:"completed"`
}

// authzJP is a participant's JP of a year, as GET me/jp answers it.
type authzJP struct {
	Year      int `json:"year"`
	TotalJP   int `json:"totalJp"`
	Duty      int `json:"duty"`
	Remaining int `json:"remaining"`
	Entries   []struct {
		Year    int    `json:"year"`
		BatchID string `json:"batchId"`
		JP      int    `json:"jp"`
	} `json:"entries"`
}

// authzFresh is a course, section, item or upload made for one request.
type authzFresh struct {
	what     string // course, section, item, upload, question, quiz, attempt
	course   authzCourse
	upload   string // what is "upload": its id
	question string // what is "question": its id
	// what is "quiz" (course.itemID) or "attempt" (at the quiz
	// course.itemID): the attempt's id, and who would start (quiz) or made
	// (attempt) it.
	attempt, by string
	acted       bool   // an allowed caller changed it
	label       string // the variant's, in messages
}

// authzUpload is an upload the matrix made (none of its bytes is ever
// sent), and what it should be once the matrix has run.
type authzUpload struct {
	tenant, id string
	label      string // what it was made as, in messages
	aborted    bool   // an allowed caller aborted it
}

// Every route of template.yaml, as every kind of caller, in the caller's own
// tenant and in another one: who may act, who is refused, and that refusals
// give nothing away.
func TestAuthorizationMatrix(t *testing.T) {
	authzRuns++
	run := authzRuns
	own := demo.TenantID
	other := "authz-lain"
	if run > 1 {
		other = fmt.Sprintf("authz-lain-r%d", run)
	}
	otherOf := map[string]string{own: other, other: own}
	seq := 0
	nextNIK := func() string { // Surabaya-style region, born 7 March 1996
		seq++
		return fmt.Sprintf("357807070396%04d", run*100+seq)
	}
	var secrets []string // what no refusal may contain
	secret := func(ss ...string) {
		for _, s := range ss {
			if len(s) >= 5 {
				secrets = append(secrets, strings.ToLower(s))
			}
		}
	}
	secret(own, other)

	acct := demo.Accounts
	adminTok := signIn(t, acct[0].Username, acct[0].Password).AccessToken
	instructorTok := signIn(t, acct[1].Username, acct[1].Password).AccessToken
	learnerTok := signIn(t, acct[2].Username, acct[2].Password).AccessToken
	opTok := signIn(t, acct[3].Username, acct[3].Password).AccessToken
	for _, a := range acct {
		secret(a.Username, a.Name)
	}

	// The other tenant, with its first admin and one more member.
	otherAdminNIP := fmt.Sprintf("199305052020121%03d", run)
	var created createdTenant
	st, raw := api(t, http.MethodPost, "/tenants", opTok, map[string]any{
		"id": other, "name": "Balai Uji Otorisasi Lain", "shortName": "BUOL", "registrationPolicy": "approval",
		"contact":    map[string]string{"email": "kontak@" + other + ".example.go.id"},
		"firstAdmin": map[string]string{"nip": otherAdminNIP, "name": "Rahmat Hidayatullah"},
	}, &created)
	expect(t, "create tenant "+other, st, raw, http.StatusCreated)
	secret(created.FirstAdmin.UserID, otherAdminNIP, "Rahmat Hidayatullah", "kontak@"+other+".example.go.id")
	otherAdminTok := firstSignIn(t, created.FirstAdmin.Username, created.FirstAdmin.TemporaryPassword, "AdminLain2026").AccessToken
	otherMemberNIK := nextNIK()
	st, raw = api(t, http.MethodPost, "/tenants/"+other+"/users", otherAdminTok, map[string]string{
		"username": otherMemberNIK, "name": "Rina Kartikasari", "role": "learner", "email": "rina.kartika." + other + "@example.com"}, nil)
	expect(t, "add a member to "+other, st, raw, http.StatusCreated)

	// A real member of each tenant, as its admin sees them.
	findMember := func(tenant, token, username string) authzMember {
		t.Helper()
		var page struct {
			Items []authzMember `json:"items"`
		}
		st, raw := api(t, http.MethodGet, "/tenants/"+tenant+"/users?limit=100&q="+url.QueryEscape(username), token, nil, &page)
		expect(t, "find member of "+tenant, st, raw, http.StatusOK)
		for _, m := range page.Items {
			if m.Username == username {
				secret(m.UserID, m.Username, m.Name, m.Email)
				return m
			}
		}
		t.Fatalf("%s is not a member of %s: %s", username, tenant, raw)
		return authzMember{}
	}
	member := map[string]string{
		own:   findMember(own, adminTok, acct[2].Username).UserID,
		other: findMember(other, otherAdminTok, otherMemberNIK).UserID,
	}
	adminID := findMember(own, adminTok, acct[0].Username).UserID
	instructorID := findMember(own, adminTok, acct[1].Username).UserID
	otherAdminID := findMember(other, otherAdminTok, created.FirstAdmin.Username).UserID

	// Pending registrations: one per tenant that stays pending (reject is
	// sent invalid, or aimed at the wrong tenant), plus one per approve
	// request.
	var regs []authzReg
	register := func(tenant string) string {
		t.Helper()
		nik := nextNIK()
		name := fmt.Sprintf("Peserta Otorisasi Nomor %d", seq)
		email := fmt.Sprintf("peserta.%s@example.com", nik)
		var reg registration
		st, raw := api(t, http.MethodPost, "/tenants/"+tenant+"/registrations", "",
			map[string]string{"nik": nik, "name": name, "email": email, "password": "Peserta2026"}, &reg)
		expect(t, "register in "+tenant, st, raw, http.StatusCreated)
		if reg.Status != "pending" {
			t.Fatalf("registration in %s is not pending: %s", tenant, raw)
		}
		secret(nik, name, email, reg.ID)
		regs = append(regs, authzReg{tenant: tenant, id: reg.ID})
		return reg.ID
	}
	stays := map[string]string{own: register(own), other: register(other)}

	// Courses, each with a section holding a text item: in the demo tenant
	// an admin's draft, an admin's published course and a draft the
	// instructor made (so teaches); in the other tenant its admin's draft.
	adminOf := map[string]string{own: adminTok, other: otherAdminTok}
	courseSeq := 0
	readCourse := func(crs authzCourse) (int, authzOutline, []byte) {
		t.Helper()
		var o authzOutline
		st, raw := api(t, http.MethodGet, "/tenants/"+crs.tenant+"/courses/"+crs.id, adminOf[crs.tenant], nil, &o)
		return st, o, raw
	}
	addSection := func(crs authzCourse, token string) string {
		t.Helper()
		courseSeq++
		title := fmt.Sprintf("Bagian Otorisasi %d-%03d", run, courseSeq)
		var sec struct {
			ID string `json:"id"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/sections", token,
			map[string]string{"title": title}, &sec)
		expect(t, "add a section to course "+crs.id+" of "+crs.tenant, st, raw, http.StatusCreated)
		secret(title, sec.ID)
		return sec.ID
	}
	addItem := func(crs authzCourse, token string) string {
		t.Helper()
		courseSeq++
		title := fmt.Sprintf("Materi Otorisasi %d-%03d", run, courseSeq)
		var it struct {
			ID string `json:"id"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items", token,
			map[string]string{"sectionId": crs.sectionID, "kind": "text", "title": title, "body": "Isi"}, &it)
		expect(t, "add an item to course "+crs.id+" of "+crs.tenant, st, raw, http.StatusCreated)
		secret(title, it.ID)
		return it.ID
	}
	// A video whose upload never arrives: its material stays not ready.
	addVideo := func(crs authzCourse, token string) string {
		t.Helper()
		courseSeq++
		title := fmt.Sprintf("Video Otorisasi %d-%03d", run, courseSeq)
		var it struct {
			ID string `json:"id"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items", token,
			map[string]string{"sectionId": crs.sectionID, "kind": "video", "title": title, "uploadId": "01JDZ3K8W9X4T5Y6Z7A8B9C0D1"}, &it)
		expect(t, "add a video to course "+crs.id+" of "+crs.tenant, st, raw, http.StatusCreated)
		secret(title, it.ID)
		return it.ID
	}
	// A PDF item, whose material is uploading until an upload is sent.
	addPDF := func(crs authzCourse, token string) string {
		t.Helper()
		courseSeq++
		title := fmt.Sprintf("Modul Otorisasi %d-%03d", run, courseSeq)
		var it struct {
			ID string `json:"id"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items", token,
			map[string]string{"sectionId": crs.sectionID, "kind": "pdf", "title": title}, &it)
		expect(t, "add a PDF item to course "+crs.id+" of "+crs.tenant, st, raw, http.StatusCreated)
		secret(title, it.ID)
		return it.ID
	}
	// An upload the tenant's admin starts for the course's PDF item.
	startUpload := func(crs authzCourse) string {
		t.Helper()
		var s struct {
			Upload authzUploadView `json:"upload"`
		}
		body := authzUploadBody(authzVariant{course: crs})
		st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/uploads", adminOf[crs.tenant], body, &s)
		expect(t, "start an upload for the PDF item of course "+crs.id+" of "+crs.tenant, st, raw, http.StatusCreated)
		if s.Upload.ID == "" || s.Upload.Status != "uploading" {
			t.Fatalf("the upload started for course %s of %s is not uploading: %s", crs.id, crs.tenant, raw)
		}
		secret(s.Upload.ID)
		return s.Upload.ID
	}
	// The granted course is opened to the demo learner by an enrollment
	// of its own, a batch id no other test uses.
	learnerID := member[own]
	grantBatch := fmt.Sprintf("01JDZ3K8W9X4T5Y6Z7A8B9%04X", 0xC0E0+run)
	makeCourse := func(tenant, kind string) authzCourse {
		t.Helper()
		courseSeq++
		token := adminOf[tenant]
		if kind == "taught" {
			token = instructorTok
		}
		code := fmt.Sprintf("AUTHZ-R%d-%03d", run, courseSeq)
		title := fmt.Sprintf("Otorisasi %s %d-%03d", authzKindTitle[kind], run, courseSeq)
		var o authzOutline
		st, raw := api(t, http.MethodPost, "/tenants/"+tenant+"/courses", token, map[string]any{"code": code, "title": title, "jp": 2}, &o)
		expect(t, "create the "+kind+" course "+code+" in "+tenant, st, raw, http.StatusCreated)
		crs := authzCourse{tenant: tenant, kind: kind, id: o.Course.ID}
		secret(code, title, crs.id)
		if kind == "taught" && !slices.Contains(o.Course.InstructorIDs, instructorID) {
			t.Fatalf("the instructor does not teach the course they made: %s", raw)
		}
		crs.sectionID = addSection(crs, token)
		crs.itemID = addItem(crs, token)
		if kind == "granted" {
			crs.videoID = addVideo(crs, token)
		}
		if kind == "published" || kind == "granted" || kind == "batch" {
			st, raw = api(t, http.MethodPost, "/tenants/"+tenant+"/courses/"+crs.id+"/publish", token, nil, nil)
			expect(t, "publish "+code, st, raw, http.StatusOK)
		}
		if kind == "granted" {
			grantCourse(t, tenant, learnerID, crs.id, grantBatch)
		}
		st, o, raw = readCourse(crs)
		expect(t, "read "+code, st, raw, http.StatusOK)
		crs.status, crs.version = o.Course.Status, o.Course.Version
		return crs
	}
	courses := map[string]map[string]authzCourse{own: {}, other: {}}
	var standing []authzCourse
	for _, k := range []struct{ tenant, kind string }{{own, "draft"}, {own, "published"}, {own, "taught"}, {own, "granted"}, {other, "draft"}} {
		crs := makeCourse(k.tenant, k.kind)
		courses[k.tenant][k.kind] = crs
		standing = append(standing, crs)
	}
	// Each standing course but the granted one gets a PDF item, and an
	// upload the tenant's admin started for it: the upload routes aim at
	// them.
	var uploadsMade []authzUpload
	for _, k := range []struct{ tenant, kind string }{{own, "draft"}, {own, "published"}, {own, "taught"}, {other, "draft"}} {
		crs := courses[k.tenant][k.kind]
		crs.pdfID = addPDF(crs, adminOf[k.tenant])
		crs.uploadID = startUpload(crs)
		courses[k.tenant][k.kind] = crs
		uploadsMade = append(uploadsMade, authzUpload{tenant: k.tenant, id: crs.uploadID, label: "standing upload in the " + authzKindLabel[k.kind] + " of " + k.tenant})
	}
	// Question banks and quizzes. Every standing course gets a question in
	// its bank, made by its tenant's admin, and a quiz item asking it, not
	// required: the granted course's required items, which the learner's
	// progress counts, stay as they were. Everyone who may take a quiz (its
	// editors; in the granted course the learner) takes it, and in the
	// granted course another learner too, whose attempts are another's to
	// the demo learner: a submitted attempt (nothing answered, so failed:
	// no item is completed), then one in progress.
	secondNIK := nextNIK()
	var second struct {
		Membership struct {
			UserID string `json:"userId"`
		} `json:"membership"`
		Account struct {
			TemporaryPassword string `json:"temporaryPassword"`
		} `json:"account"`
	}
	st, raw = api(t, http.MethodPost, "/tenants/"+own+"/users", adminTok, map[string]string{
		"username": secondNIK, "name": "Siti Nurhaliza Otorisasi", "role": "learner"}, &second)
	expect(t, "add a second learner to "+own, st, raw, http.StatusCreated)
	secondLearnerID := second.Membership.UserID
	secret(secondNIK, "Siti Nurhaliza Otorisasi", secondLearnerID)
	secondLearnerTok := firstSignIn(t, secondNIK, second.Account.TemporaryPassword, "PesertaKedua2026").AccessToken
	grantCourse(t, own, secondLearnerID, courses[own]["granted"].id, grantBatch)
	takerTok := map[string]string{learnerID: learnerTok, secondLearnerID: secondLearnerTok, instructorID: instructorTok, adminID: adminTok, otherAdminID: otherAdminTok}
	takerName := map[string]string{learnerID: "the learner", secondLearnerID: "another learner", instructorID: "the instructor", adminID: "the admin", otherAdminID: "the admin"}
	// bankWant: what each standing course's bank should hold once the
	// matrix has run.
	bankWant := map[string]map[string]bool{}
	addQuestion := func(crs authzCourse) string {
		t.Helper()
		courseSeq++
		text := fmt.Sprintf("Soal Otorisasi %d-%03d: benar?", run, courseSeq)
		var q authzQuestionView
		st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/questions", adminOf[crs.tenant],
			map[string]any{"type": "truefalse", "text": text, "points": 1, "correct": []string{"true"}}, &q)
		expect(t, "add a question to the bank of course "+crs.id+" of "+crs.tenant, st, raw, http.StatusCreated)
		if q.ID == "" || q.CourseID != crs.id {
			t.Fatalf("the question added to the bank of course %s of %s is not one of it: %s", crs.id, crs.tenant, raw)
		}
		secret(text, q.ID)
		bankWant[crs.id][q.ID] = true
		return q.ID
	}
	addQuiz := func(crs authzCourse) string {
		t.Helper()
		courseSeq++
		title := fmt.Sprintf("Kuis Otorisasi %d-%03d", run, courseSeq)
		var it struct {
			ID string `json:"id"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items", adminOf[crs.tenant], map[string]any{
			"sectionId": crs.sectionID, "kind": "quiz", "title": title, "required": false,
			"quiz": map[string]any{"kind": "quiz", "questionIds": []string{crs.questionID}, "passPercent": 100, "review": "after-submit"}}, &it)
		expect(t, "add a quiz to course "+crs.id+" of "+crs.tenant, st, raw, http.StatusCreated)
		secret(title, it.ID)
		return it.ID
	}
	// takeQuiz starts an attempt of userID's at the quiz crs.itemID.
	takeQuiz := func(crs authzCourse, userID string) string {
		t.Helper()
		var a authzAttemptView
		st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items/"+crs.itemID+"/attempts", takerTok[userID], nil, &a)
		expect(t, "start an attempt as "+takerName[userID]+" at the quiz "+crs.itemID+" of "+crs.tenant, st, raw, http.StatusCreated)
		if a.ID == "" || a.UserID != userID || a.Status != "in-progress" {
			t.Fatalf("the attempt %s started at the quiz %s of %s is not theirs, in progress: %s", takerName[userID], crs.itemID, crs.tenant, raw)
		}
		secret(a.ID)
		return a.ID
	}
	// readAttempt reads an attempt as the admin of its tenant.
	readAttempt := func(crs authzCourse, id string) (int, authzAttemptView, []byte) {
		t.Helper()
		var a authzAttemptView
		st, raw := api(t, http.MethodGet, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items/"+crs.itemID+"/attempts/"+id, adminOf[crs.tenant], nil, &a)
		return st, a, raw
	}
	// attemptsAt lists the attempts at the quiz crs.itemID, as the admin of
	// its tenant.
	attemptsAt := func(crs authzCourse) []authzAttemptView {
		t.Helper()
		var page struct {
			Items []authzAttemptView `json:"items"`
		}
		st, raw := api(t, http.MethodGet, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items/"+crs.itemID+"/attempts?limit=100", adminOf[crs.tenant], nil, &page)
		expect(t, "list the attempts at the quiz "+crs.itemID+" of "+crs.tenant, st, raw, http.StatusOK)
		return page.Items
	}
	for _, k := range []struct {
		tenant, kind string
		takers       []string
	}{
		{own, "draft", []string{adminID}}, {own, "published", []string{adminID}}, {own, "taught", []string{instructorID, adminID}},
		{own, "granted", []string{learnerID, secondLearnerID, adminID}}, {other, "draft", []string{otherAdminID}},
	} {
		crs := courses[k.tenant][k.kind]
		bankWant[crs.id] = map[string]bool{}
		crs.questionID = addQuestion(crs)
		crs.quizID = addQuiz(crs)
		crs.takers = k.takers
		at := crs
		at.itemID = crs.quizID
		for _, u := range k.takers {
			id := takeQuiz(at, u)
			var done authzAttemptView
			st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items/"+crs.quizID+"/attempts/"+id+"/submit", takerTok[u], nil, &done)
			expect(t, "submit the attempt of "+takerName[u]+" at the quiz of the "+authzKindLabel[k.kind]+" of "+k.tenant, st, raw, http.StatusOK)
			if done.Status == "in-progress" {
				t.Fatalf("the submitted attempt of %s at the quiz of the %s of %s is still in progress: %s", takerName[u], authzKindLabel[k.kind], k.tenant, raw)
			}
			crs.attempts = append(crs.attempts, authzAttempt{id: id, userID: u, submitted: true}, authzAttempt{id: takeQuiz(at, u), userID: u})
		}
		courses[k.tenant][k.kind] = crs
	}
	// Assignments. Every standing course gets an assignment item, made by
	// its tenant's admin, not required (as the quiz), taking a text or a
	// PDF, scored out of 10, without a due date (so it never closes, nor
	// does a grade lock a submission). Everyone who took the quiz submits a
	// text to it. In the granted course the learner and the other learner
	// each start a submission file for it, of which nothing is ever sent:
	// the upload routes aim at them.
	addAssignment := func(crs authzCourse) string {
		t.Helper()
		courseSeq++
		title := fmt.Sprintf("Tugas Otorisasi %d-%03d", run, courseSeq)
		var it struct {
			ID string `json:"id"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items", adminOf[crs.tenant], map[string]any{
			"sectionId": crs.sectionID, "kind": "assignment", "title": title, "body": "Tulis jawaban atau unggah PDF.", "required": false,
			"assignment": map[string]any{"allowText": true, "allowFile": true, "fileKinds": []string{"pdf"}, "maxScore": 10}}, &it)
		expect(t, "add an assignment to course "+crs.id+" of "+crs.tenant, st, raw, http.StatusCreated)
		secret(title, it.ID)
		return it.ID
	}
	submitTo := func(crs authzCourse, userID string) {
		t.Helper()
		var sub authzSubmissionView
		st, raw := api(t, http.MethodPut, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items/"+crs.assignmentID+"/submission", takerTok[userID],
			map[string]string{"text": "Jawaban awal"}, &sub)
		expect(t, "submit as "+takerName[userID]+" to the assignment "+crs.assignmentID+" of "+crs.tenant, st, raw, http.StatusOK)
		if sub.UserID != userID || sub.ItemID != crs.assignmentID {
			t.Fatalf("the submission of %s to the assignment %s of %s is not theirs: %s", takerName[userID], crs.assignmentID, crs.tenant, raw)
		}
	}
	// startSubmission: userID starts a submission file for the course's
	// assignment.
	startSubmission := func(crs authzCourse, userID string) string {
		t.Helper()
		var s struct {
			Upload authzUploadView `json:"upload"`
		}
		body := authzUploadBody(authzVariant{course: crs, submission: true})
		st, raw := api(t, http.MethodPost, "/tenants/"+crs.tenant+"/uploads", takerTok[userID], body, &s)
		expect(t, "start a submission file as "+takerName[userID]+" for the assignment of course "+crs.id+" of "+crs.tenant, st, raw, http.StatusCreated)
		if s.Upload.ID == "" || s.Upload.Status != "uploading" || s.Upload.Purpose != "submission" || s.Upload.CreatedBy != userID {
			t.Fatalf("the submission file %s started for the assignment of course %s of %s is not theirs, uploading: %s", takerName[userID], crs.id, crs.tenant, raw)
		}
		secret(s.Upload.ID)
		return s.Upload.ID
	}
	for _, k := range []struct{ tenant, kind string }{{own, "draft"}, {own, "published"}, {own, "taught"}, {own, "granted"}, {other, "draft"}} {
		crs := courses[k.tenant][k.kind]
		crs.assignmentID = addAssignment(crs)
		crs.submitters = slices.Clone(crs.takers)
		for _, u := range crs.submitters {
			submitTo(crs, u)
		}
		if k.kind == "granted" {
			crs.submissionUploads = map[string]string{}
			for _, u := range []string{learnerID, secondLearnerID} {
				crs.submissionUploads[u] = startSubmission(crs, u)
				uploadsMade = append(uploadsMade, authzUpload{tenant: k.tenant, id: crs.submissionUploads[u],
					label: "standing submission file of " + takerName[u] + " in the " + authzKindLabel[k.kind] + " of " + k.tenant})
			}
			// Each learner reads their own file; to the other it is not
			// there, as an id no upload has.
			for _, u := range []string{learnerID, secondLearnerID} {
				for _, id := range crs.submissionUploads {
					var got authzUploadView
					st, raw := api(t, http.MethodGet, "/tenants/"+k.tenant+"/uploads/"+id, takerTok[u], nil, &got)
					var e errorBody
					_ = json.Unmarshal(raw, &e)
					switch mine := crs.submissionUploads[u] == id; {
					case mine && (st != http.StatusOK || got.ID != id || got.CreatedBy != u):
						t.Errorf("%s reads their own submission file %s: %d %s", takerName[u], id, st, raw)
					case !mine && (st != http.StatusNotFound || e.Error.Code != "upload_not_found"):
						t.Errorf("%s reads another learner's submission file %s: %d, want 404 upload_not_found: %s", takerName[u], id, st, raw)
					}
				}
			}
		}
		courses[k.tenant][k.kind] = crs
	}

	// An upload id no upload has.
	unknownUpload := fmt.Sprintf("01JDZ3K8W9X4T5Y6Z7A8B9%04X", 0xD0E0+run)
	// Batches: in each tenant an open batch of a published course of its
	// own, needing approval, where every member with a token asked for a
	// seat (pending: in the demo tenant the learner, the instructor and the
	// admin, in the other its admin); in the demo tenant also a draft. The
	// course is one of their own, not a standing one: approving grants it,
	// and the course routes must not see that.
	batchCourse := map[string]authzCourse{own: makeCourse(own, "batch"), other: makeCourse(other, "batch")}
	batchSeq := 0
	var batchesMade []authzBatch
	makeBatch := func(tenant, kind string) authzBatch {
		t.Helper()
		batchSeq++
		name := fmt.Sprintf("Angkatan Uji Otorisasi %d-%03d", run, batchSeq)
		code := fmt.Sprintf("AUTHZ-B%d-%03d", run, batchSeq)
		var b authzBatchView
		st, raw := api(t, http.MethodPost, "/tenants/"+tenant+"/batches", adminOf[tenant], map[string]any{
			"name": name, "code": code, "courseIds": []string{batchCourse[tenant].id}, "startDate": "2026-12-01", "endDate": "2026-12-10",
			"capacity": 5, "enrollmentPolicy": "approval"}, &b)
		expect(t, "create the batch "+code+" in "+tenant, st, raw, http.StatusCreated)
		secret(name, code, b.ID)
		if kind == "open" {
			st, raw = api(t, http.MethodPatch, "/tenants/"+tenant+"/batches/"+b.ID, adminOf[tenant], map[string]string{"status": "open"}, &b)
			expect(t, "open the batch "+code+" of "+tenant, st, raw, http.StatusOK)
		}
		if b.Status != kind {
			t.Fatalf("the batch %s of %s is %s, want %s", code, tenant, b.Status, kind)
		}
		if b.TotalJP <= 0 { // a completion must earn something the ledger shows
			t.Fatalf("the batch %s of %s earns %d JP: %s", code, tenant, b.TotalJP, raw)
		}
		made := authzBatch{tenant: tenant, kind: kind, id: b.ID, totalJP: b.TotalJP, courseID: batchCourse[tenant].id}
		batchesMade = append(batchesMade, made)
		return made
	}
	tokenOf := map[string]string{learnerID: learnerTok, instructorID: instructorTok, adminID: adminTok, otherAdminID: otherAdminTok}
	selfEnroll := func(b authzBatch, userID string) {
		t.Helper()
		var e authzEnrollmentView
		st, raw := api(t, http.MethodPost, "/tenants/"+b.tenant+"/batches/"+b.id+"/enrollments", tokenOf[userID], nil, &e)
		expect(t, "self-enrollment in the batch "+b.id+" of "+b.tenant, st, raw, http.StatusCreated)
		if e.Status != "pending" || e.UserID != userID {
			t.Fatalf("self-enrollment in the batch %s of %s is not the caller's pending request: %s", b.id, b.tenant, raw)
		}
	}
	// approveEnrollment: the tenant's admin approves a pending request.
	approveEnrollment := func(b authzBatch, userID string) {
		t.Helper()
		var e authzEnrollmentView
		st, raw := api(t, http.MethodPost, "/tenants/"+b.tenant+"/batches/"+b.id+"/enrollments/"+userID+"/approve", adminOf[b.tenant], nil, &e)
		expect(t, "approve an enrollment in the batch "+b.id+" of "+b.tenant, st, raw, http.StatusOK)
		if e.Status != "enrolled" || e.UserID != userID || e.Completed {
			t.Fatalf("the approved enrollment in the batch %s of %s is not an enrolled, uncompleted seat: %s", b.id, b.tenant, raw)
		}
	}
	batches := map[string]map[string]authzBatch{
		own:   {"open": makeBatch(own, "open"), "draft": makeBatch(own, "draft")},
		other: {"open": makeBatch(other, "open")},
	}
	// Each tenant's standing pending enrollment, aimed at by the routes
	// with {userId}: the learner's, and the other tenant's admin's.
	pending := map[string]string{own: learnerID, other: otherAdminID}
	pendingOf := map[string]string{own: "the learner", other: "the admin"}
	standingPending := map[string][]string{own: {learnerID, instructorID, adminID}, other: {otherAdminID}}
	for _, tenant := range []string{own, other} {
		b := batches[tenant]["open"]
		for _, id := range standingPending[tenant] {
			selfEnroll(b, id)
		}
		b.pending = slices.Sorted(slices.Values(standingPending[tenant]))
		batches[tenant]["open"] = b
	}
	// Whose the fresh enrollments are.
	enrollees := map[string]map[string]string{own: {"learner": learnerID, "instructor": instructorID}, other: {"learner": otherAdminID, "instructor": otherAdminID}}
	enrolleeName := map[string]string{learnerID: "the learner", instructorID: "the instructor", otherAdminID: "the admin"}
	var batchFreshes []authzBatchFresh

	// Forums: in each tenant its admin asks at the help desk and in the
	// open batch's forum, and replies; and adds an FAQ entry.
	makeForumThread := func(tenant, forumID string) (string, string) {
		t.Helper()
		var th, post struct {
			ID string `json:"id"`
		}
		base := "/tenants/" + tenant + "/forums/" + forumID + "/threads"
		st, raw := api(t, http.MethodPost, base, adminOf[tenant], map[string]string{"title": "Topik uji otorisasi", "body": "Isi topik."}, &th)
		expect(t, "start a thread in the forum "+forumID+" of "+tenant, st, raw, http.StatusCreated)
		st, raw = api(t, http.MethodPost, base+"/"+th.ID+"/posts", adminOf[tenant], map[string]string{"body": "Balasan admin."}, &post)
		expect(t, "reply in the forum "+forumID+" of "+tenant, st, raw, http.StatusCreated)
		return th.ID, post.ID
	}
	type authzForumSet struct{ helpThread, helpPost, batchThread, batchPost, faq string }
	forums := map[string]authzForumSet{}
	for _, tenant := range []string{own, other} {
		var f authzForumSet
		f.helpThread, f.helpPost = makeForumThread(tenant, "helpdesk")
		f.batchThread, f.batchPost = makeForumThread(tenant, batches[tenant]["open"].id)
		var e struct {
			ID string `json:"id"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+tenant+"/faq", adminOf[tenant], map[string]any{
			"question": "Bagaimana cara menghubungi panitia?", "answer": "Melalui meja bantuan."}, &e)
		expect(t, "add an FAQ entry in "+tenant, st, raw, http.StatusCreated)
		f.faq = e.ID
		forums[tenant] = f
	}
	// Evaluation: the tenant's admin defines a form of one question;
	// enrolls a member by id (enrolled at once, whatever the policy); a
	// participant answers it.
	readEvaluation := func(b authzBatch) (int, authzEvaluation, []byte) {
		t.Helper()
		var ev authzEvaluation
		st, raw := api(t, http.MethodGet, "/tenants/"+b.tenant+"/batches/"+b.id+"/evaluation", adminOf[b.tenant], nil, &ev)
		return st, ev, raw
	}
	defineForm := func(b *authzBatch) {
		t.Helper()
		var ev authzEvaluation
		st, raw := api(t, http.MethodPut, "/tenants/"+b.tenant+"/batches/"+b.id+"/evaluation", adminOf[b.tenant], authzFormBody(), &ev)
		expect(t, "define the evaluation form of the batch "+b.id+" of "+b.tenant, st, raw, http.StatusOK)
		if ev.BatchID != b.id || len(ev.Questions) != 1 || ev.Questions[0].ID == "" || ev.Responses != 0 {
			t.Fatalf("the evaluation form of the batch %s of %s is not the one question defined: %s", b.id, b.tenant, raw)
		}
		b.questionID = ev.Questions[0].ID
		secret(b.questionID)
	}
	enrollByAdmin := func(b authzBatch, userID string) {
		t.Helper()
		var out struct {
			Results []struct {
				UserID string `json:"userId"`
				Status string `json:"status"`
				Error  string `json:"error"`
			} `json:"results"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+b.tenant+"/batches/"+b.id+"/enrollments", adminOf[b.tenant],
			map[string]any{"userIds": []string{userID}}, &out)
		expect(t, "enroll "+enrolleeName[userID]+" in the batch "+b.id+" of "+b.tenant, st, raw, http.StatusOK)
		if len(out.Results) != 1 || out.Results[0].UserID != userID || out.Results[0].Status != "enrolled" {
			t.Fatalf("the admin's enrollment of %s in the batch %s of %s did not enroll them: %s", enrolleeName[userID], b.id, b.tenant, raw)
		}
	}
	answer := func(b authzBatch, questionID, userID string) (int, []byte) {
		t.Helper()
		return api(t, http.MethodPost, "/tenants/"+b.tenant+"/batches/"+b.id+"/evaluation/responses", tokenOf[userID], authzAnswerBody(questionID), nil)
	}
	for _, tenant := range []string{own, other} {
		b := batches[tenant]["open"]
		defineForm(&b)
		batches[tenant]["open"] = b
	}

	// A course id of the other tenant in a path: the demo tenant's published
	// course (which every instructor there sees) in the other tenant.
	crossOf := map[string]authzCourse{own: courses[other]["draft"], other: courses[own]["published"]}
	// A section or item id of the other tenant under a course the caller
	// may edit (routes tried on the granted course get one under that course
	// too, which the learner may open).
	homeOf := map[string]authzCourse{own: courses[own]["taught"], other: courses[other]["draft"]}
	var freshes []authzFresh

	// Course lists: the admin sees every course of the tenant, an instructor
	// the ones they teach and the published ones, never another's draft; no
	// list holds another tenant's course.
	listed := func(tenant, token string) map[string]bool {
		t.Helper()
		found := map[string]bool{}
		cursor := ""
		for {
			var page struct {
				Items []struct {
					ID string `json:"id"`
				} `json:"items"`
				NextCursor string `json:"nextCursor"`
			}
			path := "/tenants/" + tenant + "/courses?limit=100&q=Otorisasi"
			if cursor != "" {
				path += "&cursor=" + url.QueryEscape(cursor)
			}
			st, raw := api(t, http.MethodGet, path, token, nil, &page)
			expect(t, "list the courses of "+tenant, st, raw, http.StatusOK)
			for _, c := range page.Items {
				found[c.ID] = true
			}
			if page.NextCursor == "" {
				return found
			}
			cursor = page.NextCursor
		}
	}
	for _, l := range []struct {
		who     string
		found   map[string]bool
		visible func(authzCourse) bool
	}{
		{"admin of " + own, listed(own, adminTok), func(crs authzCourse) bool { return crs.tenant == own }},
		{"instructor of " + own, listed(own, instructorTok), func(crs authzCourse) bool { return crs.tenant == own && crs.kind != "draft" }},
		{"admin of " + other, listed(other, otherAdminTok), func(crs authzCourse) bool { return crs.tenant == other }},
	} {
		for _, crs := range standing {
			if got, want := l.found[crs.id], l.visible(crs); got != want {
				t.Errorf("the course list as %s: the %s of %s is listed=%v, want %v", l.who, authzKindLabel[crs.kind], crs.tenant, got, want)
			}
		}
	}

	// Batch lists: the admin sees every batch of the tenant, other members
	// the ones that are not drafts; "my batches" holds the caller's
	// enrollments; no list holds another tenant's batch.
	batchListed := func(path, token string) map[string]bool {
		t.Helper()
		found := map[string]bool{}
		cursor := ""
		for {
			var page struct {
				Items []struct {
					ID      string `json:"id"`
					BatchID string `json:"batchId"`
				} `json:"items"`
				NextCursor string `json:"nextCursor"`
			}
			p := path
			if cursor != "" {
				p += "&cursor=" + url.QueryEscape(cursor)
			}
			st, raw := api(t, http.MethodGet, p, token, nil, &page)
			expect(t, "list "+path, st, raw, http.StatusOK)
			for _, b := range page.Items {
				found[b.ID+b.BatchID] = true // a batch has an id, an enrollment a batchId
			}
			if page.NextCursor == "" {
				return found
			}
			cursor = page.NextCursor
		}
	}
	for _, l := range []struct {
		who     string
		found   map[string]bool
		visible func(authzBatch) bool
	}{
		{"the batch list as admin of " + own, batchListed("/tenants/"+own+"/batches?limit=100", adminTok), func(b authzBatch) bool { return b.tenant == own }},
		{"the batch list as instructor of " + own, batchListed("/tenants/"+own+"/batches?limit=100", instructorTok), func(b authzBatch) bool { return b.tenant == own && b.kind != "draft" }},
		{"the batch list as learner of " + own, batchListed("/tenants/"+own+"/batches?limit=100", learnerTok), func(b authzBatch) bool { return b.tenant == own && b.kind != "draft" }},
		{"the batch list as admin of " + other, batchListed("/tenants/"+other+"/batches?limit=100", otherAdminTok), func(b authzBatch) bool { return b.tenant == other }},
		{"my batches as learner of " + own, batchListed("/tenants/"+own+"/me/batches?", learnerTok), func(b authzBatch) bool { return b.tenant == own && b.kind == "open" }},
		{"my batches as admin of " + own, batchListed("/tenants/"+own+"/me/batches?", adminTok), func(b authzBatch) bool { return b.tenant == own && b.kind == "open" }},
		{"my batches as admin of " + other, batchListed("/tenants/"+other+"/me/batches?", otherAdminTok), func(b authzBatch) bool { return b.tenant == other }},
	} {
		for _, b := range batchesMade {
			if got, want := l.found[b.id], l.visible(b); got != want {
				t.Errorf("%s: the %s batch of %s is listed=%v, want %v", l.who, b.kind, b.tenant, got, want)
			}
		}
	}

	// Competency development (authzComp): in each tenant work units, its
	// employee put on the roster by an HR import (whose job the import
	// route aims at), standing claims and plans. The demo instructor is the
	// demo tenant's employee, in its first unit, a verifier and the unit's
	// coordinator; the other tenant's admin is its employee, without
	// duties. Claims: in each tenant an external draft of its employee's;
	// in the demo tenant also the admin's draft of a unit training, and a
	// unit training the admin submitted with its two documents and the
	// instructor as participant. Plans: in the demo tenant a public and an
	// internal one, in the other a public one.
	comp := &authzComp{otherOf: otherOf, units: map[string][]string{}, nips: map[string]string{own: acct[1].Username, other: otherAdminNIP},
		jobs: map[string]string{}, claims: map[string][]authzClaim{}, plans: map[string][]authzPlan{}}
	employeeOf := map[string]string{own: instructorID, other: otherAdminID}
	for _, u := range []struct{ tenant, letter string }{{own, "A"}, {own, "B"}, {other, "L"}} {
		code := fmt.Sprintf("AUTHZ-R%d-%s", run, u.letter)
		name := fmt.Sprintf("Unit Otorisasi %d %s", run, u.letter)
		var unit struct {
			ID string `json:"id"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+u.tenant+"/units", adminOf[u.tenant], map[string]string{"id": strings.ToLower(code), "name": name}, &unit)
		expect(t, "create the unit "+code+" in "+u.tenant, st, raw, http.StatusCreated)
		if unit.ID != code {
			t.Fatalf("the unit %s of %s was made as %q: %s", code, u.tenant, unit.ID, raw)
		}
		secret(code, name)
		comp.units[u.tenant] = append(comp.units[u.tenant], code)
	}
	employeeVersion := map[string]int{}
	for _, tenant := range []string{own, other} {
		file := fmt.Sprintf("NIP,Nama,Unit Kerja,Jabatan\n%s,Pegawai Otorisasi %s,%s,Analis\n", comp.nips[tenant], tenant, comp.units[tenant][0])
		st, rep, raw := importEmployees(t, adminOf[tenant], tenant, []byte(file), "")
		expect(t, "import the employee of "+tenant, st, raw, http.StatusOK)
		var job struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(raw, &job) != nil || job.ID == "" || rep.Failed != 0 || rep.Created+rep.Updated+rep.Unchanged != 1 || len(rep.Accounts) != 0 {
			t.Fatalf("the HR import of the employee of %s did not write their one row to their existing account: %s", tenant, raw)
		}
		secret(job.ID, "Pegawai Otorisasi "+tenant)
		comp.jobs[tenant] = job.ID
		var e employeeView
		st, raw = api(t, http.MethodGet, "/tenants/"+tenant+"/me/employee", tokenOf[employeeOf[tenant]], nil, &e)
		expect(t, "the roster record of the employee of "+tenant, st, raw, http.StatusOK)
		if e.UserID != employeeOf[tenant] || e.UnitID != comp.units[tenant][0] {
			t.Fatalf("the employee of %s is not on the roster with their account, in %s: %s", tenant, comp.units[tenant][0], raw)
		}
		if tenant == own {
			st, raw = api(t, http.MethodPatch, "/tenants/"+own+"/employees/"+e.NIP, adminTok, map[string]any{"duties": []string{"verifier", "coordinator"}, "version": e.Version}, &e)
			expect(t, "give the instructor of "+own+" duties", st, raw, http.StatusOK)
		}
		employeeVersion[tenant] = e.Version
	}
	today := time.Now().In(clock.Jakarta)
	fileClaim := func(tenant, filer, kind, unitID string, docs []string) authzClaim {
		t.Helper()
		courseSeq++
		title := fmt.Sprintf("Pelatihan Otorisasi %d-%03d", run, courseSeq)
		body := map[string]any{"kind": kind, "title": title, "organizer": "Balai Uji Otorisasi", "jp": 2, "area": "teknis", "mode": "klasikal",
			"startDate": today.AddDate(0, 0, -5).Format("2006-01-02"), "endDate": today.AddDate(0, 0, -3).Format("2006-01-02")}
		if unitID != "" {
			body["unitId"] = unitID
		}
		var refs []map[string]string
		for i, id := range docs {
			refs = append(refs, map[string]string{"kind": []string{"assignment_letter", "curriculum"}[i], "uploadId": id})
		}
		if refs != nil {
			body["documents"] = refs
		}
		var cl struct {
			ID      string `json:"id"`
			Status  string `json:"status"`
			Version int    `json:"version"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+tenant+"/claims", tokenOf[filer], body, &cl)
		expect(t, "file the "+kind+" claim "+title+" in "+tenant, st, raw, http.StatusCreated)
		if cl.Status != "draft" {
			t.Fatalf("the claim %s of %s is not a draft: %s", title, tenant, raw)
		}
		secret(title, cl.ID)
		return authzClaim{tenant: tenant, id: cl.ID, kind: "draft", status: "draft", filer: filer, version: cl.Version, documents: docs}
	}
	for _, tenant := range []string{own, other} {
		comp.claims[tenant] = append(comp.claims[tenant], fileClaim(tenant, employeeOf[tenant], "external", "", nil))
	}
	unitDraft := fileClaim(own, adminID, "unit", comp.units[own][0], nil)
	unitDraft.kind = "unit-draft"
	var docs []string
	for _, name := range []string{"surat-tugas-otorisasi", "kurikulum-otorisasi"} {
		id, _ := claimDocument(t, adminTok, own, name)
		secret(id)
		docs = append(docs, id)
	}
	submitted := fileClaim(own, adminID, "unit", comp.units[own][0], docs)
	submitted.kind, submitted.participants = "submitted", []string{comp.nips[own]}
	{
		base := "/tenants/" + own + "/claims/" + submitted.id
		var rep struct {
			Accepted int `json:"accepted"`
			Version  int `json:"version"`
		}
		st, raw := apiRaw(t, http.MethodPut, base+"/participants", adminTok, []byte("NIP\n"+comp.nips[own]+"\n"), "text/csv")
		if st != http.StatusOK || json.Unmarshal(raw, &rep) != nil || rep.Accepted != 1 {
			t.Fatalf("the participant list of the unit training %s of %s: %d %s", submitted.id, own, st, raw)
		}
		var cl struct {
			Status  string `json:"status"`
			Version int    `json:"version"`
		}
		st, raw = api(t, http.MethodPost, base+"/submit", adminTok, map[string]int{"version": rep.Version}, &cl)
		expect(t, "submit the unit training "+submitted.id+" of "+own, st, raw, http.StatusOK)
		if cl.Status != "submitted" {
			t.Fatalf("the unit training %s of %s is not submitted: %s", submitted.id, own, raw)
		}
		submitted.status, submitted.version = cl.Status, cl.Version
	}
	comp.claims[own] = append(comp.claims[own], unitDraft, submitted)
	// A claim id of the other tenant in a path: the other tenant's draft in
	// the demo tenant, the demo tenant's submitted unit training (which its
	// verifiers see) in the other.
	crossClaim := map[string]authzClaim{own: comp.claims[other][0], other: submitted}
	calYear := today.Year()
	planSeq := 0
	makePlan := func(tenant string, public bool) authzPlan {
		t.Helper()
		planSeq++
		title := fmt.Sprintf("Rencana Otorisasi %d-%03d", run, planSeq)
		var p struct {
			ID      string `json:"id"`
			Version int    `json:"version"`
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+tenant+"/calendar", adminOf[tenant], map[string]any{"title": title,
			"startDate": fmt.Sprintf("%d-11-%02d", calYear, 1+planSeq%28), "endDate": fmt.Sprintf("%d-11-%02d", calYear, 1+planSeq%28),
			"jp": 8, "quota": 20, "targetUnits": comp.units[tenant][:1], "mode": "klasikal", "public": public}, &p)
		expect(t, "plan "+title+" in "+tenant, st, raw, http.StatusCreated)
		secret(title, p.ID)
		return authzPlan{id: p.ID, public: public, version: p.Version}
	}
	comp.plans[own] = []authzPlan{makePlan(own, true), makePlan(own, false)}
	comp.plans[other] = []authzPlan{makePlan(other, true)}
	var freshPlans []authzFreshPlan

	callers := []authzCaller{
		{name: "anonymous", role: "anonymous"},
		{name: "learner of " + own, token: learnerTok, role: "learner", tenant: own, userID: learnerID},
		{name: "instructor of " + own, token: instructorTok, role: "instructor", tenant: own, userID: instructorID,
			nip: comp.nips[own], unit: comp.units[own][0], duties: []string{"verifier", "coordinator"}},
		{name: "admin of " + own, token: adminTok, role: "admin", tenant: own, userID: adminID},
		{name: "admin of " + other, token: otherAdminTok, role: "admin", tenant: other, userID: otherAdminID,
			nip: comp.nips[other], unit: comp.units[other][0]},
		{name: "operator", token: opTok, role: "operator"},
	}

	// A certificate number of each tenant (its short name is its default
	// prefix) that no certificate has: the matrix issues none, and the
	// sequence of another test never gets that far.
	unknownNumber := map[string]string{}
	for tenant, prefix := range map[string]string{own: "BDTBT", other: "BUOL"} {
		unknownNumber[tenant] = fmt.Sprintf("%s-%d-999999", prefix, time.Now().In(clock.Jakarta).Year())
	}

	// variants fills a route's parameters: the path's tenant is each of the
	// two tenants; an id parameter is one of that tenant's, then one of the
	// other tenant's (which must not be found).
	known := append(slices.Clone(standing), batchCourse[own], batchCourse[other])
	variants := func(path string, on []authzOn, bon []authzOnBatch, con []authzOnComp) ([]authzVariant, error) {
		params := map[string]bool{}
		for _, seg := range strings.Split(path, "/") {
			if strings.HasPrefix(seg, "{") {
				params[strings.TrimSuffix(strings.Trim(seg, "{}"), "+")] = true // {file+} is greedy
			}
		}
		for p := range params {
			switch p {
			case "tenantId", "userId", "registrationId", "courseId", "sectionId", "itemId", "batchId", "number", "uploadId", "file", "questionId", "attemptId",
				"unitId", "nip", "jobId", "claimId", "planId", "forumId", "threadId", "postId", "faqId":
			default:
				return nil, fmt.Errorf("no test values for {%s}", p)
			}
		}
		if !params["tenantId"] {
			if params["number"] && len(params) == 1 { // the public check of a certificate
				return []authzVariant{
					{number: unknownNumber[own], label: "certificate number of " + own + " no certificate has"},
					{number: "bukan-nomor", label: "no certificate number"},
				}, nil
			}
			if len(params) > 0 {
				return nil, fmt.Errorf("an id parameter without {tenantId}")
			}
			return []authzVariant{{label: "-"}}, nil
		}
		var out []authzVariant
		for _, pt := range []string{own, other} {
			switch {
			case params["batchId"]:
				// The tenant's batches, then the other tenant's open batch
				// (with its pending enrollment); with {userId}, also the
				// other tenant's participant in this tenant's open batch.
				if bon == nil {
					bon = authzBatchKinds
				}
				crossIDs := map[bool]bool{}
				for _, o := range bon {
					b, ok := batches[pt][o.kind]
					if !ok {
						continue // the other tenant has an open batch only
					}
					v := authzVariant{tenant: pt, batch: b, freshBatch: o.fresh, want: o.want, code: o.code}
					label := o.kind + " batch of " + pt
					switch o.fresh {
					case "batch":
						label = "fresh open batch of " + pt
						if strings.Contains(path, "/evaluation") {
							label += " without an evaluation form"
						}
					case "running":
						label = "fresh running batch of " + pt
					case "evaluation", "answered":
						v.participant = enrollees[pt][o.who]
						label = "fresh open batch of " + pt + " with an evaluation form, " + enrolleeName[v.participant] + " enrolled"
						if o.fresh == "answered" {
							label += " and answered"
						}
					}
					if params["userId"] {
						v.userID = pending[pt]
						label = pendingOf[pt] + "'s pending enrollment in the " + label
						switch o.fresh {
						case "enrollment":
							v.userID = enrollees[pt][o.who]
							label = enrolleeName[v.userID] + "'s pending enrollment in a fresh open batch of " + pt
						case "enrolled":
							v.userID = enrollees[pt][o.who]
							label = enrolleeName[v.userID] + "'s approved enrollment in a fresh open batch of " + pt
						}
					}
					if o.ids {
						v.ids = []string{member[otherOf[pt]]}
						label += ", enrolling a member of " + otherOf[pt] + " by id"
					}
					v.label = label
					out = append(out, v)
					crossIDs[o.ids] = true
				}
				for _, ids := range []bool{false, true} {
					if !crossIDs[ids] {
						continue
					}
					v := authzVariant{tenant: pt, batch: batches[otherOf[pt]]["open"], cross: true, label: "open batch of " + otherOf[pt]}
					if params["userId"] {
						v.userID = pending[otherOf[pt]]
						v.label = pendingOf[otherOf[pt]] + "'s pending enrollment in the open batch of " + otherOf[pt]
					}
					if ids {
						v.ids = []string{member[pt]}
						v.label += ", enrolling a member of " + pt + " by id"
					}
					out = append(out, v)
				}
				if params["userId"] {
					out = append(out, authzVariant{tenant: pt, batch: batches[pt]["open"], userID: pending[otherOf[pt]], cross: true,
						label: pendingOf[otherOf[pt]] + " of " + otherOf[pt] + " in the open batch of " + pt})
				}
			case params["userId"]:
				out = append(out,
					authzVariant{tenant: pt, userID: member[pt], label: "member of " + pt},
					authzVariant{tenant: pt, userID: member[otherOf[pt]], cross: true, label: "member of " + otherOf[pt]})
			case params["registrationId"] && strings.HasSuffix(path, "/approve"):
				out = append(out,
					authzVariant{tenant: pt, freshReg: true, label: "fresh registration of " + pt},
					authzVariant{tenant: pt, regID: stays[otherOf[pt]], cross: true, label: "registration of " + otherOf[pt]})
			case params["registrationId"]:
				out = append(out,
					authzVariant{tenant: pt, regID: stays[pt], label: "registration of " + pt},
					authzVariant{tenant: pt, regID: stays[otherOf[pt]], cross: true, label: "registration of " + otherOf[pt]})
			case params["uploadId"] || strings.HasSuffix(path, "/uploads"):
				// Uploads: starting one names a course and its PDF item (or
				// its assignment item) in the body; the others aim at an
				// upload of it. Each standing course's (or a fresh one), a
				// learner's submission file, then the other tenant's, then
				// an id no upload has.
				if on == nil {
					on = authzStanding
				}
				submissions := false
				for _, o := range on {
					crs, ok := courses[pt][o.kind]
					if !ok {
						continue // the other tenant has an admin's draft only
					}
					label := "PDF item of the " + authzKindLabel[o.kind] + " of " + pt
					if params["uploadId"] {
						label = "upload in the " + authzKindLabel[o.kind] + " of " + pt
					}
					v := authzVariant{tenant: pt, course: crs, upload: crs.uploadID, fresh: o.fresh, want: o.want, code: o.code}
					if o.submission != "" {
						v.submission, submissions = true, true
						label = "submission file for the assignment of the " + authzKindLabel[o.kind] + " of " + pt
						if params["uploadId"] {
							v.uploadBy = map[string]string{"learner": learnerID, "another": secondLearnerID}[o.submission]
							v.upload = crs.submissionUploads[v.uploadBy]
							label = takerName[v.uploadBy] + "'s " + label
						}
					}
					if o.fresh == "upload" {
						label = "fresh " + label
					}
					v.label = label
					out = append(out, v)
				}
				crs := crossOf[pt]
				label := "PDF item of the " + authzKindLabel[crs.kind] + " of " + crs.tenant
				if params["uploadId"] {
					label = "upload in the " + authzKindLabel[crs.kind] + " of " + crs.tenant
				}
				out = append(out, authzVariant{tenant: pt, course: crs, upload: crs.uploadID, cross: true, label: label})
				if submissions && !params["uploadId"] {
					out = append(out, authzVariant{tenant: pt, course: crs, submission: true, cross: true,
						label: "submission file for the assignment of the " + authzKindLabel[crs.kind] + " of " + crs.tenant})
				}
				if params["uploadId"] {
					out = append(out, authzVariant{tenant: pt, upload: unknownUpload, want: http.StatusNotFound, code: "upload_not_found",
						label: "upload id of " + pt + " no upload has"})
				}
			case params["courseId"]:
				if on == nil {
					on = authzStanding
				}
				// The attempt routes aim at the course's quiz, with an attempt
				// at it: by default its first taker's attempt in progress.
				quiz := strings.Contains(path, "/attempts")
				// The submission routes aim at the course's assignment.
				task := strings.Contains(path, "/submission")
				inProgress := func(crs authzCourse) authzAttempt {
					for _, a := range crs.attempts {
						if !a.submitted {
							return a
						}
					}
					return authzAttempt{}
				}
				for _, o := range on {
					crs, ok := courses[pt][o.kind]
					if !ok {
						continue // the other tenant has an admin's draft only
					}
					label := authzKindLabel[o.kind] + " of " + pt
					switch o.fresh {
					case "course":
						label = "fresh " + label
					case "section", "item", "question", "quiz":
						label = "fresh " + o.fresh + " in the " + label
					}
					if o.item == "video" {
						crs.itemID = crs.videoID
						label = "processing video in the " + label
					}
					if quiz && o.fresh != "quiz" && o.fresh != "attempt" {
						crs.itemID = crs.quizID
						label = "quiz of the " + label
					}
					switch {
					case task && o.item == "text":
						label = "text item (no assignment) in the " + label
					case task:
						crs.itemID = crs.assignmentID
						label = "assignment of the " + label
					}
					v := authzVariant{tenant: pt, course: crs, fresh: o.fresh, item: o.item, want: o.want, code: o.code, label: label, question: crs.questionID}
					if !params["attemptId"] {
						out = append(out, v)
						continue
					}
					if o.fresh == "attempt" { // each taker's, at a fresh quiz
						for _, u := range crs.takers {
							av := v
							av.attemptBy = u
							av.label = takerName[u] + "'s fresh attempt at a fresh quiz of the " + label
							out = append(out, av)
						}
						continue
					}
					for _, a := range crs.attempts {
						if a.submitted != (o.attempt == "submitted") {
							continue
						}
						av := v
						av.attempt, av.attemptBy = a.id, a.userID
						av.label = takerName[a.userID] + "'s " + o.attempt + " attempt at the " + label
						out = append(out, av)
					}
				}
				crs := crossOf[pt]
				cv := authzVariant{tenant: pt, course: crs, cross: true, question: crs.questionID, label: authzKindLabel[crs.kind] + " of " + crs.tenant}
				if quiz {
					crs.itemID = crs.quizID
					a := inProgress(crs)
					cv.course, cv.attempt, cv.attemptBy = crs, a.id, a.userID
					cv.label = "quiz of the " + cv.label
					if params["attemptId"] {
						cv.label = "attempt at the " + cv.label
					}
				}
				if task {
					crs.itemID = crs.assignmentID
					cv.course = crs
					cv.label = "assignment of the " + cv.label
				}
				out = append(out, cv)
				if params["sectionId"] || params["itemId"] || params["questionId"] {
					homes := []authzCourse{homeOf[pt]}
					if granted, ok := courses[pt]["granted"]; ok && slices.ContainsFunc(on, func(o authzOn) bool { return o.kind == "granted" }) {
						homes = append(homes, granted)
					}
					for _, home := range homes {
						foreign := crossOf[pt]
						local := home
						home.sectionID, home.itemID = foreign.sectionID, foreign.itemID
						what := "section"
						switch {
						case quiz:
							home.itemID = foreign.quizID
							what = "quiz"
							if params["attemptId"] {
								what = "quiz and attempt"
							}
						case task:
							home.itemID = foreign.assignmentID
							what = "assignment"
						case params["itemId"]:
							what = "item"
						case params["questionId"]:
							what = "question"
						}
						a := inProgress(foreign)
						out = append(out, authzVariant{tenant: pt, course: home, cross: true, question: foreign.questionID, attempt: a.id, attemptBy: a.userID,
							label: what + " of " + foreign.tenant + " in the " + authzKindLabel[home.kind] + " of " + pt})
						if params["attemptId"] { // the home quiz, an attempt of the other tenant
							local.itemID = local.quizID
							out = append(out, authzVariant{tenant: pt, course: local, cross: true, crossAttempt: true, attempt: a.id, attemptBy: a.userID,
								label: "attempt of " + foreign.tenant + " at the quiz of the " + authzKindLabel[home.kind] + " of " + pt})
						}
					}
				}
			case params["unitId"]:
				out = append(out,
					authzVariant{tenant: pt, comp: comp, unit: comp.units[pt][0], label: "unit of " + pt},
					authzVariant{tenant: pt, comp: comp, unit: comp.units[otherOf[pt]][0], cross: true, label: "unit of " + otherOf[pt]})
			case params["nip"]:
				out = append(out,
					authzVariant{tenant: pt, comp: comp, nip: comp.nips[pt], label: "employee of " + pt},
					authzVariant{tenant: pt, comp: comp, nip: comp.nips[otherOf[pt]], cross: true, label: "employee of " + otherOf[pt]})
			case params["jobId"]:
				out = append(out,
					authzVariant{tenant: pt, comp: comp, job: comp.jobs[pt], label: "HR import of " + pt},
					authzVariant{tenant: pt, comp: comp, job: comp.jobs[otherOf[pt]], cross: true, label: "HR import of " + otherOf[pt]})
			case params["claimId"]:
				// The tenant's standing claims, then one of the other
				// tenant's.
				if con == nil {
					con = authzClaimKinds
				}
				for _, o := range con {
					for _, cl := range comp.claims[pt] {
						if cl.kind == o.claim {
							out = append(out, authzVariant{tenant: pt, comp: comp, claim: cl, want: o.want, code: o.code, label: authzClaimLabel[cl.kind] + " of " + pt})
						}
					}
				}
				cl := crossClaim[pt]
				out = append(out, authzVariant{tenant: pt, comp: comp, claim: cl, cross: true, label: authzClaimLabel[cl.kind] + " of " + cl.tenant})
			case params["planId"]:
				// The tenant's standing plans (or a fresh one), then the
				// other tenant's public plan.
				if len(con) > 0 && con[0].fresh {
					out = append(out, authzVariant{tenant: pt, comp: comp, freshPlan: true, label: "fresh plan of " + pt})
				} else {
					for _, p := range comp.plans[pt] {
						label := "internal plan of " + pt
						if p.public {
							label = "public plan of " + pt
						}
						out = append(out, authzVariant{tenant: pt, comp: comp, plan: p.id, label: label})
					}
				}
				out = append(out, authzVariant{tenant: pt, comp: comp, plan: comp.plans[otherOf[pt]][0].id, cross: true, label: "public plan of " + otherOf[pt]})
			case con != nil && strings.HasSuffix(path, "/claims"):
				// What a new claim names: its kind, and a unit training's
				// unit (the instructor coordinates the demo tenant's first).
				for _, o := range con {
					v := authzVariant{tenant: pt, comp: comp, newKind: o.kind, want: o.want, code: o.code, label: "external claim in " + pt}
					switch o.unit {
					case "coordinated":
						if pt != own {
							continue // nobody coordinates a unit of the other tenant
						}
						v.newUnit, v.label = comp.units[pt][0], "unit training of the instructor's unit of "+pt
					case "other":
						v.newUnit, v.label = comp.units[pt][len(comp.units[pt])-1], "unit training of a unit of "+pt+" nobody coordinates"
					case "foreign":
						v.newUnit, v.newForeign = comp.units[otherOf[pt]][0], true
						v.want, v.code = http.StatusBadRequest, "validation_failed" // unit_not_found, whoever files
						v.label = "unit training of a unit of " + otherOf[pt] + ", in " + pt
					}
					out = append(out, v)
				}
			case params["forumId"]:
				f, fo := forums[pt], forums[otherOf[pt]]
				out = append(out,
					authzVariant{tenant: pt, forum: "helpdesk", thread: f.helpThread, post: f.helpPost, label: "help desk of " + pt},
					authzVariant{tenant: pt, forum: batches[pt]["open"].id, batch: batches[pt]["open"], thread: f.batchThread, post: f.batchPost,
						label: "open batch's forum of " + pt},
					authzVariant{tenant: pt, forum: batches[otherOf[pt]]["open"].id, batch: batches[otherOf[pt]]["open"], thread: fo.batchThread,
						post: fo.batchPost, cross: true, label: "open batch's forum of " + otherOf[pt]})
			case params["threadId"]:
				out = append(out,
					authzVariant{tenant: pt, forum: "helpdesk", thread: forums[pt].helpThread, label: "help desk thread of " + pt},
					authzVariant{tenant: pt, forum: "helpdesk", thread: forums[otherOf[pt]].helpThread, cross: true, label: "help desk thread of " + otherOf[pt]})
			case params["faqId"]:
				out = append(out,
					authzVariant{tenant: pt, faq: forums[pt].faq, label: "FAQ entry of " + pt},
					authzVariant{tenant: pt, faq: forums[otherOf[pt]].faq, cross: true, label: "FAQ entry of " + otherOf[pt]})
			case params["number"]:
				out = append(out,
					authzVariant{tenant: pt, number: unknownNumber[pt], label: "certificate number of " + pt + " no certificate has"},
					authzVariant{tenant: pt, number: unknownNumber[otherOf[pt]], cross: true, label: "certificate number of " + otherOf[pt]})
			default:
				out = append(out, authzVariant{tenant: pt, courses: known, comp: comp, label: "tenant " + pt})
			}
		}
		if params["file"] {
			// The master playlist, the file a ready video or audio has
			// whatever its renditions: the one a player asks for first.
			for i := range out {
				out[i].file = "master.m3u8"
			}
		}
		return out, nil
	}
	fill := func(path string, v authzVariant) string {
		return strings.NewReplacer("{tenantId}", v.tenant, "{userId}", v.userID, "{registrationId}", v.regID,
			"{courseId}", v.course.id, "{sectionId}", v.course.sectionID, "{itemId}", v.course.itemID, "{batchId}", v.batch.id,
			"{number}", v.number, "{uploadId}", v.upload, "{file+}", v.file, "{questionId}", v.question, "{attemptId}", v.attempt,
			"{unitId}", v.unit, "{nip}", v.nip, "{jobId}", v.job, "{claimId}", v.claim.id, "{planId}", v.plan,
			"{forumId}", v.forum, "{threadId}", v.thread, "{postId}", v.post, "{faqId}", v.faq).Replace(path)
	}

	// Each tenant's certificate settings as they are: the matrix never saves
	// them (another test saves the demo tenant's from version 0).
	certSettings := func(tenant string) (authzCertificateSettings, []byte) {
		t.Helper()
		var s authzCertificateSettings
		st, raw := api(t, http.MethodGet, "/tenants/"+tenant+"/certificate-settings", adminOf[tenant], nil, &s)
		expect(t, "read the certificate settings of "+tenant, st, raw, http.StatusOK)
		return s, raw
	}
	settingsBefore := map[string]authzCertificateSettings{}
	for _, tenant := range []string{own, other} {
		settingsBefore[tenant], _ = certSettings(tenant)
	}

	routes, _ := templateRoutes(t)
	seen := map[string]bool{}
	var requests, allowed, refused int
	statuses := map[int]int{}
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		rule, ok := authzRules[key]
		if !ok {
			t.Errorf("route %s has no authorization expectation: add it to authzRules", key)
			continue
		}
		seen[key] = true
		if anon := rule.who(callers[0], authzVariant{tenant: own}); (anon == authzAllowed) != rt.Public {
			t.Errorf("%s: the template says public=%v, the expectation says %s for anonymous callers", key, rt.Public, anon)
		}
		vs, err := variants(rt.Path, rule.on, rule.batches, rule.comp)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		if rule.queries != nil { // each variant with each query string
			var qvs []authzVariant
			for _, v := range vs {
				for _, q := range rule.queries {
					qv := v
					qv.query = q.query
					if q.query == "" {
						qv.label += ", without a query string"
					}
					if q.want != 0 {
						qv.want, qv.code = q.want, q.code
					}
					qvs = append(qvs, qv)
				}
			}
			vs = qvs
		}
		t.Run(key, func(t *testing.T) {
			for _, v := range vs {
				for _, c := range callers {
					if v.freshReg {
						v.regID = register(v.tenant)
					}
					switch v.fresh {
					case "course":
						v.course = makeCourse(v.tenant, v.course.kind)
					case "section":
						v.course.sectionID = addSection(v.course, adminOf[v.tenant])
					case "item":
						v.course.itemID = addItem(v.course, adminOf[v.tenant])
					case "upload":
						if v.submission {
							v.upload = startSubmission(v.course, v.uploadBy)
						} else {
							v.upload = startUpload(v.course)
						}
					case "question":
						v.question = addQuestion(v.course)
					case "quiz":
						v.course.itemID = addQuiz(v.course)
					case "attempt":
						v.course.itemID = addQuiz(v.course)
						v.attempt = takeQuiz(v.course, v.attemptBy)
					}
					if v.fresh != "" {
						by := v.attemptBy
						if v.fresh == "quiz" {
							by = c.userID
						}
						freshes = append(freshes, authzFresh{what: v.fresh, course: v.course, upload: v.upload, question: v.question, attempt: v.attempt, by: by,
							label: v.label})
					}
					if v.freshBatch != "" {
						v.batch = makeBatch(v.tenant, "open")
						f := authzBatchFresh{batch: v.batch, userID: c.userID, after: "pending"}
						switch v.freshBatch {
						case "running":
							var bv authzBatchView
							st, raw := api(t, http.MethodPatch, "/tenants/"+v.tenant+"/batches/"+v.batch.id, adminOf[v.tenant], map[string]string{"status": "running"}, &bv)
							expect(t, "start the batch "+v.batch.id+" of "+v.tenant, st, raw, http.StatusOK)
							if bv.Status != "running" {
								t.Fatalf("the batch %s of %s is %s, want running: %s", v.batch.id, v.tenant, bv.Status, raw)
							}
							v.batch.kind = "running"
							batchesMade[len(batchesMade)-1].kind = "running"
							f.batch, f.after, f.job = v.batch, "", true
						case "evaluation", "answered":
							defineForm(&v.batch)
							enrollByAdmin(v.batch, v.participant)
							f.batch, f.userID, f.before, f.after = v.batch, v.participant, "enrolled", "enrolled"
							f.questionID = v.batch.questionID
							if v.freshBatch == "answered" {
								st, raw := answer(v.batch, v.batch.questionID, v.participant)
								expect(t, "answer the evaluation of the batch "+v.batch.id+" of "+v.tenant+" as "+enrolleeName[v.participant], st, raw, http.StatusNoContent)
								f.responses = 1
							}
							switch {
							case strings.HasSuffix(rt.Path, "/evaluation/responses"):
								f.eval = "respond"
							case rt.Method == http.MethodPut:
								f.eval = "put"
							default:
								f.eval = "get"
							}
						case "enrollment", "enrolled":
							selfEnroll(v.batch, v.userID)
							f.userID, f.before = v.userID, "pending"
							if v.freshBatch == "enrolled" {
								approveEnrollment(v.batch, v.userID)
								f.before = "enrolled"
							}
							switch {
							case strings.HasSuffix(rt.Path, "/approve"):
								f.after = "enrolled"
							case strings.HasSuffix(rt.Path, "/reject"):
								f.after = "rejected"
							case strings.HasSuffix(rt.Path, "/withdraw"):
								f.after = "withdrawn"
							case strings.HasSuffix(rt.Path, "/complete"):
								f.after, f.jp = "enrolled, completed", true
							}
						}
						batchFreshes = append(batchFreshes, f)
					}
					if rule.freshForum && v.forum != "" && !v.cross {
						v.thread, v.post = makeForumThread(v.tenant, v.forum)
					}
					if v.freshPlan {
						v.plan = makePlan(v.tenant, false).id
						freshPlans = append(freshPlans, authzFreshPlan{tenant: v.tenant, id: v.plan, label: v.label})
					}
					class := rule.who(c, v)
					var body []byte
					headers := map[string]string{}
					if rule.body != nil {
						if b := rule.body(v); b != nil {
							body, _ = json.Marshal(b)
							headers["Content-Type"] = "application/json"
						}
					}
					path := fill(rt.Path, v)
					if v.query != "" {
						path += "?" + v.query
					}
					what := fmt.Sprintf("%s %s (%s) as %s", rt.Method, path, v.label, c.name)
					resp, raw := call(t, rt.Method, "/api"+path, c.token, body, headers)
					requests++
					statuses[resp.StatusCode]++
					if class == authzAllowed && v.freshReg && resp.StatusCode < 300 {
						regs[len(regs)-1].decided = true
					}
					if class == authzAllowed && v.fresh != "" && resp.StatusCode < 300 {
						freshes[len(freshes)-1].acted = true
					}
					if class == authzAllowed && v.freshPlan && resp.StatusCode < 300 {
						freshPlans[len(freshPlans)-1].acted = true
					}
					if class == authzAllowed && v.freshBatch != "" && resp.StatusCode < 300 {
						batchFreshes[len(batchFreshes)-1].acted = true
					}
					if key == "POST /tenants/{tenantId}/courses/{courseId}/questions" && resp.StatusCode == http.StatusCreated && bankWant[v.course.id] != nil {
						var q authzQuestionView
						if json.Unmarshal(raw, &q) == nil && q.ID != "" {
							bankWant[v.course.id][q.ID] = true
						}
					}
					if key == "POST /tenants/{tenantId}/uploads" && resp.StatusCode == http.StatusCreated {
						var s struct {
							Upload authzUploadView `json:"upload"`
						}
						if json.Unmarshal(raw, &s) == nil && s.Upload.ID != "" {
							uploadsMade = append(uploadsMade, authzUpload{tenant: s.Upload.TenantID, id: s.Upload.ID,
								label: "upload started by the " + c.name + " for the " + v.label})
						}
					}

					if class == authzAllowed {
						if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden || resp.StatusCode >= 500 {
							t.Errorf("%s: expected allowed, got %d: %s", what, resp.StatusCode, raw)
							continue
						}
						want, code := rule.want, rule.code
						if v.want != 0 {
							want, code = v.want, v.code
						}
						if v.cross {
							want = http.StatusNotFound // another tenant's id is unknown here
						}
						if want != 0 && resp.StatusCode != want {
							t.Errorf("%s: status %d, want %d: %s", what, resp.StatusCode, want, raw)
							continue
						}
						if code != "" && !v.cross {
							var e errorBody
							if err := json.Unmarshal(raw, &e); err != nil || e.Error.Code != code {
								t.Errorf("%s: error code %q, want %q: %s", what, e.Error.Code, code, raw)
								continue
							}
						}
						if rule.check != nil && !v.cross && resp.StatusCode < 300 {
							if p := rule.check(c, v, raw); p != "" {
								t.Errorf("%s: the answer %s: %s", what, p, raw)
								continue
							}
						}
						if v.cross {
							refused++
							if p := authzRefusalProblem(raw, false, secrets); p != "" {
								t.Errorf("%s: refusal %s: %s", what, p, raw)
							}
						} else {
							allowed++
						}
						continue
					}

					refused++
					if c.role == "anonymous" {
						requireErrorShape(t, what, resp, raw, http.StatusUnauthorized, "unauthorized")
					} else if !class.refuses(resp.StatusCode) {
						t.Errorf("%s: expected %s, got %d: %s", what, class.statuses(), resp.StatusCode, raw)
						continue
					} else if rule.hidden != "" && class == authzHidden {
						var e errorBody
						if err := json.Unmarshal(raw, &e); err != nil || e.Error.Code != rule.hidden {
							t.Errorf("%s: hidden with the error code %q, want %q: %s", what, e.Error.Code, rule.hidden, raw)
							continue
						}
					}
					if p := authzRefusalProblem(raw, c.role == "anonymous", secrets); p != "" {
						t.Errorf("%s: refusal %s: %s", what, p, raw)
					}
				}
			}
		})
	}
	var stale []string
	for key := range authzRules {
		if !seen[key] {
			stale = append(stale, key)
		}
	}
	sort.Strings(stale)
	for _, key := range stale {
		t.Errorf("authzRules has %s, which template.yaml does not route", key)
	}

	// Every registration nobody was allowed to decide is still pending: the
	// operator can reject it now (a decided one would answer 409). This also
	// leaves no pending requests behind in the demo tenant.
	for _, r := range regs {
		if r.decided {
			continue
		}
		st, raw := api(t, http.MethodPost, "/tenants/"+r.tenant+"/registrations/"+r.id+"/reject", opTok,
			map[string]string{"reason": "Uji otorisasi selesai"}, nil)
		if st != http.StatusOK {
			t.Errorf("registration %s of %s was changed by a refused or invalid request: reject now gives %d: %s", r.id, r.tenant, st, raw)
		}
	}

	// Every fresh course, section and item no allowed caller acted on is as
	// it was made: refused and invalid requests changed nothing.
	for _, f := range freshes {
		if f.what == "upload" {
			uploadsMade = append(uploadsMade, authzUpload{tenant: f.course.tenant, id: f.upload, aborted: f.acted, label: f.label})
			continue
		}
		where := authzKindLabel[f.course.kind] + " of " + f.course.tenant
		switch f.what {
		case "question": // deleted by an allowed caller: no longer in the bank, looked at below
			if f.acted {
				delete(bankWant[f.course.id], f.question)
			}
			continue
		case "quiz": // started by an allowed caller, nobody else
			var got []string
			for _, a := range attemptsAt(f.course) {
				got = append(got, a.UserID)
			}
			want := []string(nil)
			if f.acted {
				want = []string{f.by}
			}
			if !slices.Equal(got, want) {
				t.Errorf("the fresh quiz %s in the %s (started by an allowed caller: %v) has attempts by %v, want %v", f.course.itemID, where, f.acted, got, want)
			}
			continue
		case "attempt": // submitted by an allowed caller (its taker), else in progress
			st, a, raw := readAttempt(f.course, f.attempt)
			if st != http.StatusOK || a.ID != f.attempt || a.UserID != f.by || (a.Status == "in-progress") == f.acted {
				t.Errorf("the fresh attempt of %s at a fresh quiz of the %s (submitted by an allowed caller: %v) now reads %d: %s",
					takerName[f.by], where, f.acted, st, raw)
			}
			continue
		}
		if f.acted {
			continue
		}
		crs := f.course
		st, o, raw := readCourse(crs)
		switch {
		case st != http.StatusOK:
			t.Errorf("the fresh %s of %s, which no allowed caller acted on, is gone: reading its course gives %d: %s", f.what, crs.id, st, raw)
		case f.what == "course" && (o.Course.Status != crs.status || o.Course.Version != crs.version):
			t.Errorf("the fresh %s %s of %s was changed by a refused or invalid request: %s version %d, made %s version %d",
				authzKindLabel[crs.kind], crs.id, crs.tenant, o.Course.Status, o.Course.Version, crs.status, crs.version)
		case f.what == "section" && !o.has(crs.sectionID, ""), f.what == "item" && !o.has("", crs.itemID):
			t.Errorf("the fresh %s of the %s of %s was deleted by a refused or invalid request: %s", f.what, authzKindLabel[crs.kind], crs.tenant, raw)
		}
	}

	// Every standing bank holds its question, the ones allowed callers
	// created (201) and the fresh ones no allowed caller deleted: no
	// refused or invalid request created, changed the course of or deleted
	// a question. Every standing quiz holds its takers' attempts as they
	// were made (submitted or in progress) and no other: no refused start
	// made one, no refused or invalid request submitted one. Every
	// standing assignment holds its submitters' submissions alone.
	for _, k := range []struct{ tenant, kind string }{{own, "draft"}, {own, "published"}, {own, "taught"}, {own, "granted"}, {other, "draft"}} {
		crs := courses[k.tenant][k.kind]
		where := authzKindLabel[k.kind] + " of " + k.tenant
		var got, want []string
		for cursor := ""; ; {
			var page struct {
				Items      []authzQuestionView `json:"items"`
				NextCursor string              `json:"nextCursor"`
			}
			path := "/tenants/" + crs.tenant + "/courses/" + crs.id + "/questions?limit=100"
			if cursor != "" {
				path += "&cursor=" + url.QueryEscape(cursor)
			}
			st, raw := api(t, http.MethodGet, path, adminOf[crs.tenant], nil, &page)
			expect(t, "list the bank of the "+where, st, raw, http.StatusOK)
			for _, q := range page.Items {
				got = append(got, q.ID)
				if q.CourseID != crs.id || q.Version != 1 {
					t.Errorf("the bank of the %s holds the question %s of the course %s, version %d", where, q.ID, q.CourseID, q.Version)
				}
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		for id := range bankWant[crs.id] {
			want = append(want, id)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("the bank of the %s holds %v, want %v", where, got, want)
		}
		at := crs
		at.itemID = crs.quizID
		got, want = nil, nil
		for _, a := range attemptsAt(at) {
			got = append(got, a.ID)
		}
		for _, a := range crs.attempts {
			want = append(want, a.id)
			st, view, raw := readAttempt(at, a.id)
			if st != http.StatusOK || view.UserID != a.userID || (view.Status == "in-progress") == a.submitted {
				t.Errorf("the %s attempt of %s at the quiz of the %s (submitted: %v) now reads %d: %s", view.Status, takerName[a.userID], where, a.submitted, st, raw)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("the quiz of the %s has the attempts %v, want %v", where, got, want)
		}
		// The assignment holds its submitters' submissions and no other: no
		// refused submission was taken.
		var subs struct {
			Items []authzSubmissionView `json:"items"`
		}
		st, raw := api(t, http.MethodGet, "/tenants/"+crs.tenant+"/courses/"+crs.id+"/items/"+crs.assignmentID+"/submissions?limit=100", adminOf[crs.tenant], nil, &subs)
		expect(t, "list the submissions to the assignment of the "+where, st, raw, http.StatusOK)
		got, want = nil, slices.Clone(crs.submitters)
		for _, sub := range subs.Items {
			got = append(got, sub.UserID)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("the assignment of the %s has the submissions of %v, want %v: %s", where, got, want, raw)
		}
	}

	// Every upload the matrix made is as an allowed caller left it: aborted
	// by an allowed DELETE, else still uploading (no refused, cross-tenant
	// or invalid request completed, retried or aborted it). The ones still
	// uploading are aborted then, giving their reservation of the tenant's
	// storage quota back (before their courses are cleared away: an upload
	// of a deleted course is not found).
	for _, u := range uploadsMade {
		path := "/tenants/" + u.tenant + "/uploads/" + u.id
		var got authzUploadView
		st, raw := api(t, http.MethodGet, path, adminOf[u.tenant], nil, &got)
		want := "uploading"
		if u.aborted {
			want = "aborted"
		}
		if st != http.StatusOK || got.ID != u.id || got.Status != want {
			t.Errorf("the %s (aborted by an allowed caller: %v): reading it gives %d, want it %s: %s", u.label, u.aborted, st, want, raw)
			continue
		}
		if !u.aborted {
			st, raw = api(t, http.MethodDelete, path, adminOf[u.tenant], nil, nil)
			expect(t, "abort the "+u.label, st, raw, http.StatusNoContent)
		}
	}

	// Every batch made for one request holds what an allowed caller made of
	// it, and nothing a refused or invalid request did: a self-enrollment
	// only when allowed, a pending enrollment still pending unless an
	// allowed caller decided or withdrew it, an enrolled participant
	// completed only by an allowed caller. A completed enrollment's status
	// reads "enrolled, completed".
	enrollmentsOf := func(b authzBatch) map[string]string {
		t.Helper()
		var page struct {
			Items []authzEnrollmentView `json:"items"`
		}
		st, raw := api(t, http.MethodGet, "/tenants/"+b.tenant+"/batches/"+b.id+"/enrollments", adminOf[b.tenant], nil, &page)
		expect(t, "list the enrollments of the batch "+b.id+" of "+b.tenant, st, raw, http.StatusOK)
		got := map[string]string{}
		for _, e := range page.Items {
			got[e.UserID] = e.Status
			if e.Completed {
				got[e.UserID] += ", completed"
			}
		}
		return got
	}
	sameEnrollments := func(what string, got, want map[string]string) {
		t.Helper()
		ok := len(got) == len(want)
		for id, status := range want {
			ok = ok && got[id] == status
		}
		if !ok {
			t.Errorf("%s: enrollments %v, want %v", what, got, want)
		}
	}
	for _, f := range batchFreshes {
		want := map[string]string{}
		switch {
		case f.acted && f.after != "":
			want[f.userID] = f.after
		case f.before != "":
			want[f.userID] = f.before
		}
		sameEnrollments(fmt.Sprintf("the fresh batch %s of %s (acted on: %v)", f.batch.id, f.batch.tenant, f.acted), enrollmentsOf(f.batch), want)
	}
	// A fresh running batch has a certificate job only if an allowed admin
	// started one: run in the background for nobody, it ends done having
	// issued nothing; a refused request started none (404
	// certificate_job_none).
	for _, f := range batchFreshes {
		if !f.job {
			continue
		}
		what := fmt.Sprintf("the certificate job of the fresh running batch %s of %s (started by an allowed caller: %v)", f.batch.id, f.batch.tenant, f.acted)
		path := "/tenants/" + f.batch.tenant + "/batches/" + f.batch.id + "/certificates/job"
		for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
			var job struct {
				Status    string `json:"status"`
				Total     int    `json:"total"`
				Processed int    `json:"processed"`
				Issued    int    `json:"issued"`
				Failed    int    `json:"failed"`
			}
			st, raw := api(t, http.MethodGet, path, adminOf[f.batch.tenant], nil, &job)
			if !f.acted {
				var e errorBody
				_ = json.Unmarshal(raw, &e)
				if st != http.StatusNotFound || e.Error.Code != "certificate_job_none" {
					t.Errorf("%s: %d, want 404 certificate_job_none: %s", what, st, raw)
				}
				break
			}
			if st != http.StatusOK {
				t.Errorf("%s: %d, want 200: %s", what, st, raw)
				break
			}
			if job.Status == "done" || job.Status == "failed" {
				if job.Status != "done" || job.Total != 0 || job.Processed != 0 || job.Issued != 0 || job.Failed != 0 {
					t.Errorf("%s: ended %s, want done for nobody: %s", what, job.Status, raw)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("%s: still %s after 2 minutes: %s", what, job.Status, raw)
				break
			}
		}
	}
	// A completion puts the batch's JP in the participant's ledger of this
	// year (WIB), as their own GET me/jp shows it; a refused or invalid one
	// leaves no entry. No ledger names a batch of the other tenant.
	year := time.Now().In(clock.Jakarta).Year()
	for _, f := range batchFreshes {
		if !f.jp {
			continue
		}
		who := enrolleeName[f.userID] + " of " + f.batch.tenant
		for _, path := range []string{"/tenants/" + f.batch.tenant + "/me/jp", fmt.Sprintf("/tenants/%s/me/jp?year=%d", f.batch.tenant, year)} {
			var jp authzJP
			st, raw := api(t, http.MethodGet, path, tokenOf[f.userID], nil, &jp)
			expect(t, "my JP as "+who, st, raw, http.StatusOK)
			sum, found := 0, 0
			for _, e := range jp.Entries {
				sum += e.JP
				if e.BatchID == f.batch.id {
					found++
					if e.JP != f.batch.totalJP || e.Year != year {
						t.Errorf("GET %s as %s: the entry of the batch %s is %d JP of %d, want %d JP of %d: %s", path, who, f.batch.id, e.JP, e.Year, f.batch.totalJP, year, raw)
					}
				}
				for _, b := range batchesMade {
					if e.BatchID == b.id && b.tenant != f.batch.tenant {
						t.Errorf("GET %s as %s: the ledger names the batch %s of %s: %s", path, who, b.id, b.tenant, raw)
					}
				}
			}
			want := 0
			if f.acted {
				want = 1
			}
			switch {
			case jp.Year != year:
				t.Errorf("GET %s as %s: year %d, want %d: %s", path, who, jp.Year, year, raw)
			case found != want:
				t.Errorf("GET %s as %s: %d entries of the fresh batch %s (completed by an allowed caller: %v), want %d: %s", path, who, found, f.batch.id, f.acted, want, raw)
			case jp.TotalJP != sum || jp.Duty != 20 || jp.Remaining != max(0, jp.Duty-sum):
				t.Errorf("GET %s as %s: totalJp %d, duty %d, remaining %d do not add up over entries worth %d JP: %s", path, who, jp.TotalJP, jp.Duty, jp.Remaining, sum, raw)
			}
		}
	}
	// No request saved certificate settings: refused ones, nor the allowed
	// admin's invalid ones.
	for _, tenant := range []string{own, other} {
		if s, raw := certSettings(tenant); s != settingsBefore[tenant] {
			t.Errorf("the certificate settings of %s were changed: %s, were %+v", tenant, raw, settingsBefore[tenant])
		}
	}
	// The standing batches hold the standing pending requests, and nothing
	// else: no refused request decided one, and no enrollment by id took in
	// a member of the other tenant.
	for _, b := range []authzBatch{batches[own]["open"], batches[own]["draft"], batches[other]["open"]} {
		want := map[string]string{}
		if b.kind == "open" {
			for _, id := range standingPending[b.tenant] {
				want[id] = "pending"
			}
		}
		sameEnrollments(fmt.Sprintf("the standing %s batch of %s", b.kind, b.tenant), enrollmentsOf(b), want)
	}
	// The standing batches' evaluation forms are as the setup defined them,
	// unanswered, and the draft still has none: no invalid, refused or
	// cross-tenant PUT replaced a form, no refused answer was counted.
	for _, b := range []authzBatch{batches[own]["open"], batches[own]["draft"], batches[other]["open"]} {
		st, ev, raw := readEvaluation(b)
		switch {
		case b.questionID == "":
			var e errorBody
			_ = json.Unmarshal(raw, &e)
			if st != http.StatusNotFound || e.Error.Code != "evaluation_not_defined" {
				t.Errorf("the standing %s batch of %s, without an evaluation form, now answers %d: %s", b.kind, b.tenant, st, raw)
			}
		case st != http.StatusOK:
			t.Errorf("reading the evaluation of the standing %s batch of %s: %d %s", b.kind, b.tenant, st, raw)
		case len(ev.Questions) != 1 || ev.Questions[0].ID != b.questionID || ev.Responses != 0:
			t.Errorf("the evaluation form of the standing %s batch of %s was changed or answered: %s", b.kind, b.tenant, raw)
		}
	}
	// Every fresh batch with an evaluation form holds what an allowed caller
	// made of it: a form replaced only by an allowed PUT, an answer counted
	// only from an allowed participant. Its participant answers now: 409
	// evaluation_answered when they did before, else 204 (no refused
	// request answered in their name or locked the form).
	for _, f := range batchFreshes {
		if f.eval == "" {
			continue
		}
		what := fmt.Sprintf("the fresh batch %s of %s (evaluation %s, acted on: %v)", f.batch.id, f.batch.tenant, f.eval, f.acted)
		st, ev, raw := readEvaluation(f.batch)
		if st != http.StatusOK || len(ev.Questions) != 1 || len(ev.Results) != 1 {
			t.Errorf("%s: reading its evaluation gives %d: %s", what, st, raw)
			continue
		}
		responses, replaced := f.responses, false
		switch {
		case f.acted && f.eval == "respond":
			responses++
		case f.acted && f.eval == "put":
			replaced = true
		}
		if got := ev.Questions[0].ID != f.questionID; got != replaced {
			t.Errorf("%s: the form was replaced=%v, want %v: %s", what, got, replaced, raw)
		}
		if ev.Responses != responses || ev.Results[0].Answered != responses {
			t.Errorf("%s: %d responses (%d answers), want %d: %s", what, ev.Responses, ev.Results[0].Answered, responses, raw)
		}
		want, code := http.StatusNoContent, ""
		if responses > 0 {
			want, code = http.StatusConflict, "evaluation_answered"
		}
		st, raw = answer(f.batch, ev.Questions[0].ID, f.userID)
		var e errorBody
		_ = json.Unmarshal(raw, &e) // a 204 has no body
		if st != want || e.Error.Code != code {
			t.Errorf("%s: %s answers it now: %d, want %d %s: %s", what, enrolleeName[f.userID], st, want, code, raw)
		}
	}
	// The report as a download: the admin's CSV and XLSX of the standing
	// open batch are attachments named after the batch, the CSV with the
	// Indonesian headings, one column for the batch's course and the rows of
	// the JSON report; an unknown format is invalid (400) for the admin and,
	// as it is looked at only once the caller may read the report, refused
	// (403) to a member who does not follow the batch, giving nothing away.
	{
		b := batches[own]["open"]
		path := "/tenants/" + own + "/batches/" + b.id + "/report"
		var rep authzReport
		st, raw := api(t, http.MethodGet, path, adminTok, nil, &rep)
		expect(t, "the report of the standing open batch of "+own, st, raw, http.StatusOK)
		if p := authzReportCheck(authzCaller{}, authzVariant{batch: b}, raw); p != "" {
			t.Fatalf("the report of the standing open batch of %s %s: %s", own, p, raw)
		}
		for _, f := range []struct{ format, mediaType string }{
			{"csv", "text/csv"},
			{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		} {
			what := "GET " + path + "?format=" + f.format + " as admin of " + own
			resp, raw := call(t, http.MethodGet, "/api"+path+"?format="+f.format, adminTok, nil, nil)
			mediaType, _, _ := strings.Cut(resp.Header.Get("Content-Type"), ";")
			disposition := fmt.Sprintf(`attachment; filename="laporan-%s.%s"`, rep.Batch.Code, f.format)
			switch {
			case resp.StatusCode != http.StatusOK:
				t.Errorf("%s: status %d, want 200: %s", what, resp.StatusCode, raw)
				continue
			case mediaType != f.mediaType:
				t.Errorf("%s: Content-Type %q, want %s", what, resp.Header.Get("Content-Type"), f.mediaType)
			case resp.Header.Get("Content-Disposition") != disposition:
				t.Errorf("%s: Content-Disposition %q, want %q", what, resp.Header.Get("Content-Disposition"), disposition)
			case f.format == "xlsx" && !strings.HasPrefix(string(raw), "PK\x03\x04"):
				t.Errorf("%s: the body is not an XLSX workbook (a zip archive)", what)
			}
			if f.format != "csv" {
				continue
			}
			table, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
			head := []string{"NIK/NIP", "Nama", "Status", "Kemajuan (%)", rep.Batch.Courses[0].Code + " (%)", "Waktu belajar (menit)",
				"Lulus", "Tanggal lulus (WIB)", "JP", "Nomor sertifikat", "Evaluasi"}
			if err != nil || len(table) != 1+len(rep.Participants) || !slices.Equal(table[0], head) {
				t.Errorf("%s: not the heading %q and %d rows (%v): %s", what, head, len(rep.Participants), err, raw)
				continue
			}
			for i, p := range rep.Participants {
				if row := table[i+1]; len(row) != len(head) || row[0] != p.Username || row[2] != p.Status || row[6] != "tidak" ||
					row[7] != "" || row[8] != "0" || row[9] != "" || row[10] != "belum" {
					t.Errorf("%s: row %d %q is not the participant %s of the JSON report", what, i+1, row, p.UserID)
				}
			}
		}
		for _, c := range []struct {
			name, token string
			want        int
			code        string
		}{
			{"admin of " + own, adminTok, http.StatusBadRequest, "validation_failed"},
			{"learner of " + own, learnerTok, http.StatusForbidden, "forbidden"},
			{"admin of " + other, otherAdminTok, http.StatusForbidden, "forbidden"},
		} {
			what := "GET " + path + "?format=pdf as " + c.name
			resp, raw := call(t, http.MethodGet, "/api"+path+"?format=pdf", c.token, nil, nil)
			var e struct {
				Error struct {
					Code    string `json:"code"`
					Details []struct {
						Field string `json:"field"`
						Code  string `json:"code"`
					} `json:"details"`
				} `json:"error"`
			}
			_ = json.Unmarshal(raw, &e)
			switch {
			case resp.StatusCode != c.want || e.Error.Code != c.code:
				t.Errorf("%s: %d %q, want %d %s: %s", what, resp.StatusCode, e.Error.Code, c.want, c.code, raw)
			case c.want == http.StatusBadRequest && (len(e.Error.Details) != 1 || e.Error.Details[0].Field != "format" || e.Error.Details[0].Code != "field_one_of"):
				t.Errorf("%s: details %+v, want format field_one_of: %s", what, e.Error.Details, raw)
			case c.want == http.StatusForbidden:
				if p := authzRefusalProblem(raw, false, secrets); p != "" {
					t.Errorf("%s: refusal %s: %s", what, p, raw)
				}
			}
		}
	}

	// Competency development: every standing claim is as it was made, as
	// its filer reads it (no refused or invalid request edited, sent,
	// decided or gave participants to one); the units and the employees'
	// records are at the versions made; the standing plans too, and a fresh
	// plan is gone only when an allowed caller removed it. Then the plans
	// are cleared away.
	for _, tenant := range []string{own, other} {
		for _, cl := range comp.claims[tenant] {
			var got struct {
				Status  string `json:"status"`
				Version int    `json:"version"`
			}
			st, raw := api(t, http.MethodGet, "/tenants/"+tenant+"/claims/"+cl.id, tokenOf[cl.filer], nil, &got)
			if st != http.StatusOK || got.Status != cl.status || got.Version != cl.version {
				t.Errorf("the %s of %s (made %s, version %d) now reads %d: %s", authzClaimLabel[cl.kind], tenant, cl.status, cl.version, st, raw)
			}
		}
		var units struct {
			Items []struct {
				ID      string `json:"id"`
				Version int    `json:"version"`
			} `json:"items"`
		}
		st, raw := api(t, http.MethodGet, "/tenants/"+tenant+"/units", adminOf[tenant], nil, &units)
		expect(t, "the units of "+tenant, st, raw, http.StatusOK)
		for _, u := range units.Items {
			if slices.Contains(comp.units[tenant], u.ID) && u.Version != 1 {
				t.Errorf("the unit %s of %s was changed: version %d", u.ID, tenant, u.Version)
			}
		}
		var e employeeView
		st, raw = api(t, http.MethodGet, "/tenants/"+tenant+"/me/employee", tokenOf[employeeOf[tenant]], nil, &e)
		if st != http.StatusOK || e.Version != employeeVersion[tenant] || e.UnitID != comp.units[tenant][0] {
			t.Errorf("the employee of %s (version %d, in %s) now reads %d: %s", tenant, employeeVersion[tenant], comp.units[tenant][0], st, raw)
		}
		var cal struct {
			Items []struct {
				ID      string `json:"id"`
				Version int    `json:"version"`
			} `json:"items"`
		}
		st, raw = api(t, http.MethodGet, fmt.Sprintf("/tenants/%s/calendar?year=%d", tenant, calYear), adminOf[tenant], nil, &cal)
		expect(t, "the calendar of "+tenant, st, raw, http.StatusOK)
		versions := map[string]int{}
		for _, p := range cal.Items {
			versions[p.ID] = p.Version
		}
		for _, p := range comp.plans[tenant] {
			if versions[p.id] != p.version {
				t.Errorf("the standing plan %s of %s (version %d) is now at version %d (0: gone)", p.id, tenant, p.version, versions[p.id])
			}
		}
		for _, f := range freshPlans {
			if _, there := versions[f.id]; f.tenant == tenant && there == f.acted {
				t.Errorf("the %s (removed by an allowed caller: %v) is there: %v", f.label, f.acted, there)
			}
		}
		for id := range versions {
			if slices.ContainsFunc(comp.plans[tenant], func(p authzPlan) bool { return p.id == id }) ||
				slices.ContainsFunc(freshPlans, func(f authzFreshPlan) bool { return f.id == id }) {
				st, raw := api(t, http.MethodDelete, "/tenants/"+tenant+"/calendar/"+id, adminOf[tenant], nil, nil)
				expect(t, "remove the plan "+id+" of "+tenant, st, raw, http.StatusNoContent)
			}
		}
	}
	// Then the duties, with the codes that say why a member is refused.
	// The instructor, a verifier, rejects the submitted unit training (its
	// filer, the admin, may not); given the leader duty instead, they read
	// the dashboard and the roster, but no longer the queue or that claim,
	// nor file their unit's trainings, nor decide their own claim. Members
	// who are no employees file no external claim. Then the instructor's
	// duties are taken away.
	{
		base := "/tenants/" + own
		var cl struct {
			Status string `json:"status"`
		}
		st, raw := api(t, http.MethodPost, base+"/claims/"+submitted.id+"/decision", instructorTok,
			map[string]any{"decision": "reject", "comment": "Uji otorisasi selesai", "version": submitted.version}, &cl)
		expect(t, "the instructor, a verifier, rejects the submitted unit training", st, raw, http.StatusOK)
		if cl.Status != "rejected" {
			t.Errorf("the rejected unit training is %s: %s", cl.Status, raw)
		}
		setDuties := func(duties ...string) {
			t.Helper()
			duties = append([]string{}, duties...) // [] takes them all away; null would leave them
			var e employeeView
			st, raw := api(t, http.MethodGet, base+"/me/employee", instructorTok, nil, &e)
			expect(t, "the instructor's roster record", st, raw, http.StatusOK)
			st, raw = api(t, http.MethodPatch, base+"/employees/"+e.NIP, adminTok, map[string]any{"duties": duties, "version": e.Version}, &e)
			expect(t, fmt.Sprintf("give the instructor the duties %v", duties), st, raw, http.StatusOK)
			if !slices.Equal(e.Duties, duties) {
				t.Errorf("the instructor holds %v, want %v", e.Duties, duties)
			}
		}
		setDuties("leader")
		draft := comp.claims[own][0]
		for _, c := range []struct {
			what, method, path, token string
			body                      any
			want                      int
			code                      string
		}{
			{"the dashboard as a leader", http.MethodGet, base + "/dashboard", instructorTok, nil, http.StatusOK, ""},
			{"the reports as a leader", http.MethodGet, base + "/dashboard/reports", instructorTok, nil, http.StatusOK, ""},
			{"the roster as a leader", http.MethodGet, base + "/employees", instructorTok, nil, http.StatusOK, ""},
			{"the queue as a leader", http.MethodGet, base + "/claims", instructorTok, nil, http.StatusForbidden, "verifier_only"},
			{"the rejected unit training as a former verifier", http.MethodGet, base + "/claims/" + submitted.id, instructorTok, nil, http.StatusNotFound, "claim_not_found"},
			{"a unit training of their unit as a leader", http.MethodPost, base + "/claims", instructorTok,
				map[string]string{"kind": "unit", "unitId": comp.units[own][0]}, http.StatusForbidden, "coordinator_only"},
			{"a decision on their own claim as a leader", http.MethodPost, base + "/claims/" + draft.id + "/decision", instructorTok,
				map[string]any{"decision": "reject", "comment": "Uji", "version": draft.version}, http.StatusForbidden, "verifier_only"},
			{"a decision on their own claim as the admin", http.MethodPost, base + "/claims/" + unitDraft.id + "/decision", adminTok,
				map[string]any{"decision": "reject", "comment": "Uji", "version": unitDraft.version}, http.StatusForbidden, "claim_own"},
			{"the roster as the learner", http.MethodGet, base + "/employees", learnerTok, nil, http.StatusForbidden, "verifier_only"},
			{"the queue as the learner", http.MethodGet, base + "/claims", learnerTok, nil, http.StatusForbidden, "verifier_only"},
			{"the dashboard as the learner", http.MethodGet, base + "/dashboard", learnerTok, nil, http.StatusForbidden, "leader_only"},
			{"the learner's roster record", http.MethodGet, base + "/me/employee", learnerTok, nil, http.StatusNotFound, "employee_not_found"},
			{"an external claim as the learner", http.MethodPost, base + "/claims", learnerTok, map[string]string{"kind": "external"}, http.StatusForbidden, "not_an_employee"},
			{"an external claim as the admin", http.MethodPost, base + "/claims", adminTok, map[string]string{"kind": "external"}, http.StatusForbidden, "not_an_employee"},
			{"a unit training as the learner", http.MethodPost, base + "/claims", learnerTok,
				map[string]string{"kind": "unit", "unitId": comp.units[own][0]}, http.StatusForbidden, "coordinator_only"},
		} {
			st, raw := api(t, c.method, c.path, c.token, c.body, nil)
			if st != c.want || (c.code != "" && errorCode(raw) != c.code) {
				t.Errorf("%s: %d %q, want %d %s: %s", c.what, st, errorCode(raw), c.want, c.code, raw)
			} else if c.code != "" {
				if p := authzRefusalProblem(raw, false, secrets); p != "" {
					t.Errorf("%s: refusal %s: %s", c.what, p, raw)
				}
			}
		}
		setDuties()
	}

	// Then every batch the test made is cleared away: its pending requests
	// rejected, and back to a draft, out of the members' sight; a running
	// one (made for a certificate job) finished and archived.
	for _, b := range batchesMade {
		base := "/tenants/" + b.tenant + "/batches/" + b.id
		for id, status := range enrollmentsOf(b) {
			if status != "pending" {
				continue
			}
			st, raw := api(t, http.MethodPost, base+"/enrollments/"+id+"/reject", adminOf[b.tenant], map[string]string{"reason": "Uji otorisasi selesai"}, nil)
			expect(t, "reject a pending enrollment in the batch "+b.id+" of "+b.tenant, st, raw, http.StatusOK)
		}
		switch b.kind {
		case "open":
			st, raw := api(t, http.MethodPatch, base, adminOf[b.tenant], map[string]string{"status": "draft"}, nil)
			expect(t, "close the batch "+b.id+" of "+b.tenant, st, raw, http.StatusOK)
		case "running":
			for _, status := range []string{"finished", "archived"} {
				st, raw := api(t, http.MethodPatch, base, adminOf[b.tenant], map[string]string{"status": status}, nil)
				expect(t, "set the batch "+b.id+" of "+b.tenant+" "+status, st, raw, http.StatusOK)
			}
		}
	}

	// My learning: the learner has the granted course and no other course
	// of the test; staff have none but the batch course approvals granted
	// (the instructor's in the demo tenant, the admin's own in the other):
	// no refused progress report, enrollment or decision enrolled anyone.
	made := slices.Clone(standing)
	for _, f := range freshes {
		if f.what == "course" {
			made = append(made, f.course)
		}
	}
	made = append(made, batchCourse[own], batchCourse[other])
	for _, l := range []struct {
		who, tenant, token string
		want               []string
	}{
		{"learner of " + own, own, learnerTok, []string{courses[own]["granted"].id}},
		{"instructor of " + own, own, instructorTok, []string{batchCourse[own].id}},
		{"admin of " + own, own, adminTok, nil},
		{"admin of " + other, other, otherAdminTok, []string{batchCourse[other].id}},
	} {
		var mine struct {
			Items []struct {
				CourseID string `json:"courseId"`
			} `json:"items"`
		}
		st, raw := api(t, http.MethodGet, "/tenants/"+l.tenant+"/me/learning", l.token, nil, &mine)
		expect(t, "my learning as "+l.who, st, raw, http.StatusOK)
		found := map[string]bool{}
		for _, it := range mine.Items {
			found[it.CourseID] = true
		}
		for _, crs := range made {
			if got, want := found[crs.id], slices.Contains(l.want, crs.id); got != want {
				t.Errorf("my learning as %s: the %s %s of %s is listed=%v, want %v", l.who, authzKindLabel[crs.kind], crs.id, crs.tenant, got, want)
			}
		}
	}

	// The standing courses kept their status whatever was tried on them.
	// Then every course the test made is cleared away: drafts deleted,
	// published ones archived.
	for i, crs := range made {
		st, o, raw := readCourse(crs)
		if i < len(standing) && (st != http.StatusOK || o.Course.Status != crs.status) {
			t.Errorf("the standing %s of %s is no longer %s: %d %s", authzKindLabel[crs.kind], crs.tenant, crs.status, st, raw)
		}
		base := "/tenants/" + crs.tenant + "/courses/" + crs.id
		switch {
		case st == http.StatusNotFound && i >= len(standing): // deleted by an allowed caller
		case st != http.StatusOK:
			t.Errorf("reading course %s of %s to clear it away: %d %s", crs.id, crs.tenant, st, raw)
		case o.Course.Status == "draft":
			st, raw = api(t, http.MethodDelete, base, adminOf[crs.tenant], nil, nil)
			expect(t, "delete the draft "+crs.id+" of "+crs.tenant, st, raw, http.StatusNoContent)
		case o.Course.Status == "published":
			st, raw = api(t, http.MethodPost, base+"/archive", adminOf[crs.tenant], nil, nil)
			expect(t, "archive "+crs.id+" of "+crs.tenant, st, raw, http.StatusOK)
		}
	}

	codes := make([]int, 0, len(statuses))
	for s := range statuses {
		codes = append(codes, s)
	}
	sort.Ints(codes)
	var parts []string
	for _, s := range codes {
		parts = append(parts, fmt.Sprintf("%d×%d", statuses[s], s))
	}
	t.Logf("authorization matrix: %d routes, %d callers, %d requests: %d allowed, %d refused (statuses %s)",
		len(seen), len(callers), requests, allowed, refused, strings.Join(parts, ", "))
}

// authzRefusalProblem checks a refusal is the bare error shape and mentions
// none of the secrets; it returns what is wrong, or "".
func authzRefusalProblem(raw []byte, gateway bool, secrets []string) string {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return "is not a JSON object"
	}
	for k := range top {
		if k != "error" && (k != "message" || !gateway) {
			return fmt.Sprintf("has the key %q", k)
		}
	}
	var inner map[string]json.RawMessage
	if err := json.Unmarshal(top["error"], &inner); err != nil {
		return "has no error object"
	}
	for k := range inner {
		if k != "code" && k != "message" {
			return fmt.Sprintf("has the error key %q", k)
		}
	}
	var e errorBody
	if err := json.Unmarshal(raw, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		return "lacks a code or a message"
	}
	lower := strings.ToLower(string(raw))
	for _, s := range secrets {
		if strings.Contains(lower, s) {
			return fmt.Sprintf("leaks %q", s)
		}
	}
	return ""
}
