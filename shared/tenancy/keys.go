package tenancy

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The only place the key formats of this package are spelled out.

func tenantPK(tenantID string) string { return "TENANT#" + tenantID }

const (
	tenantSK          = "TENANT"
	memberSKPrefix    = "MEMBER#"
	regSKPrefix       = "REG#"
	auditSKPrefix     = "AUDIT#"
	userSK            = "PROFILE"
	tenantCatalogPK   = "TENANTS#"
	usernameGSIPrefix = "USERNAME#"
)

func userPK(userID string) string { return "USER#" + userID }

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

func tenantKeys(t Tenant) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"PK": s(tenantPK(t.ID)), "SK": s(tenantSK), "type": s("tenant"),
		// The catalog lists tenants by status, sorted by name.
		"GSI1PK": s(tenantCatalogPK + string(t.Status)), "GSI1SK": s(SearchKey(t.Name) + "#" + t.ID),
	}
}

func userKeys(u User) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"PK": s(userPK(u.ID)), "SK": s(userSK), "type": s("user"),
		"GSI1PK": s(usernameGSIPrefix + u.Username), "GSI1SK": s("USER"),
	}
}

func membersIndexPK(tenantID string) string { return tenantPK(tenantID) + "#MEMBERS" }

func memberKeys(m Membership) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"PK": s(tenantPK(m.TenantID)), "SK": s(memberSKPrefix + m.UserID), "type": s("membership"),
		// GSI1: a user's memberships across tenants (GET /me).
		"GSI1PK": s(userPK(m.UserID)), "GSI1SK": s(tenantPK(m.TenantID)),
		// GSI2: members by name (prefix search); GSI3: by NIK/NIP prefix.
		"GSI2PK": s(membersIndexPK(m.TenantID)), "GSI2SK": s("NAME#" + SearchKey(m.Name) + "#" + m.UserID),
		"GSI3PK": s(membersIndexPK(m.TenantID)), "GSI3SK": s("USERNAME#" + m.Username),
	}
}

func memberKey(tenantID, userID string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(tenantPK(tenantID)), "SK": s(memberSKPrefix + userID)}
}

func registrationKeys(r Registration) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"PK": s(tenantPK(r.TenantID)), "SK": s(regSKPrefix + r.ID), "type": s("registration"),
		// GSI2: a tenant's registrations by status, oldest first.
		"GSI2PK": s(tenantPK(r.TenantID) + "#REG#" + string(r.Status)), "GSI2SK": s(r.CreatedAt.UTC().Format("2006-01-02T15:04:05.000000000Z07:00") + "#" + r.ID),
	}
}

func registrationKey(tenantID, id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(tenantPK(tenantID)), "SK": s(regSKPrefix + id)}
}

func auditKeys(a AuditEntry) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": s(tenantPK(a.TenantID)), "SK": s(auditSKPrefix + a.ID), "type": s("audit")}
}
