// Package tenancy holds the tenant (balai diklat) and membership model: who
// belongs to which tenant with which role. Keys are prefixed by tenant so no
// query can cross tenants (see docs/data-model.md).
package tenancy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Role is a person's role inside one tenant.
type Role string

// Roles per tenant; the platform-wide operator is a Cognito group instead.
const (
	RoleAdmin      Role = "admin"
	RoleInstructor Role = "instructor"
	RoleLearner    Role = "learner"
)

// Status of a tenant or a membership.
type Status string

// Statuses.
const (
	StatusActive    Status = "active"
	StatusSuspended Status = "suspended"
	StatusBanned    Status = "banned"
)

// Colors are a tenant's theme colours (hex).
type Colors struct {
	Primary   string `dynamodbav:"primary" json:"primary"`
	Secondary string `dynamodbav:"secondary" json:"secondary"`
	Tertiary  string `dynamodbav:"tertiary" json:"tertiary"`
}

// Tenant is one institution on the platform.
type Tenant struct {
	ID        string    `dynamodbav:"tenantId" json:"id"`
	Name      string    `dynamodbav:"name" json:"name"`
	ShortName string    `dynamodbav:"shortName" json:"shortName"`
	Colors    Colors    `dynamodbav:"colors" json:"colors"`
	Status    Status    `dynamodbav:"status" json:"status"`
	CreatedAt time.Time `dynamodbav:"createdAt" json:"createdAt"`
}

// Membership ties a user (Cognito sub) to a tenant with a role.
type Membership struct {
	TenantID  string    `dynamodbav:"tenantId" json:"tenantId"`
	UserID    string    `dynamodbav:"userId" json:"userId"`
	Role      Role      `dynamodbav:"role" json:"role"`
	Status    Status    `dynamodbav:"status" json:"status"`
	CreatedAt time.Time `dynamodbav:"createdAt" json:"createdAt"`
}

// User is a person's platform-wide profile (one account for every tenant).
type User struct {
	ID        string    `dynamodbav:"userId" json:"id"`
	Username  string    `dynamodbav:"username" json:"username"` // NIK or NIP
	Name      string    `dynamodbav:"name" json:"name"`
	Email     string    `dynamodbav:"email,omitempty" json:"email,omitempty"`
	CreatedAt time.Time `dynamodbav:"createdAt" json:"createdAt"`
}

// Key builders: the only place key formats are spelled out.
func tenantKey(id string) (pk, sk string) { return "TENANT#" + id, "TENANT" }
func memberKey(tenantID, userID string) (string, string) {
	return "TENANT#" + tenantID, "MEMBER#" + userID
}
func userKey(id string) (string, string) { return "USER#" + id, "PROFILE" }

// Store reads and writes the tenancy items of one table.
type Store struct {
	DB    *dynamodb.Client
	Table string
}

// PutTenantIfAbsent creates the tenant unless it exists; it reports whether it wrote.
func (s Store) PutTenantIfAbsent(ctx context.Context, t Tenant) (bool, error) {
	pk, sk := tenantKey(t.ID)
	return s.putIfAbsent(ctx, t, map[string]string{"PK": pk, "SK": sk, "GSI1PK": "TENANTS", "GSI1SK": t.ID, "type": "tenant"})
}

// PutUserIfAbsent creates the user profile unless it exists.
func (s Store) PutUserIfAbsent(ctx context.Context, u User) (bool, error) {
	pk, sk := userKey(u.ID)
	return s.putIfAbsent(ctx, u, map[string]string{"PK": pk, "SK": sk, "GSI1PK": "USERNAME#" + u.Username, "GSI1SK": "USER", "type": "user"})
}

// PutMembershipIfAbsent creates the membership unless it exists. GSI1 lists
// a user's memberships across tenants (for GET /me).
func (s Store) PutMembershipIfAbsent(ctx context.Context, m Membership) (bool, error) {
	pk, sk := memberKey(m.TenantID, m.UserID)
	return s.putIfAbsent(ctx, m, map[string]string{"PK": pk, "SK": sk, "GSI1PK": "USER#" + m.UserID, "GSI1SK": "TENANT#" + m.TenantID, "type": "membership"})
}

func (s Store) putIfAbsent(ctx context.Context, v any, keys map[string]string) (bool, error) {
	item, err := attributevalue.MarshalMap(v)
	if err != nil {
		return false, err
	}
	for k, val := range keys {
		item[k] = &types.AttributeValueMemberS{Value: val}
	}
	_, err = s.DB.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(s.Table), Item: item,
		ConditionExpression: aws.String("attribute_not_exists(PK)"),
	})
	var exists *types.ConditionalCheckFailedException
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &exists):
		return false, nil
	default:
		return false, fmt.Errorf("tenancy: put %s: %w", keys["type"], err)
	}
}
