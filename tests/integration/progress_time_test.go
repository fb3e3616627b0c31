package integration

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/infra/demo"
)

// Reports on several items of one course at once, from two devices, one
// of them completing an item: most take the time-only path (item write,
// then the summary's count for that item), some the transaction, and the
// course's time must still be exactly the sum of its items' times. Then a
// summary write lost after its item write (a crash between the two) is
// made good by the next report on that item.
func TestConcurrentReportsOnSeveralItemsKeepTheCourseTime(t *testing.T) {
	admin := adminToken(t)
	ids, tokens := newLearners(t, 1, 37)
	learner := tokens[0]
	pc := publishCourse(t, admin, "WAKTU-5")
	grantCourse(t, demo.TenantID, ids[0], pc.ID, "01JDZ3K8W9X4T5Y6Z7A8B9C0BF")
	items := []string{pc.Required1, pc.Required2, pc.Link}
	var wg sync.WaitGroup
	for _, item := range items {
		for _, dev := range []struct {
			id   string
			step int
		}{{"hp", 10}, {"laptop", 7}} {
			wg.Go(func() {
				for i := 1; i <= 8; i++ {
					body := map[string]any{"deviceId": dev.id, "sessionSeconds": i * dev.step,
						"completed": item == pc.Required2 && dev.id == "hp" && i == 5}
					if st, raw := report(t, learner, pc.base+"/items/"+item+"/progress", body); st != http.StatusOK {
						t.Errorf("report %s %s %d: %d %s", item, dev.id, i, st, raw)
					}
				}
			})
		}
	}
	wg.Wait()
	check := func(what string, want map[string]int) {
		t.Helper()
		var view learnerCourseView
		st, raw := api(t, http.MethodGet, pc.base, learner, nil, &view)
		expect(t, what+": outline", st, raw, http.StatusOK)
		total := 0
		for _, item := range items {
			if got := view.Progress[item].TimeSpent; got != want[item] {
				t.Errorf("%s: item %s time %d, want %d", what, item, got, want[item])
			}
			total += want[item]
		}
		if view.Learning.TimeSpent != total || view.Learning.Percent != 50 || !view.Progress[pc.Required2].Completed {
			t.Fatalf("%s: course %+v, want time %d and 50%%: %s", what, view.Learning, total, raw)
		}
		var mine struct {
			Items []struct {
				CourseID  string `json:"courseId"`
				TimeSpent int    `json:"timeSpentSeconds"`
			} `json:"items"`
		}
		api(t, http.MethodGet, "/tenants/"+demo.TenantID+"/me/learning", learner, nil, &mine)
		for _, it := range mine.Items {
			if it.CourseID == pc.ID && it.TimeSpent != total {
				t.Fatalf("%s: my learning time %d, want %d", what, it.TimeSpent, total)
			}
		}
	}
	want := map[string]int{pc.Required1: 80 + 56, pc.Required2: 80 + 56, pc.Link: 80 + 56}
	check("after 48 concurrent reports", want)

	// The summary lost the last 30 s counted for Required1, as if the
	// process died between the item write and the summary write.
	_, err := srv.Stack.Clients().DynamoDB.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{
		TableName: aws.String(srv.Resources.Tables["LmsTable"]),
		Key: map[string]types.AttributeValue{
			"PK": &types.AttributeValueMemberS{Value: "TENANT#" + demo.TenantID + "#LEARNER#" + ids[0]},
			"SK": &types.AttributeValueMemberS{Value: "LEARNING#" + pc.ID}},
		UpdateExpression:          aws.String("SET itemSeconds.#i = itemSeconds.#i - :d, timeSpentSeconds = timeSpentSeconds - :d"),
		ExpressionAttributeNames:  map[string]string{"#i": pc.Required1},
		ExpressionAttributeValues: map[string]types.AttributeValue{":d": &types.AttributeValueMemberN{Value: "30"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	st, raw := report(t, learner, pc.base+"/items/"+pc.Required1+"/progress", map[string]any{"deviceId": "hp", "sessionSeconds": 90})
	expect(t, "next report on the item", st, raw, http.StatusOK)
	want[pc.Required1] = 90 + 56
	check("after the next report on the item", want)
}

// A participant who reported progress can still withdraw and enroll again
// (the summary a report writes must leave the lists a withdrawal and an
// enrollment append to usable), and keeps their time.
func TestWithdrawAndReenrollAfterProgress(t *testing.T) {
	admin := adminToken(t)
	ids, tokens := newLearners(t, 1, 38)
	pc := publishCourse(t, admin, "WAKTU-6")
	b := createBatch(t, admin, "WAKTU-6B", "open", 5, pc.ID)
	base := "/tenants/" + demo.TenantID + "/batches/" + b.ID
	st, raw := api(t, http.MethodPatch, base, admin, map[string]any{"status": "open"}, nil)
	expect(t, "open", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodPost, base+"/enrollments", tokens[0], nil, nil)
	expect(t, "enroll", st, raw, http.StatusCreated)
	for _, secs := range []int{30, 60} { // the second one takes the time-only path
		st, raw = report(t, tokens[0], pc.base+"/items/"+pc.Required1+"/progress", map[string]any{"deviceId": "hp", "sessionSeconds": secs})
		expect(t, "report", st, raw, http.StatusOK)
	}
	st, raw = api(t, http.MethodPost, base+"/enrollments/"+ids[0]+"/withdraw", tokens[0], nil, nil)
	expect(t, "withdraw after progress", st, raw, http.StatusOK)
	st, raw = api(t, http.MethodGet, pc.base, tokens[0], nil, nil)
	expect(t, "course closed after withdrawal", st, raw, http.StatusNotFound)
	st, raw = api(t, http.MethodPost, base+"/enrollments", tokens[0], nil, nil)
	expect(t, "enroll again", st, raw, http.StatusCreated)
	var view learnerCourseView
	st, raw = api(t, http.MethodGet, pc.base, tokens[0], nil, &view)
	expect(t, "course open again", st, raw, http.StatusOK)
	if view.Learning.TimeSpent != 60 || view.Progress[pc.Required1].TimeSpent != 60 {
		t.Fatalf("time after enrolling again: %s", raw)
	}
}
