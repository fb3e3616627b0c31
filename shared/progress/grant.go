package progress

import (
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// CourseRef is what a grant needs to know of a course.
type CourseRef struct {
	ID    string `dynamodbav:"id" json:"id"`
	Title string `dynamodbav:"title" json:"title"`
	Code  string `dynamodbav:"code" json:"code"`
	JP    int    `dynamodbav:"jp" json:"jp"`
}

// GrantWrite is Grant as one element of a transaction, so a batch can
// enroll a learner and open its courses in one atomic write: it creates
// the summary or adds the source to an existing one, keeping progress.
func (st Store) GrantWrite(tenantID, userID string, c CourseRef, source string, now time.Time) types.TransactWriteItem {
	pk := learnerPK(tenantID, userID)
	// Every attribute name goes through a placeholder: several (percent,
	// source, version...) are DynamoDB reserved words.
	sets := []struct{ attr, expr string }{
		{"tenantId", ":t"}, {"userId", ":u"}, {"courseId", ":c"}, {"courseTitle", ":title"}, {"courseCode", ":code"}, {"jp", ":jp"},
		{"sources", "list_append(if_not_exists(#sources, :empty), :src)"}, {"grantedAt", "if_not_exists(#grantedAt, :now)"},
		{"completedItems", "if_not_exists(#completedItems, :empty)"}, {"requiredTotal", "if_not_exists(#requiredTotal, :zero)"},
		{"requiredDone", "if_not_exists(#requiredDone, :zero)"}, {"percent", "if_not_exists(#percent, :zero)"},
		{"timeSpentSeconds", "if_not_exists(#timeSpentSeconds, :zero)"}, {"version", "if_not_exists(#version, :zero) + :one"},
		{"type", ":type"}, {"GSI1PK", ":g1pk"}, {"GSI1SK", ":u"}, {"GSI3PK", ":g3pk"}, {"GSI3SK", ":c"},
	}
	names := map[string]string{}
	expr := "SET "
	for i, x := range sets {
		if i > 0 {
			expr += ", "
		}
		names["#"+x.attr] = x.attr
		expr += "#" + x.attr + " = " + x.expr
	}
	return types.TransactWriteItem{Update: &types.Update{
		TableName:                aws.String(st.Table),
		Key:                      map[string]types.AttributeValue{"PK": s(pk), "SK": s("LEARNING#" + c.ID)},
		UpdateExpression:         aws.String(expr),
		ExpressionAttributeNames: names,
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":t": s(tenantID), ":u": s(userID), ":c": s(c.ID), ":title": s(c.Title), ":code": s(c.Code),
			":jp":    &types.AttributeValueMemberN{Value: strconv.Itoa(c.JP)},
			":empty": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
			":src":   &types.AttributeValueMemberL{Value: []types.AttributeValue{s(source)}},
			":now":   s(now.UTC().Format(time.RFC3339Nano)),
			":zero":  &types.AttributeValueMemberN{Value: "0"}, ":one": &types.AttributeValueMemberN{Value: "1"},
			":type": s("learning"),
			":g1pk": s("TENANT#" + tenantID + "#COURSE#" + c.ID + "#LEARNERS"),
			":g3pk": s(pk + "#COURSES"),
		},
	}}
}

// RevokeWrite takes back one grant of a source (a withdrawal), as one
// element of the withdrawal's transaction. Progress stays for the record.
func (st Store) RevokeWrite(tenantID, userID, courseID, source string) types.TransactWriteItem {
	return types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(st.Table),
		Key:       map[string]types.AttributeValue{"PK": s(learnerPK(tenantID, userID)), "SK": s("LEARNING#" + courseID)},
		// The version moves too, so a progress report that read the summary
		// before the withdrawal retries (and finds the course closed)
		// instead of writing the old sources back.
		UpdateExpression:         aws.String("SET #revoked = list_append(if_not_exists(#revoked, :empty), :src), #version = if_not_exists(#version, :zero) + :one"),
		ExpressionAttributeNames: map[string]string{"#revoked": "revokedSources", "#version": "version"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":empty": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
			":src":   &types.AttributeValueMemberL{Value: []types.AttributeValue{s(source)}},
			":zero":  &types.AttributeValueMemberN{Value: "0"}, ":one": &types.AttributeValueMemberN{Value: "1"},
		},
	}}
}
