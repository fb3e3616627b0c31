// Package forum holds the discussion forums of a tenant: one forum per
// batch (its members only) and one public help desk (anyone reads, any
// signed-in user asks). A forum has threads, a thread has posts; per user
// read markers give unread flags; readers report posts; moderators pin,
// lock and hide. Help desk threads carry a status (open, answered,
// waiting for staff, closed), the automatic reply the system posted from
// the FAQ or an earlier accepted answer, and the times the statistics of
// the admin dashboard are made of.
//
// The rules (edit windows, who may edit or delete, status after feedback,
// statistics) are pure functions; Store keeps the records in DynamoDB.
package forum

import (
	"slices"
	"sort"
	"time"
)

// HelpDesk is the forum id of a tenant's public help desk; every other
// forum id is a batch id.
const HelpDesk = "helpdesk"

// Status of a help desk thread (batch forum threads stay open).
type Status string

// Statuses.
const (
	Open         Status = "open"
	Answered     Status = "answered"      // an accepted answer, or an automatic reply marked helpful
	WaitingStaff Status = "waiting_staff" // the asker found the automatic reply unhelpful
	Closed       Status = "closed"
)

// Feedback is the asker's verdict on an automatic reply.
type Feedback string

// Feedbacks.
const (
	FeedbackPending    Feedback = "pending"
	FeedbackHelpful    Feedback = "helpful"
	FeedbackNotHelpful Feedback = "not_helpful"
)

// Source kinds of an automatic reply.
const (
	SourceFAQ    = "faq"
	SourceAnswer = "answer"
)

// EditWindow is how long authors may edit what they posted (a thread only
// while nobody replied); moderators may edit any time.
const EditWindow = 30 * time.Minute

// Attachment is an upload attached to a thread or post.
type Attachment struct {
	UploadID string `dynamodbav:"uploadId" json:"uploadId"`
	FileName string `dynamodbav:"fileName" json:"fileName"`
	// Key is the object's key, for download links.
	Key string `dynamodbav:"key" json:"-"`
}

// Automatic is the automatic reply of a help desk thread.
type Automatic struct {
	PostID     string    `dynamodbav:"postId" json:"postId"`
	FAQID      string    `dynamodbav:"faqId,omitempty" json:"faqId,omitempty"`
	Confidence float64   `dynamodbav:"confidence" json:"confidence"`
	Feedback   Feedback  `dynamodbav:"feedback" json:"feedback"`
	At         time.Time `dynamodbav:"at" json:"-"`
}

// Thread is a question or discussion with its first message.
type Thread struct {
	TenantID       string       `dynamodbav:"tenantId"`
	ForumID        string       `dynamodbav:"forumId"`
	ID             string       `dynamodbav:"threadId"`
	Title          string       `dynamodbav:"title"`
	Body           string       `dynamodbav:"body"`
	Attachments    []Attachment `dynamodbav:"attachments"`
	AuthorID       string       `dynamodbav:"authorId"`
	AuthorName     string       `dynamodbav:"authorName"`
	CreatedAt      time.Time    `dynamodbav:"createdAt"`
	EditedAt       time.Time    `dynamodbav:"editedAt,omitempty"`
	LastActivityAt time.Time    `dynamodbav:"lastActivityAt"`
	ReplyCount     int          `dynamodbav:"replyCount"`
	Pinned         bool         `dynamodbav:"pinned"`
	Locked         bool         `dynamodbav:"locked"`
	Hidden         bool         `dynamodbav:"hidden"`
	Announcement   bool         `dynamodbav:"announcement"`
	AcceptedPostID string       `dynamodbav:"acceptedPostId,omitempty"`
	// AcceptedByStaff: the accepted post was written by a moderator.
	AcceptedByStaff bool       `dynamodbav:"acceptedByStaff"`
	Status          Status     `dynamodbav:"status"`
	Auto            *Automatic `dynamodbav:"automatic,omitempty"`
	// FirstReplyAt is the first reply by someone other than the asker
	// (automatic replies not counted); StaffReplyAt the first by a
	// moderator.
	FirstReplyAt time.Time `dynamodbav:"firstReplyAt,omitempty"`
	StaffReplyAt time.Time `dynamodbav:"staffReplyAt,omitempty"`
	Version      int       `dynamodbav:"version"`
}

// Source is where an automatic reply came from.
type Source struct {
	Kind  string `dynamodbav:"kind" json:"kind"`
	ID    string `dynamodbav:"id" json:"id"`
	Title string `dynamodbav:"title" json:"title"`
}

// Post is a reply in a thread.
type Post struct {
	TenantID    string       `dynamodbav:"tenantId"`
	ForumID     string       `dynamodbav:"forumId"`
	ThreadID    string       `dynamodbav:"threadId"`
	ID          string       `dynamodbav:"postId"`
	Body        string       `dynamodbav:"body"`
	Attachments []Attachment `dynamodbav:"attachments"`
	AuthorID    string       `dynamodbav:"authorId,omitempty"` // empty for automatic replies
	AuthorName  string       `dynamodbav:"authorName,omitempty"`
	Automatic   bool         `dynamodbav:"automatic"`
	Source      *Source      `dynamodbav:"source,omitempty"`
	CreatedAt   time.Time    `dynamodbav:"createdAt"`
	EditedAt    time.Time    `dynamodbav:"editedAt,omitempty"`
	Hidden      bool         `dynamodbav:"hidden"`
	Version     int          `dynamodbav:"version"`
}

// Report is a reader's report of a post (or of a thread's first message:
// PostID is then the thread id).
type Report struct {
	TenantID     string    `dynamodbav:"tenantId"`
	ForumID      string    `dynamodbav:"forumId"`
	ThreadID     string    `dynamodbav:"threadId"`
	PostID       string    `dynamodbav:"postId"`
	ReporterID   string    `dynamodbav:"reporterId"`
	ReporterName string    `dynamodbav:"reporterName"`
	Reason       string    `dynamodbav:"reason"`
	Excerpt      string    `dynamodbav:"excerpt"`
	CreatedAt    time.Time `dynamodbav:"createdAt"`
}

// Waiting reports whether a help desk thread waits for staff: no accepted
// answer, no automatic reply found helpful, not closed.
func (t Thread) Waiting() bool {
	return t.ForumID == HelpDesk && (t.Status == Open || t.Status == WaitingStaff)
}

// HumanReplies counts the replies people wrote (not the automatic one).
func (t Thread) HumanReplies() int {
	if t.Auto != nil {
		return max(t.ReplyCount-1, 0)
	}
	return t.ReplyCount
}

// CanEditThread: moderators any time; the author within EditWindow of
// posting and before anyone replied (the automatic reply aside).
func CanEditThread(t Thread, userID string, moderator bool, now time.Time) bool {
	if moderator {
		return true
	}
	return userID != "" && t.AuthorID == userID && t.HumanReplies() == 0 && now.Sub(t.CreatedAt) < EditWindow
}

// CanDeleteThread: moderators any time; the author while nobody replied.
func CanDeleteThread(t Thread, userID string, moderator bool) bool {
	return moderator || (userID != "" && t.AuthorID == userID && t.HumanReplies() == 0)
}

// CanEditPost: moderators any time (automatic replies included); the
// author within EditWindow of posting.
func CanEditPost(p Post, userID string, moderator bool, now time.Time) bool {
	if moderator {
		return true
	}
	return userID != "" && !p.Automatic && p.AuthorID == userID && now.Sub(p.CreatedAt) < EditWindow
}

// CanDeletePost: moderators any time; the author within EditWindow.
func CanDeletePost(p Post, userID string, moderator bool, now time.Time) bool {
	return CanEditPost(p, userID, moderator, now)
}

// Reply records a human reply on the thread: counts, activity, first
// reply times (staff: a moderator wrote it).
func Reply(t Thread, p Post, staff bool) Thread {
	t.ReplyCount++
	if p.CreatedAt.After(t.LastActivityAt) {
		t.LastActivityAt = p.CreatedAt
	}
	if !p.Automatic && p.AuthorID != t.AuthorID {
		if t.FirstReplyAt.IsZero() {
			t.FirstReplyAt = p.CreatedAt
		}
		if staff && t.StaffReplyAt.IsZero() {
			t.StaffReplyAt = p.CreatedAt
		}
	}
	return t
}

// Accept sets (postID non-empty) or clears the accepted answer and the
// help desk status that follows.
func Accept(t Thread, postID string, byStaff bool) Thread {
	t.AcceptedPostID, t.AcceptedByStaff = postID, postID != "" && byStaff
	if t.ForumID == HelpDesk && t.Status != Closed {
		t.Status = statusOf(t)
	}
	return t
}

// GiveFeedback records the asker's verdict on the automatic reply:
// helpful answers the thread, not helpful sends it to the staff queue.
func GiveFeedback(t Thread, helpful bool) Thread {
	if t.Auto == nil {
		return t
	}
	auto := *t.Auto
	t.Auto = &auto
	if helpful {
		t.Auto.Feedback = FeedbackHelpful
	} else {
		t.Auto.Feedback = FeedbackNotHelpful
	}
	t.Status = statusOf(t)
	return t
}

// statusOf derives an open help desk thread's status.
func statusOf(t Thread) Status {
	switch {
	case t.AcceptedPostID != "":
		return Answered
	case t.Auto != nil && t.Auto.Feedback == FeedbackHelpful:
		return Answered
	case t.Auto != nil && t.Auto.Feedback == FeedbackNotHelpful:
		return WaitingStaff
	}
	return Open
}

// Stats are the help desk figures of the admin dashboard.
type Stats struct {
	Days                  int      `json:"days"`
	Questions             int      `json:"questions"`
	AnsweredAutomatically int      `json:"answeredAutomatically"`
	AnsweredByStaff       int      `json:"answeredByStaff"`
	Unanswered            int      `json:"unanswered"`
	MedianMinutes         *float64 `json:"medianMinutesToFirstAnswer"`
}

// Compute makes the statistics of help desk threads asked in the period:
// a question is answered automatically when the asker found the automatic
// reply helpful, by staff when a moderator replied or an answer written
// by a moderator was accepted, unanswered otherwise. The time to first
// answer is from asking to the first reply by someone else (or the
// automatic reply, when it was found helpful); its median is in minutes,
// nil when nothing was answered.
func Compute(threads []Thread, days int) Stats {
	st := Stats{Days: days}
	var waits []float64
	for _, t := range threads {
		if t.ForumID != HelpDesk || t.Announcement {
			continue
		}
		st.Questions++
		auto := t.Auto != nil && t.Auto.Feedback == FeedbackHelpful
		switch {
		case auto:
			st.AnsweredAutomatically++
		case !t.StaffReplyAt.IsZero() || t.AcceptedByStaff:
			st.AnsweredByStaff++
		default:
			st.Unanswered++
		}
		first := t.FirstReplyAt
		if auto && (first.IsZero() || t.Auto.At.Before(first)) {
			first = t.Auto.At
		}
		if !first.IsZero() {
			waits = append(waits, first.Sub(t.CreatedAt).Minutes())
		}
	}
	if m, ok := Median(waits); ok {
		st.MedianMinutes = &m
	}
	return st
}

// Median is the median of xs, rounded to a tenth.
func Median(xs []float64) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return float64(int64(m*10+0.5)) / 10, true
}
