package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"lms/infra/demo"
)

// The seeded instructor builds a course in the browser: signs in (staff
// navigation), creates a course, a section and a video item, uploads a
// small generated video through the page (presigned PUT with a progress
// bar) and sees it processed to ready, sends a file above 100 MB in
// parts with pause and resume and sees its processing failure and reason, edits the description (server
// preview), reorders items and publishes; the editor is checked at 360 px
// and scanned with axe. Then the admin creates a batch with the course
// and opens it (the batch page scanned with axe), and the platform
// operator signing in lands on the tenants page.
func TestInstructorJourney(t *testing.T) {
	browserReady(t)
	var instructor, operator demo.Account
	for _, a := range demo.Accounts {
		switch a.Role {
		case "instructor":
			instructor = a
		case "operator":
			operator = a
		}
	}
	if instructor.Username == "" {
		t.Fatal("no seeded instructor")
	}
	video := filepath.Join(t.TempDir(), "Video pembuka ventilasi.mp4")
	if err := os.WriteFile(video, makeVideo(t), 0o600); err != nil {
		t.Fatal(err)
	}
	// Above 100 MB: a multipart upload (zeros: processing refuses it).
	big := filepath.Join(t.TempDir(), "besar.mp4")
	if err := os.WriteFile(big, make([]byte, 101<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	runSpec(t, "instructor.mjs", map[string]string{
		"TENANT": tenant, "BIG_FILE": big, "INSTRUCTOR_USERNAME": instructor.Username, "INSTRUCTOR_PASSWORD": instructor.Password,
		"VIDEO_FILE": video, "ADMIN_USERNAME": demo.Accounts[0].Username, "ADMIN_PASSWORD": demo.Accounts[0].Password,
		"OPERATOR_USERNAME": operator.Username, "OPERATOR_PASSWORD": operator.Password,
	})
}
