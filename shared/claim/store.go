package claim

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/jp"
	"lms/shared/pagecursor"
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// Store keeps claims.
//
//	claim  PK TENANT#{t}#CLAIM#{id}  SK CLAIM
//	       GSI1 TENANT#{t}#USER#{u}#CLAIMS / {createdAt}#{id}   (a filer's claims)
//	       GSI2 TENANT#{t}#CLAIMS#{status} / {updatedAt}#{id}   (the verifiers' queue)
type Store struct {
	DB     DynamoDB
	Table  string
	Ledger jp.Store
}

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v int) types.AttributeValue    { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }

func claimKey(t, id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t + "#CLAIM#" + id), "SK": s("CLAIM")}
}
func mineGSI(t, u string) string          { return "TENANT#" + t + "#USER#" + u + "#CLAIMS" }
func queueGSI(t string, st Status) string { return "TENANT#" + t + "#CLAIMS#" + string(st) }

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func (st Store) item(c Claim) (map[string]types.AttributeValue, error) {
	it, err := attributevalue.MarshalMap(c)
	if err != nil {
		return nil, fmt.Errorf("claim: encode: %w", err)
	}
	for k, v := range claimKey(c.TenantID, c.ID) {
		it[k] = v
	}
	it["type"] = s("claim")
	it["GSI1PK"], it["GSI1SK"] = s(mineGSI(c.TenantID, c.UserID)), s(stamp(c.CreatedAt)+"#"+c.ID)
	it["GSI2PK"], it["GSI2SK"] = s(queueGSI(c.TenantID, c.Status)), s(stamp(c.UpdatedAt)+"#"+c.ID)
	return it, nil
}

// Create stores a new claim.
func (st Store) Create(ctx context.Context, c Claim) error {
	it, err := st.item(c)
	if err != nil {
		return err
	}
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression: aws.String("attribute_not_exists(PK)")})
	if err != nil {
		return fmt.Errorf("claim: create: %w", err)
	}
	return nil
}

// Save writes c if the stored claim is still at version c.Version-1 and in
// status from (ErrConflict otherwise).
func (st Store) Save(ctx context.Context, c Claim, from Status) error {
	it, err := st.item(c)
	if err != nil {
		return err
	}
	_, err = st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it,
		ConditionExpression:       aws.String("version = :v AND #status = :from"),
		ExpressionAttributeNames:  map[string]string{"#status": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": n(c.Version - 1), ":from": s(string(from))}})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("claim: save: %w", err)
	}
	return nil
}

// Get reads one claim.
func (st Store) Get(ctx context.Context, t, id string) (Claim, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: claimKey(t, id), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Claim{}, fmt.Errorf("claim: get: %w", err)
	}
	if out.Item == nil {
		return Claim{}, ErrNotFound
	}
	var c Claim
	if err := attributevalue.UnmarshalMap(out.Item, &c); err != nil {
		return c, fmt.Errorf("claim: decode: %w", err)
	}
	c.TenantID = t
	return c, nil
}

// Mine lists a filer's claims, newest first.
func (st Store) Mine(ctx context.Context, t, u string, limit int32, cursor string) (pagecursor.Page[Claim], error) {
	pk := mineGSI(t, u)
	return st.page(ctx, &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI1"),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}, ScanIndexForward: aws.Bool(false)},
		"GSI1PK", pk, t, limit, cursor)
}

// Queue lists a tenant's claims in a status, oldest change first (the
// order a verifier works through them).
func (st Store) Queue(ctx context.Context, t string, status Status, limit int32, cursor string) (pagecursor.Page[Claim], error) {
	pk := queueGSI(t, status)
	return st.page(ctx, &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI2"),
		KeyConditionExpression:    aws.String("GSI2PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(pk)}},
		"GSI2PK", pk, t, limit, cursor)
}

// CountQueue counts a tenant's claims in a status.
func (st Store) CountQueue(ctx context.Context, t string, status Status) (int, error) {
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), IndexName: aws.String("GSI2"), Select: types.SelectCount,
		KeyConditionExpression:    aws.String("GSI2PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s(queueGSI(t, status))}}
	total := 0
	for {
		out, err := st.DB.Query(ctx, in)
		if err != nil {
			return 0, fmt.Errorf("claim: count: %w", err)
		}
		total += int(out.Count)
		if out.LastEvaluatedKey == nil {
			return total, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

func (st Store) page(ctx context.Context, in *dynamodb.QueryInput, attr, pk, t string, limit int32, cursor string) (pagecursor.Page[Claim], error) {
	page, err := pagecursor.Query[Claim](ctx, st.DB, in, attr, pk, limit, cursor)
	for i := range page.Items {
		page.Items[i].TenantID = t
		// Lists stay small: the participant list is read with the claim.
		page.Items[i].Participants = nil
	}
	return page, err
}

// Credit writes one ledger entry with its total. A source already
// credited to that person is not an error: crediting is resumable.
func (st Store) Credit(ctx context.Context, e jp.Entry) error {
	writes, err := st.Ledger.Credit(e)
	if err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		_, err = st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: writes})
		var cancelled *types.TransactionCanceledException
		if !errors.As(err, &cancelled) {
			if err != nil {
				return fmt.Errorf("claim: credit: %w", err)
			}
			return nil
		}
		retry := false
		for _, r := range cancelled.CancellationReasons {
			switch aws.ToString(r.Code) {
			case "ConditionalCheckFailed":
				return nil // credited before
			case "TransactionConflict":
				retry = true
			}
		}
		if !retry || attempt == 10 {
			return fmt.Errorf("claim: credit: %w", err)
		}
		time.Sleep(time.Duration(10*(attempt+1)) * time.Millisecond)
	}
}

// creditChunk is how many entries one transaction credits (two items
// each, under DynamoDB's 100-item limit).
const creditChunk = 25

// CreditAll writes entries in transactions of creditChunk entries; a chunk
// holding an entry credited before (a resumed approval) is cancelled as a
// whole and then credited entry by entry, skipping what exists. workers
// chunks run at once.
func (st Store) CreditAll(ctx context.Context, entries []jp.Entry, workers int) error {
	chunks := make(chan []jp.Entry)
	errs := make(chan error, (len(entries)+creditChunk-1)/creditChunk)
	done := make(chan struct{})
	go func() {
		defer close(done)
		var wg sync.WaitGroup
		for range max(1, workers) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for c := range chunks {
					if err := st.creditChunk(ctx, c); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
	}()
	for start := 0; start < len(entries); start += creditChunk {
		chunks <- entries[start:min(start+creditChunk, len(entries))]
	}
	close(chunks)
	<-done
	close(errs)
	return errors.Join(collect(errs)...)
}

func collect(errs <-chan error) []error {
	var out []error
	for err := range errs {
		out = append(out, err)
	}
	return out
}

func (st Store) creditChunk(ctx context.Context, entries []jp.Entry) error {
	if len(entries) == 1 {
		return st.Credit(ctx, entries[0])
	}
	var writes []types.TransactWriteItem
	for _, e := range entries {
		w, err := st.Ledger.Credit(e)
		if err != nil {
			return err
		}
		writes = append(writes, w...)
	}
	for attempt := 0; ; attempt++ {
		_, err := st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: writes})
		var cancelled *types.TransactionCanceledException
		if !errors.As(err, &cancelled) {
			if err != nil {
				return fmt.Errorf("claim: credit: %w", err)
			}
			return nil
		}
		retry := false
		for _, r := range cancelled.CancellationReasons {
			switch aws.ToString(r.Code) {
			case "ConditionalCheckFailed":
				// Some were credited before: one by one, skipping those.
				for _, e := range entries {
					if err := st.Credit(ctx, e); err != nil {
						return err
					}
				}
				return nil
			case "TransactionConflict":
				retry = true
			}
		}
		if !retry || attempt == 10 {
			return fmt.Errorf("claim: credit: %w", err)
		}
		time.Sleep(time.Duration(10*(attempt+1)) * time.Millisecond)
	}
}

// MarkCredited records that every entry of an approved claim is written.
func (st Store) MarkCredited(ctx context.Context, t, id string, at time.Time) error {
	_, err := st.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(st.Table), Key: claimKey(t, id),
		UpdateExpression:          aws.String("SET creditedAt = :at"),
		ConditionExpression:       aws.String("#status = :approved"),
		ExpressionAttributeNames:  map[string]string{"#status": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":at": s(stamp(at)), ":approved": s(string(Approved))}})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("claim: mark credited: %w", err)
	}
	return nil
}

// Graduate is a participant of a unit training to certify: a marker item
// that holds their certificate number once issued (the role a batch
// enrollment plays for a batch's certificates).
type Graduate struct {
	UserID            string `dynamodbav:"userId"`
	NIP               string `dynamodbav:"nip"`
	Name              string `dynamodbav:"name"`
	CertificateNumber string `dynamodbav:"certificateNumber,omitempty"`
}

// GraduateKey is a participant's marker item.
func GraduateKey(t, claimID, userID string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + t + "#CLAIM#" + claimID), "SK": s("CERT#" + userID)}
}

// MarkGraduates writes every participant's marker (completed, never
// touching a number already issued), 100 per transaction.
func (st Store) MarkGraduates(ctx context.Context, c Claim) error {
	for start := 0; start < len(c.Participants); start += 100 {
		var writes []types.TransactWriteItem
		for _, p := range c.Participants[start:min(start+100, len(c.Participants))] {
			writes = append(writes, types.TransactWriteItem{Update: &types.Update{TableName: aws.String(st.Table),
				Key:                      GraduateKey(c.TenantID, c.ID, p.UserID),
				UpdateExpression:         aws.String("SET completed = :yes, userId = :u, nip = :nip, #name = :name, #type = :type"),
				ExpressionAttributeNames: map[string]string{"#name": "name", "#type": "type"},
				ExpressionAttributeValues: map[string]types.AttributeValue{":yes": &types.AttributeValueMemberBOOL{Value: true},
					":u": s(p.UserID), ":nip": s(p.NIP), ":name": s(p.Name), ":type": s("claim-graduate")}}})
		}
		if _, err := st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: writes}); err != nil {
			return fmt.Errorf("claim: mark graduates: %w", err)
		}
	}
	return nil
}

// Graduates reads a unit training's markers.
func (st Store) Graduates(ctx context.Context, t, claimID string) ([]Graduate, error) {
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), KeyConditionExpression: aws.String("PK = :pk AND begins_with(SK, :c)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": s("TENANT#" + t + "#CLAIM#" + claimID), ":c": s("CERT#")}}
	var out []Graduate
	for {
		page, err := st.DB.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("claim: graduates: %w", err)
		}
		for _, raw := range page.Items {
			var g Graduate
			if err := attributevalue.UnmarshalMap(raw, &g); err != nil {
				return nil, err
			}
			out = append(out, g)
		}
		if page.LastEvaluatedKey == nil {
			return out, nil
		}
		in.ExclusiveStartKey = page.LastEvaluatedKey
	}
}

// Graduate reads one participant's marker (ErrNotFound when absent).
func (st Store) Graduate(ctx context.Context, t, claimID, userID string) (Graduate, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: GraduateKey(t, claimID, userID), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Graduate{}, fmt.Errorf("claim: graduate: %w", err)
	}
	if out.Item == nil {
		return Graduate{}, ErrNotFound
	}
	var g Graduate
	err = attributevalue.UnmarshalMap(out.Item, &g)
	return g, err
}
