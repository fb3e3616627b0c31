package notify

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The only place the key formats of this package are spelled out (see
// docs/data-model.md). A user's inbox and preferences are per user, across
// tenants; deliveries and tenant settings are under the tenant.

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

// inboxPK is a user's inbox partition: notifications (N#{ulid}, newest
// last) and the unread counter.
func inboxPK(userID string) string { return "USER#" + userID + "#INBOX" }

// unreadPK is the sparse GSI1 partition of a user's unread notifications.
func unreadPK(userID string) string { return "USER#" + userID + "#UNREAD" }

const (
	notificationSKPrefix = "N#"
	counterSK            = "UNREAD"
	prefsSK              = "PREFS"
	settingsSK           = "NOTIFY#SETTINGS"
)

func notificationKey(userID, id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(inboxPK(userID)), "SK": s(notificationSKPrefix + id)}
}

func counterKey(userID string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(inboxPK(userID)), "SK": s(counterSK)}
}

// prefsKey is a user's notification preferences, beside the profile.
func prefsKey(userID string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("USER#" + userID + "#NOTIFY"), "SK": s(prefsSK)}
}

// settingsKey is a tenant's notification settings, in the tenant's
// partition beside its other settings.
func settingsKey(tenantID string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + tenantID), "SK": s(settingsSK)}
}

// deliveryKey is the idempotency record of one message occurrence (Key)
// to one user over one channel.
func deliveryKey(tenantID, key, userID string, ch Channel) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + tenantID + "#NOTIFY#" + key), "SK": s("USER#" + userID + "#" + string(ch))}
}

// markerKey records the first day a scheduled notice went out for a
// batch (the evaluation form's "open" notice), so later days send
// reminders instead.
func markerKey(tenantID, name string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s("TENANT#" + tenantID + "#NOTIFY#MARK"), "SK": s(name)}
}
