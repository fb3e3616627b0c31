package forum

import (
	"testing"
	"time"
)

func TestEditRules(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	th := Thread{ID: "th", ForumID: HelpDesk, AuthorID: "u1", CreatedAt: t0}
	if !CanEditThread(th, "u1", false, t0.Add(29*time.Minute)) {
		t.Error("author within the window refused")
	}
	if CanEditThread(th, "u1", false, t0.Add(31*time.Minute)) {
		t.Error("author after the window allowed")
	}
	if CanEditThread(th, "u2", false, t0) {
		t.Error("someone else allowed")
	}
	if !CanEditThread(th, "u2", true, t0.Add(48*time.Hour)) {
		t.Error("moderator refused")
	}
	replied := th
	replied.ReplyCount = 1
	if CanEditThread(replied, "u1", false, t0.Add(time.Minute)) || CanDeleteThread(replied, "u1", false) {
		t.Error("author may change a thread with replies")
	}
	if !CanDeleteThread(th, "u1", false) || CanDeleteThread(th, "", false) {
		t.Error("delete rules")
	}
	p := Post{ID: "p", AuthorID: "u2", CreatedAt: t0}
	if !CanEditPost(p, "u2", false, t0.Add(10*time.Minute)) || CanEditPost(p, "u2", false, t0.Add(time.Hour)) || CanDeletePost(p, "u1", false, t0) {
		t.Error("post rules")
	}
	auto := Post{ID: "a", Automatic: true, CreatedAt: t0}
	if CanEditPost(auto, "", false, t0) || !CanEditPost(auto, "", true, t0) {
		t.Error("automatic post rules")
	}
}

func TestStatusFlow(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	th := Thread{ID: "th", ForumID: HelpDesk, AuthorID: "u1", CreatedAt: t0, Status: Open,
		Auto: &Automatic{PostID: "a", Confidence: 0.9, Feedback: FeedbackPending, At: t0}}
	if !th.Waiting() {
		t.Error("a new question waits")
	}
	no := GiveFeedback(th, false)
	if no.Status != WaitingStaff || !no.Waiting() {
		t.Errorf("not helpful: %s", no.Status)
	}
	yes := GiveFeedback(th, true)
	if yes.Status != Answered || yes.Waiting() {
		t.Errorf("helpful: %s", yes.Status)
	}
	acc := Accept(no, "p1", true)
	if acc.Status != Answered || !acc.AcceptedByStaff {
		t.Errorf("accepted: %+v", acc)
	}
	if un := Accept(acc, "", false); un.Status != WaitingStaff {
		t.Errorf("un-accepted: %s", un.Status)
	}
	batch := Thread{ForumID: "01J", Status: Open}
	if batch.Waiting() || Accept(batch, "p", false).Status != Open {
		t.Error("batch threads have no help desk status")
	}
}

func TestCompute(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	mk := func(f func(*Thread)) Thread {
		th := Thread{ForumID: HelpDesk, AuthorID: "asker", CreatedAt: t0, Status: Open}
		f(&th)
		return th
	}
	threads := []Thread{
		mk(func(th *Thread) {
			th.Auto = &Automatic{Feedback: FeedbackHelpful, At: t0.Add(time.Second * 6)}
			th.Status = Answered
		}),
		mk(func(th *Thread) { th.FirstReplyAt, th.StaffReplyAt = t0.Add(30*time.Minute), t0.Add(30*time.Minute) }),
		mk(func(th *Thread) {
			th.Auto = &Automatic{Feedback: FeedbackNotHelpful, At: t0}
			th.FirstReplyAt, th.StaffReplyAt = t0.Add(90*time.Minute), t0.Add(90*time.Minute)
		}),
		mk(func(th *Thread) {}),
		mk(func(th *Thread) { th.FirstReplyAt = t0.Add(10 * time.Minute) }), // a fellow learner replied: not staff
	}
	st := Compute(threads, 30)
	if st.Questions != 5 || st.AnsweredAutomatically != 1 || st.AnsweredByStaff != 2 || st.Unanswered != 2 {
		t.Errorf("counts %+v", st)
	}
	// waits: 0.1, 30, 90, 10 -> median (10+30)/2 = 20
	if st.MedianMinutes == nil || *st.MedianMinutes != 20 {
		t.Errorf("median %v", st.MedianMinutes)
	}
	if Compute(nil, 7).MedianMinutes != nil {
		t.Error("median of nothing")
	}
}

func TestUnread(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	th := Thread{LastActivityAt: t0.Add(time.Minute)}
	if !Unread(th, time.Time{}, false) || !Unread(th, t0, true) || Unread(th, t0.Add(time.Minute), true) {
		t.Error("unread")
	}
}
