// Package faq keeps a tenant's frequently asked questions and the
// settings of automatic replies, and decides how well a help desk
// question is answered by an FAQ entry or an earlier accepted answer.
//
// Candidates come from the tenant's search index (shared/search, document
// kinds KindFAQ and KindAnswer), which brings the Indonesian analysis
// (stop words, ECS stemmer) and the ranking; the confidence of a
// candidate is not bleve's score, which is unbounded and depends on the
// whole index, but a share of analysed terms in 0..1 (Confidence).
package faq

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/pagecursor"
	"lms/shared/search"
)

// Entry is one question and its answer.
type Entry struct {
	TenantID  string    `dynamodbav:"tenantId"`
	ID        string    `dynamodbav:"faqId"`
	Question  string    `dynamodbav:"question"`
	Answer    string    `dynamodbav:"answer"` // Markdown
	Tags      []string  `dynamodbav:"tags"`
	CreatedAt time.Time `dynamodbav:"createdAt"`
	UpdatedAt time.Time `dynamodbav:"updatedAt"`
	Version   int       `dynamodbav:"version"`
}

// Settings are a tenant's automatic reply settings.
type Settings struct {
	AutoReply bool    `dynamodbav:"autoReply" json:"autoReply"`
	Threshold float64 `dynamodbav:"threshold" json:"threshold"`
}

// DefaultThreshold is the confidence an automatic reply needs unless the
// admin sets another (see docs/decisions/0011).
const DefaultThreshold = 0.5

// Defaults are the settings of a tenant that never saved any.
var Defaults = Settings{AutoReply: true, Threshold: DefaultThreshold}

// Errors.
var (
	ErrNotFound = errors.New("faq: not found")
	ErrConflict = errors.New("faq: changed meanwhile")
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
}

// Store keeps FAQ entries and settings.
//
//	entry     PK TENANT#{t}#FAQ  SK FAQ#{id}
//	settings  PK TENANT#{t}      SK FAQ#SETTINGS
type Store struct {
	DB    DynamoDB
	Table string
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int) types.AttributeValue    { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }

func entryKey(t, id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t + "#FAQ"), "SK": s("FAQ#" + id)}
}

// Put creates an entry (prev 0) or replaces the one at version prev.
func (st Store) Put(ctx context.Context, e Entry, prev int) error {
	if e.Tags == nil {
		e.Tags = []string{}
	}
	it, err := attributevalue.MarshalMap(e)
	if err != nil {
		return err
	}
	for k, v := range entryKey(e.TenantID, e.ID) {
		it[k] = v
	}
	it["type"] = s("faq")
	// searchKey serves the list's ?q= filter.
	it["searchKey"] = s(strings.ToLower(e.Question + " " + strings.Join(e.Tags, " ")))
	in := &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}
	if prev > 0 {
		in.ConditionExpression = aws.String("version = :v")
		in.ExpressionAttributeValues = map[string]types.AttributeValue{":v": n(prev)}
	}
	_, err = st.DB.PutItem(ctx, in)
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("faq: put: %w", err)
	}
	return nil
}

// Get reads an entry.
func (st Store) Get(ctx context.Context, t, id string) (Entry, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: entryKey(t, id)})
	if err != nil {
		return Entry{}, fmt.Errorf("faq: get: %w", err)
	}
	if out.Item == nil {
		return Entry{}, ErrNotFound
	}
	var e Entry
	err = attributevalue.UnmarshalMap(out.Item, &e)
	if e.Tags == nil {
		e.Tags = []string{}
	}
	return e, err
}

// Delete removes an entry still at version.
func (st Store) Delete(ctx context.Context, t, id string, version int) error {
	_, err := st.DB.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(st.Table), Key: entryKey(t, id),
		ConditionExpression: aws.String("version = :v"), ExpressionAttributeValues: map[string]types.AttributeValue{":v": n(version)}})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("faq: delete: %w", err)
	}
	return nil
}

// List pages through a tenant's entries, oldest first; q (lower case)
// keeps entries whose question or tags contain it.
func (st Store) List(ctx context.Context, t, q string, limit int32, cursor string) (pagecursor.Page[Entry], error) {
	pk := "TENANT#" + t + "#FAQ"
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), KeyConditionExpression: aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}}
	if q != "" {
		in.FilterExpression = aws.String("contains(searchKey, :q)")
		in.ExpressionAttributeValues[":q"] = s(strings.ToLower(q))
	}
	page, err := pagecursor.Query[Entry](ctx, st.DB, in, "PK", pk, limit, cursor)
	for i := range page.Items {
		if page.Items[i].Tags == nil {
			page.Items[i].Tags = []string{}
		}
	}
	return page, err
}

func settingsKey(t string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t), "SK": s("FAQ#SETTINGS")}
}

// GetSettings reads a tenant's settings (Defaults when never saved).
func (st Store) GetSettings(ctx context.Context, t string) (Settings, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: settingsKey(t)})
	if err != nil {
		return Settings{}, fmt.Errorf("faq: settings: %w", err)
	}
	if out.Item == nil {
		return Defaults, nil
	}
	var v Settings
	err = attributevalue.UnmarshalMap(out.Item, &v)
	return v, err
}

// PutSettings saves a tenant's settings.
func (st Store) PutSettings(ctx context.Context, t string, v Settings) error {
	it, err := attributevalue.MarshalMap(v)
	if err != nil {
		return err
	}
	for k, val := range settingsKey(t) {
		it[k] = val
	}
	it["type"] = s("faqsettings")
	if _, err := st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it}); err != nil {
		return fmt.Errorf("faq: put settings: %w", err)
	}
	return nil
}

// FAQDocID and AnswerDocID are the search documents of an entry and of an
// answered help desk thread.
func FAQDocID(id string) string          { return "faq#" + id }
func AnswerDocID(threadID string) string { return "answer#" + threadID }

// Document is the search document of an entry: the question as title,
// the tags, the answer as body.
func Document(e Entry) search.Document {
	return search.Document{ID: FAQDocID(e.ID), TenantID: e.TenantID, Kind: search.KindFAQ, Title: e.Question,
		Body: e.Answer, Tags: e.Tags, UpdatedAt: e.UpdatedAt}
}

// AnswerDocument is the search document of a help desk question with an
// accepted answer: its title and body, and the answer.
func AnswerDocument(tenantID, threadID, title, body, answer string, at time.Time) search.Document {
	return search.Document{ID: AnswerDocID(threadID), TenantID: tenantID, Kind: search.KindAnswer, Title: title,
		Body: body + "\n\n" + answer, UpdatedAt: at}
}

// Weights of Confidence: how much of the question the candidate covers,
// and how much of the candidate the question covers.
const (
	questionWeight  = 0.8
	candidateWeight = 0.2
)

// Confidence measures, in 0..1, how well candidate (an FAQ question with
// its tags, or an earlier question's title) matches question, over the
// terms of the index's Indonesian analysis (stop words out, words reduced
// to their roots): 0.8 x the share of the question's terms found in the
// candidate plus 0.2 x the share of the candidate's terms found in the
// question. The first part is what an asker means by "the same question
// in other words"; the second keeps a one-word question from matching a
// long, specific entry at full confidence.
func Confidence(question, candidate string) float64 {
	q, c := search.Terms(question), search.Terms(candidate)
	if len(q) == 0 || len(c) == 0 {
		return 0
	}
	in := map[string]bool{}
	for _, t := range c {
		in[t] = true
	}
	common := 0
	for _, t := range q {
		if in[t] {
			common++
		}
	}
	v := questionWeight*float64(common)/float64(len(q)) + candidateWeight*float64(common)/float64(len(c))
	return float64(int64(v*1000+0.5)) / 1000
}

// Score is the confidence of a help desk question (title and body)
// against candidate: the better of the title alone and the title with
// the body (a body of greetings and thanks would otherwise dilute a
// well-put title, and a vague title is made up for by its body).
func Score(title, body, candidate string) float64 {
	a := Confidence(title, candidate)
	if body == "" {
		return a
	}
	return max(a, Confidence(title+"\n"+body, candidate))
}
