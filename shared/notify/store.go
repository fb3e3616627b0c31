package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/batchread"
	"lms/shared/pagecursor"
)

// DynamoDB is the part of the client the store uses.
type DynamoDB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// Store keeps inboxes, preferences, tenant settings and delivery records.
type Store struct {
	DB    DynamoDB
	Table string
}

// Channel is a way a notification reaches a user.
type Channel string

// Channels. The in-app inbox is always on.
const (
	ChannelInbox    Channel = "inbox"
	ChannelEmail    Channel = "email"
	ChannelWhatsApp Channel = "whatsapp"
)

// Notification is one item of a user's inbox. Title and Body are in
// Bahasa Indonesia, TitleEn and BodyEn in English.
type Notification struct {
	UserID     string    `dynamodbav:"userId" json:"-"`
	ID         string    `dynamodbav:"notificationId" json:"id"`
	Key        string    `dynamodbav:"key" json:"-"`
	Event      Event     `dynamodbav:"event" json:"event"`
	TenantID   string    `dynamodbav:"tenantId" json:"tenantId"`
	TenantName string    `dynamodbav:"tenantName" json:"tenantName"`
	Title      string    `dynamodbav:"title" json:"title"`
	Body       string    `dynamodbav:"body" json:"body"`
	TitleEn    string    `dynamodbav:"titleEn" json:"-"`
	BodyEn     string    `dynamodbav:"bodyEn" json:"-"`
	Link       string    `dynamodbav:"link" json:"link"`
	CreatedAt  time.Time `dynamodbav:"createdAt" json:"createdAt"`
	Read       bool      `dynamodbav:"read" json:"read"`
}

// Prefs are a user's choices. Muted events reach the inbox only.
type Prefs struct {
	UserID         string    `dynamodbav:"userId"`
	Email          bool      `dynamodbav:"email"`
	WhatsApp       bool      `dynamodbav:"whatsapp"`
	WhatsAppNumber string    `dynamodbav:"whatsappNumber,omitempty"`
	Muted          []Event   `dynamodbav:"muted,omitempty"`
	UpdatedAt      time.Time `dynamodbav:"updatedAt"`
}

// DefaultPrefs are a user's preferences before they chose: email on,
// WhatsApp off (it needs a number and costs the tenant money).
func DefaultPrefs(userID string) Prefs { return Prefs{UserID: userID, Email: true} }

// Mutes reports whether the user muted ev.
func (p Prefs) Mutes(ev Event) bool {
	for _, m := range p.Muted {
		if m == ev {
			return true
		}
	}
	return false
}

// Settings are a tenant's notification settings. AccessToken is the
// WhatsApp Business Cloud API token: write-only through the API.
type Settings struct {
	TenantID        string    `dynamodbav:"tenantId"`
	WhatsAppEnabled bool      `dynamodbav:"whatsappEnabled"`
	PhoneNumberID   string    `dynamodbav:"phoneNumberId,omitempty"`
	AccessToken     string    `dynamodbav:"accessToken,omitempty"`
	EmailFromName   string    `dynamodbav:"emailFromName,omitempty"`
	UpdatedAt       time.Time `dynamodbav:"updatedAt"`
}

// WhatsAppReady reports whether the tenant can send WhatsApp messages.
func (s Settings) WhatsAppReady() bool {
	return s.WhatsAppEnabled && s.PhoneNumberID != "" && s.AccessToken != ""
}

// Delivery is the idempotency record of one message to one user over one
// channel.
type Delivery struct {
	Status    string    `dynamodbav:"status"` // sending, sent, failed
	Attempts  int       `dynamodbav:"attempts"`
	ClaimedAt time.Time `dynamodbav:"claimedAt"`
	Error     string    `dynamodbav:"error,omitempty"`
	Permanent bool      `dynamodbav:"permanent,omitempty"`
}

// Delivery statuses.
const (
	StatusSending = "sending"
	StatusSent    = "sent"
	StatusFailed  = "failed"
)

// Retention of delivery records (the idempotency window) and of inbox items.
const (
	deliveryRetention = 90 * 24 * time.Hour
	inboxRetention    = 365 * 24 * time.Hour
	// staleClaim: a claim older than this whose send never finished (the
	// function died mid-send) may be taken again.
	staleClaim = 15 * time.Minute
)

// Errors.
var (
	ErrDelivered = errors.New("notify: already delivered")
	ErrBadCursor = pagecursor.ErrBad
)

func num(v int) types.AttributeValue { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }
func boolean(v bool) types.AttributeValue {
	return &types.AttributeValueMemberBOOL{Value: v}
}
func ttl(t time.Time) types.AttributeValue { return num(int(t.Unix())) }

func conditionFailed(err error) bool {
	var c *types.ConditionalCheckFailedException
	return errors.As(err, &c)
}

// cancelled returns the cancellation reasons of a cancelled transaction.
func cancelled(err error) ([]types.CancellationReason, bool) {
	var tc *types.TransactionCanceledException
	if errors.As(err, &tc) {
		return tc.CancellationReasons, true
	}
	return nil, false
}

// ---------------------------------------------------------------- inbox

// AddToInbox puts n in its user's inbox and counts it unread, in one
// transaction with the inbox delivery record of the message's Key: a
// message delivered twice lands once (ErrDelivered the second time).
func (st Store) AddToInbox(ctx context.Context, n Notification) error {
	it, err := attributevalue.MarshalMap(n)
	if err != nil {
		return err
	}
	for k, v := range notificationKey(n.UserID, n.ID) {
		it[k] = v
	}
	it["type"] = s("notification")
	// Unread items never expire (the counter counts them); reading one
	// starts its retention.
	if !n.Read {
		it["GSI1PK"], it["GSI1SK"] = s(unreadPK(n.UserID)), s(notificationSKPrefix+n.ID)
	}
	claim := map[string]types.AttributeValue{"type": s("delivery"), "status": s(StatusSent), "attempts": num(1),
		"claimedAt": s(n.CreatedAt.UTC().Format(time.RFC3339Nano)), "notificationId": s(n.ID),
		"expiresAt": ttl(n.CreatedAt.Add(deliveryRetention))}
	for k, v := range deliveryKey(n.TenantID, n.Key, n.UserID, ChannelInbox) {
		claim[k] = v
	}
	t := aws.String(st.Table)
	_, err = st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: t, Item: claim, ConditionExpression: aws.String("attribute_not_exists(PK)")}},
		{Put: &types.Put{TableName: t, Item: it, ConditionExpression: aws.String("attribute_not_exists(PK)")}},
		{Update: &types.Update{TableName: t, Key: counterKey(n.UserID), UpdateExpression: aws.String("SET #type = :type ADD unread :one"),
			ExpressionAttributeNames:  map[string]string{"#type": "type"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1), ":type": s("inbox-counter")}}},
	}})
	if reasons, ok := cancelled(err); ok && len(reasons) > 0 && aws.ToString(reasons[0].Code) == "ConditionalCheckFailed" {
		return ErrDelivered
	}
	if err != nil {
		return fmt.Errorf("notify: inbox: %w", err)
	}
	return nil
}

// InboxPage is one page of an inbox.
type InboxPage = pagecursor.Page[Notification]

// List reads a user's inbox, newest first; unreadOnly reads the unread
// ones (GSI1).
func (st Store) List(ctx context.Context, userID string, unreadOnly bool, limit int32, cursor string) (InboxPage, error) {
	in := &dynamodb.QueryInput{TableName: aws.String(st.Table), ScanIndexForward: aws.Bool(false)}
	attr, pk := "PK", inboxPK(userID)
	if unreadOnly {
		attr, pk = "GSI1PK", unreadPK(userID)
		in.IndexName = aws.String("GSI1")
		in.KeyConditionExpression = aws.String("GSI1PK = :pk")
		in.ExpressionAttributeValues = map[string]types.AttributeValue{":pk": s(pk)}
	} else {
		in.KeyConditionExpression = aws.String("PK = :pk AND begins_with(SK, :n)")
		in.ExpressionAttributeValues = map[string]types.AttributeValue{":pk": s(pk), ":n": s(notificationSKPrefix)}
	}
	return pagecursor.Query[Notification](ctx, st.DB, in, attr, pk, limit, cursor)
}

// UnreadCount reads a user's unread counter.
func (st Store) UnreadCount(ctx context.Context, userID string) (int, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: counterKey(userID), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return 0, fmt.Errorf("notify: unread count: %w", err)
	}
	var c struct {
		Unread int `dynamodbav:"unread"`
	}
	if out.Item != nil {
		if err := attributevalue.UnmarshalMap(out.Item, &c); err != nil {
			return 0, err
		}
	}
	return max(0, c.Unread), nil
}

// MarkRead marks the user's notifications ids read (ids of others or
// unknown ones are ignored) and returns the unread count after.
func (st Store) MarkRead(ctx context.Context, userID string, ids []string) (int, error) {
	for tries := 0; ; tries++ {
		unread, err := st.unreadAmong(ctx, userID, ids)
		if err != nil {
			return 0, err
		}
		err = st.markRead(ctx, userID, unread)
		if err == nil {
			break
		}
		if _, ok := cancelled(err); !ok || tries == 4 {
			return 0, err
		}
		// Someone marked some of them meanwhile: read again.
	}
	return st.UnreadCount(ctx, userID)
}

// MarkAllRead marks every unread notification of the user read.
func (st Store) MarkAllRead(ctx context.Context, userID string) (int, error) {
	for rounds := 0; rounds < 100; rounds++ {
		page, err := st.List(ctx, userID, true, 99, "")
		if err != nil {
			return 0, err
		}
		if len(page.Items) == 0 {
			break
		}
		ids := make([]string, len(page.Items))
		for i, n := range page.Items {
			ids[i] = n.ID
		}
		unread, err := st.unreadAmong(ctx, userID, ids)
		if err != nil {
			return 0, err
		}
		if len(unread) == 0 {
			break // the index lags behind marks already made
		}
		if err := st.markRead(ctx, userID, unread); err != nil {
			if _, ok := cancelled(err); !ok {
				return 0, err
			}
		}
	}
	return st.UnreadCount(ctx, userID)
}

// unreadAmong reads the notifications ids (consistently) and returns the
// ones that exist and are unread.
func (st Store) unreadAmong(ctx context.Context, userID string, ids []string) ([]string, error) {
	seen := map[string]bool{}
	var keys []map[string]types.AttributeValue
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			keys = append(keys, notificationKey(userID, id))
		}
	}
	var out []string
	err := batchread.Each(ctx, st.DB, st.Table, keys, batchread.Options{Consistent: true, Projection: "notificationId, #read",
		Names: map[string]string{"#read": "read"}}, func(it batchread.Key) error {
		var v struct {
			ID   string `dynamodbav:"notificationId"`
			Read bool   `dynamodbav:"read"`
		}
		if err := attributevalue.UnmarshalMap(it, &v); err != nil {
			return err
		}
		if !v.Read {
			out = append(out, v.ID)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("notify: read marks: %w", err)
	}
	return out, nil
}

// markRead marks unread notifications read, 99 per transaction with the
// counter's decrement, each conditioned on being unread so the counter
// never drops twice for one notification.
func (st Store) markRead(ctx context.Context, userID string, ids []string) error {
	t := aws.String(st.Table)
	for len(ids) > 0 {
		n := min(99, len(ids))
		var ws []types.TransactWriteItem
		for _, id := range ids[:n] {
			ws = append(ws, types.TransactWriteItem{Update: &types.Update{TableName: t, Key: notificationKey(userID, id),
				UpdateExpression:         aws.String("SET #read = :true, expiresAt = :exp REMOVE GSI1PK, GSI1SK"),
				ConditionExpression:      aws.String("attribute_exists(PK) AND #read = :false"),
				ExpressionAttributeNames: map[string]string{"#read": "read"},
				ExpressionAttributeValues: map[string]types.AttributeValue{":true": boolean(true), ":false": boolean(false),
					":exp": ttl(time.Now().Add(inboxRetention))}}})
		}
		ws = append(ws, types.TransactWriteItem{Update: &types.Update{TableName: t, Key: counterKey(userID),
			UpdateExpression: aws.String("ADD unread :minus"), ExpressionAttributeValues: map[string]types.AttributeValue{":minus": num(-n)}}})
		if _, err := st.DB.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: ws}); err != nil {
			return fmt.Errorf("notify: mark read: %w", err)
		}
		ids = ids[n:]
	}
	return nil
}

// ----------------------------------------------------------- preferences

// GetPrefs reads a user's preferences (the defaults when never set).
func (st Store) GetPrefs(ctx context.Context, userID string) (Prefs, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: prefsKey(userID), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Prefs{}, fmt.Errorf("notify: preferences: %w", err)
	}
	if out.Item == nil {
		return DefaultPrefs(userID), nil
	}
	var p Prefs
	return p, attributevalue.UnmarshalMap(out.Item, &p)
}

// PutPrefs writes a user's preferences.
func (st Store) PutPrefs(ctx context.Context, p Prefs) error {
	it, err := attributevalue.MarshalMap(p)
	if err != nil {
		return err
	}
	for k, v := range prefsKey(p.UserID) {
		it[k] = v
	}
	it["type"] = s("notification-prefs")
	if _, err := st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it}); err != nil {
		return fmt.Errorf("notify: preferences: %w", err)
	}
	return nil
}

// -------------------------------------------------------------- settings

// GetSettings reads a tenant's notification settings (zero when never set).
func (st Store) GetSettings(ctx context.Context, tenantID string) (Settings, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: settingsKey(tenantID), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Settings{}, fmt.Errorf("notify: settings: %w", err)
	}
	if out.Item == nil {
		return Settings{TenantID: tenantID}, nil
	}
	var v Settings
	return v, attributevalue.UnmarshalMap(out.Item, &v)
}

// PutSettings writes a tenant's notification settings.
func (st Store) PutSettings(ctx context.Context, v Settings) error {
	it, err := attributevalue.MarshalMap(v)
	if err != nil {
		return err
	}
	for k, val := range settingsKey(v.TenantID) {
		it[k] = val
	}
	it["type"] = s("notification-settings")
	if _, err := st.DB.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it}); err != nil {
		return fmt.Errorf("notify: settings: %w", err)
	}
	return nil
}

// AnyWhatsApp reports whether one of the tenants has WhatsApp on.
func (st Store) AnyWhatsApp(ctx context.Context, tenantIDs []string) (bool, error) {
	keys := make([]batchread.Key, len(tenantIDs))
	for i, id := range tenantIDs {
		keys[i] = settingsKey(id)
	}
	found := false
	errFound := errors.New("found")
	err := batchread.Each(ctx, st.DB, st.Table, keys, batchread.Options{Projection: "whatsappEnabled, phoneNumberId"}, func(it batchread.Key) error {
		var v Settings
		if err := attributevalue.UnmarshalMap(it, &v); err != nil {
			return err
		}
		if v.WhatsAppEnabled && v.PhoneNumberID != "" {
			found = true
			return errFound // one is enough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errFound) {
		return false, fmt.Errorf("notify: settings: %w", err)
	}
	return found, nil
}

// ------------------------------------------------------------ deliveries

// Claim takes the delivery of a message (Key) to a user over an external
// channel: it succeeds for a new delivery, a failed one (a retry) and one
// whose sender died mid-send long ago; ErrDelivered when it was sent or
// is being sent.
func (st Store) Claim(ctx context.Context, tenantID, key, userID string, ch Channel, now time.Time) error {
	_, err := st.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(st.Table), Key: deliveryKey(tenantID, key, userID, ch),
		UpdateExpression:         aws.String("SET #type = :type, #status = :sending, claimedAt = :now, expiresAt = :exp REMOVE #error ADD attempts :one"),
		ConditionExpression:      aws.String("attribute_not_exists(PK) OR #status = :failed OR (#status = :sending AND claimedAt < :stale)"),
		ExpressionAttributeNames: map[string]string{"#type": "type", "#status": "status", "#error": "error"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":type": s("delivery"), ":sending": s(StatusSending), ":failed": s(StatusFailed),
			":now": s(now.UTC().Format(time.RFC3339Nano)), ":stale": s(now.Add(-staleClaim).UTC().Format(time.RFC3339Nano)),
			":exp": ttl(now.Add(deliveryRetention)), ":one": num(1)}})
	if conditionFailed(err) {
		return ErrDelivered
	}
	if err != nil {
		return fmt.Errorf("notify: claim: %w", err)
	}
	return nil
}

// Finish records the outcome of a claimed delivery: sent, or failed
// with the error (permanent: retrying cannot help).
func (st Store) Finish(ctx context.Context, tenantID, key, userID string, ch Channel, sendErr error, now time.Time) error {
	in := &dynamodb.UpdateItemInput{TableName: aws.String(st.Table), Key: deliveryKey(tenantID, key, userID, ch),
		ExpressionAttributeNames: map[string]string{"#status": "status"}}
	if sendErr == nil {
		in.UpdateExpression = aws.String("SET #status = :sent, sentAt = :now")
		in.ExpressionAttributeValues = map[string]types.AttributeValue{":sent": s(StatusSent), ":now": s(now.UTC().Format(time.RFC3339Nano))}
	} else {
		msg := sendErr.Error()
		if len(msg) > 500 {
			msg = msg[:500]
		}
		in.UpdateExpression = aws.String("SET #status = :failed, #error = :error, permanent = :perm, failedAt = :now")
		in.ExpressionAttributeNames["#error"] = "error"
		in.ExpressionAttributeValues = map[string]types.AttributeValue{":failed": s(StatusFailed), ":error": s(msg),
			":perm": boolean(IsPermanent(sendErr)), ":now": s(now.UTC().Format(time.RFC3339Nano))}
	}
	if _, err := st.DB.UpdateItem(ctx, in); err != nil {
		return fmt.Errorf("notify: delivery outcome: %w", err)
	}
	return nil
}

// GetDelivery reads a delivery record (found false when none).
func (st Store) GetDelivery(ctx context.Context, tenantID, key, userID string, ch Channel) (Delivery, bool, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: deliveryKey(tenantID, key, userID, ch), ConsistentRead: aws.Bool(true)})
	if err != nil || out.Item == nil {
		return Delivery{}, false, err
	}
	var d Delivery
	return d, true, attributevalue.UnmarshalMap(out.Item, &d)
}

// Mark records name for the tenant once and returns the day (YYYY-MM-DD)
// it was first recorded: today the first time, the earlier day after.
func (st Store) Mark(ctx context.Context, tenantID, name, today string) (string, error) {
	out, err := st.DB.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(st.Table), Key: markerKey(tenantID, name),
		UpdateExpression:          aws.String("SET #type = :type, firstDay = if_not_exists(firstDay, :today)"),
		ExpressionAttributeNames:  map[string]string{"#type": "type"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":type": s("notify-marker"), ":today": s(today)},
		ReturnValues:              types.ReturnValueAllNew})
	if err != nil {
		return "", fmt.Errorf("notify: marker: %w", err)
	}
	if v, ok := out.Attributes["firstDay"].(*types.AttributeValueMemberS); ok {
		return v.Value, nil
	}
	return today, nil
}
