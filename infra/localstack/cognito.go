package localstack

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"lms/infra/samtemplate"
)

type poolProps struct {
	UserPoolName           string
	UsernameAttributes     []string
	AliasAttributes        []string
	AutoVerifiedAttributes []string
	UsernameConfiguration  *struct{ CaseSensitive bool }
	AdminCreateUserConfig  *struct{ AllowAdminCreateUserOnly bool }
	MfaConfiguration       string
	Policies               struct {
		PasswordPolicy struct {
			MinimumLength                 int32
			RequireLowercase              bool
			RequireUppercase              bool
			RequireNumbers                bool
			RequireSymbols                bool
			TemporaryPasswordValidityDays int32
		}
	}
	Schema []struct {
		Name              string
		AttributeDataType string
		Mutable           bool
		Required          bool
	}
}

type clientProps struct {
	ClientName                 string
	UserPoolID                 string `json:"UserPoolId"`
	GenerateSecret             bool
	ExplicitAuthFlows          []string
	AccessTokenValidity        int32
	IDTokenValidity            int32 `json:"IdTokenValidity"`
	RefreshTokenValidity       int32
	TokenValidityUnits         *struct{ AccessToken, IdToken, RefreshToken string }
	EnableTokenRevocation      bool
	PreventUserExistenceErrors string
}

type groupProps struct {
	GroupName   string
	Description string
	UserPoolID  string `json:"UserPoolId"`
}

// provisionCognito creates the template's user pool (one), its clients and
// groups, or finds them by name after a restart.
func (s *Stack) provisionCognito(ctx context.Context, cl *cip.Client, tpl *samtemplate.Template, c *samtemplate.Context, res *Resources) error {
	pools := tpl.OfType("AWS::Cognito::UserPool")
	if len(pools) != 1 {
		return fmt.Errorf("localstack: expected one user pool in the template, found %d", len(pools))
	}
	pool := pools[0]
	var p poolProps
	if err := tpl.EvalInto(pool.Properties, c, &p); err != nil {
		return fmt.Errorf("localstack: user pool: %w", err)
	}
	poolID, err := findPool(ctx, cl, p.UserPoolName)
	if err != nil {
		return err
	}
	if poolID == "" {
		in := &cip.CreateUserPoolInput{
			PoolName:               aws.String(p.UserPoolName),
			UsernameAttributes:     toEnum[ciptypes.UsernameAttributeType](p.UsernameAttributes),
			AliasAttributes:        toEnum[ciptypes.AliasAttributeType](p.AliasAttributes),
			AutoVerifiedAttributes: toEnum[ciptypes.VerifiedAttributeType](p.AutoVerifiedAttributes),
			MfaConfiguration:       ciptypes.UserPoolMfaType(p.MfaConfiguration),
			Policies: &ciptypes.UserPoolPolicyType{PasswordPolicy: &ciptypes.PasswordPolicyType{
				MinimumLength:                 aws.Int32(p.Policies.PasswordPolicy.MinimumLength),
				RequireLowercase:              p.Policies.PasswordPolicy.RequireLowercase,
				RequireUppercase:              p.Policies.PasswordPolicy.RequireUppercase,
				RequireNumbers:                p.Policies.PasswordPolicy.RequireNumbers,
				RequireSymbols:                p.Policies.PasswordPolicy.RequireSymbols,
				TemporaryPasswordValidityDays: p.Policies.PasswordPolicy.TemporaryPasswordValidityDays,
			}},
		}
		if u := p.UsernameConfiguration; u != nil {
			in.UsernameConfiguration = &ciptypes.UsernameConfigurationType{CaseSensitive: aws.Bool(u.CaseSensitive)}
		}
		if a := p.AdminCreateUserConfig; a != nil {
			in.AdminCreateUserConfig = &ciptypes.AdminCreateUserConfigType{AllowAdminCreateUserOnly: a.AllowAdminCreateUserOnly}
		}
		for _, sa := range p.Schema {
			in.Schema = append(in.Schema, ciptypes.SchemaAttributeType{Name: aws.String(sa.Name),
				AttributeDataType: ciptypes.AttributeDataType(sa.AttributeDataType), Mutable: aws.Bool(sa.Mutable), Required: aws.Bool(sa.Required)})
		}
		out, err := cl.CreateUserPool(ctx, in)
		if err != nil {
			return fmt.Errorf("localstack: create user pool: %w", err)
		}
		poolID = aws.ToString(out.UserPool.Id)
	}
	res.UserPoolID = poolID
	res.Issuer = s.CognitoEndpoint + "/" + poolID
	c.Refs[pool.LogicalID] = poolID
	c.Attrs[pool.LogicalID+".Arn"] = fmt.Sprintf("arn:aws:cognito-idp:%s:%s:userpool/%s", Region, AccountID, poolID)
	c.Attrs[pool.LogicalID+".ProviderName"] = "cognito-idp." + Region + ".amazonaws.com/" + poolID

	for _, r := range tpl.OfType("AWS::Cognito::UserPoolClient") {
		var cp clientProps
		if err := tpl.EvalInto(r.Properties, c, &cp); err != nil {
			return fmt.Errorf("localstack: client %s: %w", r.LogicalID, err)
		}
		id, err := findClient(ctx, cl, poolID, cp.ClientName)
		if err != nil {
			return err
		}
		if id == "" {
			in := &cip.CreateUserPoolClientInput{
				UserPoolId:                 aws.String(poolID),
				ClientName:                 aws.String(cp.ClientName),
				GenerateSecret:             cp.GenerateSecret,
				ExplicitAuthFlows:          toEnum[ciptypes.ExplicitAuthFlowsType](cp.ExplicitAuthFlows),
				AccessTokenValidity:        aws.Int32(cp.AccessTokenValidity),
				IdTokenValidity:            aws.Int32(cp.IDTokenValidity),
				RefreshTokenValidity:       cp.RefreshTokenValidity,
				EnableTokenRevocation:      aws.Bool(cp.EnableTokenRevocation),
				PreventUserExistenceErrors: ciptypes.PreventUserExistenceErrorTypes(cp.PreventUserExistenceErrors),
			}
			if u := cp.TokenValidityUnits; u != nil {
				in.TokenValidityUnits = &ciptypes.TokenValidityUnitsType{AccessToken: ciptypes.TimeUnitsType(u.AccessToken),
					IdToken: ciptypes.TimeUnitsType(u.IdToken), RefreshToken: ciptypes.TimeUnitsType(u.RefreshToken)}
			}
			out, err := cl.CreateUserPoolClient(ctx, in)
			if err != nil {
				return fmt.Errorf("localstack: create client %s: %w", cp.ClientName, err)
			}
			id = aws.ToString(out.UserPoolClient.ClientId)
		}
		c.Refs[r.LogicalID] = id
		if res.UserPoolClientID == "" {
			res.UserPoolClientID = id
		}
	}
	if res.UserPoolClientID == "" {
		return errors.New("localstack: the template declares no user pool client")
	}

	for _, r := range tpl.OfType("AWS::Cognito::UserPoolGroup") {
		var gp groupProps
		if err := tpl.EvalInto(r.Properties, c, &gp); err != nil {
			return fmt.Errorf("localstack: group %s: %w", r.LogicalID, err)
		}
		// ListGroups rather than GetGroup: cognito-local answers GetGroup for a
		// missing group with a 500 instead of ResourceNotFoundException.
		groups, err := cl.ListGroups(ctx, &cip.ListGroupsInput{UserPoolId: aws.String(poolID)})
		if err != nil {
			return fmt.Errorf("localstack: list groups: %w", err)
		}
		exists := false
		for _, g := range groups.Groups {
			exists = exists || aws.ToString(g.GroupName) == gp.GroupName
		}
		if !exists {
			if _, err := cl.CreateGroup(ctx, &cip.CreateGroupInput{UserPoolId: aws.String(poolID),
				GroupName: aws.String(gp.GroupName), Description: aws.String(gp.Description)}); err != nil {
				return fmt.Errorf("localstack: group %s: %w", gp.GroupName, err)
			}
		}
		c.Refs[r.LogicalID] = gp.GroupName
	}
	return nil
}

func findPool(ctx context.Context, cl *cip.Client, name string) (string, error) {
	out, err := cl.ListUserPools(ctx, &cip.ListUserPoolsInput{MaxResults: aws.Int32(60)})
	if err != nil {
		return "", fmt.Errorf("localstack: list user pools: %w", err)
	}
	for _, p := range out.UserPools {
		if aws.ToString(p.Name) == name {
			return aws.ToString(p.Id), nil
		}
	}
	return "", nil
}

func findClient(ctx context.Context, cl *cip.Client, poolID, name string) (string, error) {
	out, err := cl.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: aws.String(poolID), MaxResults: aws.Int32(60)})
	if err != nil {
		return "", fmt.Errorf("localstack: list clients: %w", err)
	}
	for _, c := range out.UserPoolClients {
		if aws.ToString(c.ClientName) == name {
			return aws.ToString(c.ClientId), nil
		}
	}
	return "", nil
}

func toEnum[T ~string](in []string) []T {
	if len(in) == 0 {
		return nil
	}
	out := make([]T, len(in))
	for i, s := range in {
		out[i] = T(s)
	}
	return out
}
