// Package demo seeds the local stack with a demo tenant and one account per
// role, so a person trying the product can log in at once. Seeding is
// idempotent: a restart finds the accounts and changes nothing.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"lms/shared/tenancy"
)

// TenantID is the demo tenant's slug.
const TenantID = "bdtbt"

// Account is a demo login.
type Account struct {
	Role     string // admin, instructor, learner or operator
	Username string // NIP for staff, NIK for participants
	Password string
	Name     string
}

// Accounts are the demo logins. The numbers are well-formed but fictitious:
// NIPs start with a birth date, an appointment month and a gender digit;
// the NIK carries a Bandung region code and a birth date.
var Accounts = []Account{
	{Role: "admin", Username: "198503122010011001", Password: "DemoAdmin2026", Name: "Budi Santoso (Penyelenggara)"},
	{Role: "instructor", Username: "197811052005012002", Password: "DemoWidya2026", Name: "Siti Rahmawati (Widyaiswara)"},
	{Role: "learner", Username: "3273011508950001", Password: "DemoPeserta2026", Name: "Andi Pratama (Peserta)"},
	{Role: "operator", Username: "198001012005011003", Password: "DemoOperator2026", Name: "Operator Platform"},
}

// Seed creates the demo tenant, the Cognito accounts and the memberships.
func Seed(ctx context.Context, idp *cip.Client, poolID string, db *dynamodb.Client, table string, now time.Time) error {
	store := tenancy.Store{DB: db, Table: table}
	if _, err := store.PutTenantIfAbsent(ctx, tenancy.Tenant{
		ID: TenantID, Name: "Balai Diklat Tambang Bawah Tanah", ShortName: "BDTBT",
		Colors:             tenancy.Colors{Primary: "#F2B705", Secondary: "#1F4E9C", Tertiary: "#111111"},
		Contact:            tenancy.Contact{Email: "diklat@bdtbt.example.go.id", Phone: "+62751000000", Address: "Sawahlunto, Sumatera Barat"},
		RegistrationPolicy: tenancy.RegistrationApproval,
		Status:             tenancy.StatusActive, CreatedAt: now, UpdatedAt: now, Version: 1,
	}); err != nil {
		return err
	}
	for _, a := range Accounts {
		sub, err := ensureUser(ctx, idp, poolID, a)
		if err != nil {
			return err
		}
		kind := "nip"
		if len(a.Username) == 16 {
			kind = "nik"
		}
		if _, err := store.PutUserIfAbsent(ctx, tenancy.User{ID: sub, Username: a.Username, Kind: kind, Name: a.Name, CreatedAt: now}); err != nil {
			return err
		}
		if a.Role == "operator" {
			if _, err := idp.AdminAddUserToGroup(ctx, &cip.AdminAddUserToGroupInput{
				UserPoolId: aws.String(poolID), Username: aws.String(a.Username), GroupName: aws.String("operator")}); err != nil {
				return fmt.Errorf("demo: operator group: %w", err)
			}
			continue
		}
		if _, err := store.PutMembershipIfAbsent(ctx, tenancy.Membership{
			TenantID: TenantID, UserID: sub, Username: a.Username, Name: a.Name, Role: tenancy.Role(a.Role),
			Status: tenancy.StatusActive, CreatedAt: now, UpdatedAt: now, Version: 1,
		}); err != nil {
			return err
		}
	}
	return nil
}

// ensureUser creates the account with a permanent password unless it
// exists, and returns its sub.
func ensureUser(ctx context.Context, idp *cip.Client, poolID string, a Account) (string, error) {
	got, err := idp.AdminGetUser(ctx, &cip.AdminGetUserInput{UserPoolId: aws.String(poolID), Username: aws.String(a.Username)})
	var nf *ciptypes.UserNotFoundException
	switch {
	case err == nil:
		return attr(got.UserAttributes, "sub"), nil
	case !errors.As(err, &nf):
		return "", fmt.Errorf("demo: look up %s account: %w", a.Role, err)
	}
	created, err := idp.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId: aws.String(poolID), Username: aws.String(a.Username),
		MessageAction:  ciptypes.MessageActionTypeSuppress,
		UserAttributes: []ciptypes.AttributeType{{Name: aws.String("name"), Value: aws.String(a.Name)}},
	})
	if err != nil {
		return "", fmt.Errorf("demo: create %s account: %w", a.Role, err)
	}
	if _, err := idp.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{
		UserPoolId: aws.String(poolID), Username: aws.String(a.Username), Password: aws.String(a.Password), Permanent: true,
	}); err != nil {
		return "", fmt.Errorf("demo: set %s password: %w", a.Role, err)
	}
	return attr(created.User.Attributes, "sub"), nil
}

func attr(as []ciptypes.AttributeType, name string) string {
	for _, a := range as {
		if aws.ToString(a.Name) == name {
			return aws.ToString(a.Value)
		}
	}
	return ""
}
