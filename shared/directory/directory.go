// Package directory is the user directory: Amazon Cognito, one user pool for
// every tenant (single sign-on), usernames are NIK or NIP numbers. It maps
// Cognito's errors to a few the API can explain; callers never see AWS text.
package directory

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"
)

// Errors.
var (
	// ErrInvalidInput means Cognito refused a value (a phone number,
	// an attribute) that validation let through.
	ErrInvalidInput = errors.New("directory: invalid input")
	// ErrInvalidCredentials covers an unknown username and a wrong password
	// alike, so the answer never tells whether an account exists.
	ErrInvalidCredentials = errors.New("directory: invalid credentials")
	ErrPasswordPolicy     = errors.New("directory: password does not meet the policy")
	ErrInvalidCode        = errors.New("directory: invalid or expired code")
	ErrTooManyRequests    = errors.New("directory: too many requests")
	ErrUserExists         = errors.New("directory: user exists")
	ErrResetRequired      = errors.New("directory: password reset required")
	ErrInvalidSession     = errors.New("directory: invalid or expired session")
)

// Tokens are a session's tokens.
type Tokens struct {
	AccessToken  string `json:"accessToken"`
	IDToken      string `json:"idToken"`
	RefreshToken string `json:"refreshToken,omitempty"`
	ExpiresIn    int32  `json:"expiresIn"`
}

// LoginResult is either tokens or a challenge to answer.
type LoginResult struct {
	Tokens    *Tokens
	Challenge string // NEW_PASSWORD_REQUIRED
	Session   string
}

// NewUser describes an account an admin or a registration creates.
type NewUser struct {
	Username string
	Name     string
	Email    string
	Phone    string
	// Institution is kept in the product's profile, not in Cognito.
	Institution string
	// Password, if set, is permanent (self-registration). Otherwise a
	// temporary password is generated and must be changed at first login.
	Password string
}

// Client is the Cognito API the directory uses.
type Client interface {
	InitiateAuth(context.Context, *cip.InitiateAuthInput, ...func(*cip.Options)) (*cip.InitiateAuthOutput, error)
	RespondToAuthChallenge(context.Context, *cip.RespondToAuthChallengeInput, ...func(*cip.Options)) (*cip.RespondToAuthChallengeOutput, error)
	RevokeToken(context.Context, *cip.RevokeTokenInput, ...func(*cip.Options)) (*cip.RevokeTokenOutput, error)
	ForgotPassword(context.Context, *cip.ForgotPasswordInput, ...func(*cip.Options)) (*cip.ForgotPasswordOutput, error)
	ConfirmForgotPassword(context.Context, *cip.ConfirmForgotPasswordInput, ...func(*cip.Options)) (*cip.ConfirmForgotPasswordOutput, error)
	ChangePassword(context.Context, *cip.ChangePasswordInput, ...func(*cip.Options)) (*cip.ChangePasswordOutput, error)
	AdminCreateUser(context.Context, *cip.AdminCreateUserInput, ...func(*cip.Options)) (*cip.AdminCreateUserOutput, error)
	AdminGetUser(context.Context, *cip.AdminGetUserInput, ...func(*cip.Options)) (*cip.AdminGetUserOutput, error)
	AdminSetUserPassword(context.Context, *cip.AdminSetUserPasswordInput, ...func(*cip.Options)) (*cip.AdminSetUserPasswordOutput, error)
}

// Cognito is the directory on a user pool and its app client.
type Cognito struct {
	Client   Client
	PoolID   string
	ClientID string
	// SendInvites lets Cognito email the temporary password to new accounts
	// that have an email. Locally there is no mail, so it is off and the API
	// returns the temporary password to the admin instead.
	SendInvites bool
}

// Login checks a username and password.
func (c Cognito) Login(ctx context.Context, username, password string) (LoginResult, error) {
	out, err := c.Client.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeUserPasswordAuth, ClientId: aws.String(c.ClientID),
		AuthParameters: map[string]string{"USERNAME": username, "PASSWORD": password},
	})
	if err != nil {
		return LoginResult{}, loginError(err)
	}
	if out.AuthenticationResult != nil {
		return LoginResult{Tokens: tokens(out.AuthenticationResult)}, nil
	}
	return LoginResult{Challenge: string(out.ChallengeName), Session: aws.ToString(out.Session)}, nil
}

// Refresh trades a refresh token for new access and id tokens.
func (c Cognito) Refresh(ctx context.Context, refreshToken string) (Tokens, error) {
	out, err := c.Client.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeRefreshTokenAuth, ClientId: aws.String(c.ClientID),
		AuthParameters: map[string]string{"REFRESH_TOKEN": refreshToken},
	})
	if err != nil {
		return Tokens{}, mapError(err)
	}
	if out.AuthenticationResult == nil {
		return Tokens{}, ErrInvalidCredentials
	}
	return *tokens(out.AuthenticationResult), nil
}

// Revoke ends the session of a refresh token.
func (c Cognito) Revoke(ctx context.Context, refreshToken string) error {
	_, err := c.Client.RevokeToken(ctx, &cip.RevokeTokenInput{ClientId: aws.String(c.ClientID), Token: aws.String(refreshToken)})
	return mapError(err)
}

// CompleteNewPassword answers NEW_PASSWORD_REQUIRED at first login.
func (c Cognito) CompleteNewPassword(ctx context.Context, username, session, newPassword string) (Tokens, error) {
	out, err := c.Client.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{
		ClientId: aws.String(c.ClientID), ChallengeName: types.ChallengeNameTypeNewPasswordRequired, Session: aws.String(session),
		ChallengeResponses: map[string]string{"USERNAME": username, "NEW_PASSWORD": newPassword},
	})
	if err != nil {
		return Tokens{}, mapError(err)
	}
	if out.AuthenticationResult == nil {
		return Tokens{}, ErrInvalidSession
	}
	return *tokens(out.AuthenticationResult), nil
}

// ForgotPassword sends a reset code to the account's email.
func (c Cognito) ForgotPassword(ctx context.Context, username string) error {
	_, err := c.Client.ForgotPassword(ctx, &cip.ForgotPasswordInput{ClientId: aws.String(c.ClientID), Username: aws.String(username)})
	return mapError(err)
}

// ConfirmForgotPassword sets a new password with the emailed code.
func (c Cognito) ConfirmForgotPassword(ctx context.Context, username, code, newPassword string) error {
	_, err := c.Client.ConfirmForgotPassword(ctx, &cip.ConfirmForgotPasswordInput{ClientId: aws.String(c.ClientID),
		Username: aws.String(username), ConfirmationCode: aws.String(code), Password: aws.String(newPassword)})
	return mapError(err)
}

// ChangePassword changes the password of the access token's owner.
func (c Cognito) ChangePassword(ctx context.Context, accessToken, previous, proposed string) error {
	_, err := c.Client.ChangePassword(ctx, &cip.ChangePasswordInput{AccessToken: aws.String(accessToken),
		PreviousPassword: aws.String(previous), ProposedPassword: aws.String(proposed)})
	// The handler checks the new password against the pool's policy first,
	// so a password complaint here is about the current one (cognito-local
	// reports a wrong current password as InvalidPasswordException).
	return loginError(err)
}

// FindUser returns the sub of an account, or "" when there is none.
func (c Cognito) FindUser(ctx context.Context, username string) (string, error) {
	out, err := c.Client.AdminGetUser(ctx, &cip.AdminGetUserInput{UserPoolId: aws.String(c.PoolID), Username: aws.String(username)})
	var nf *types.UserNotFoundException
	if errors.As(err, &nf) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("directory: get user: %w", err)
	}
	return attr(out.UserAttributes, "sub"), nil
}

// CreateUser creates an account and returns its sub and, when no password
// was given, the temporary password (ErrUserExists if the username is taken).
func (c Cognito) CreateUser(ctx context.Context, u NewUser) (sub, temporaryPassword string, err error) {
	attrs := []types.AttributeType{{Name: aws.String("name"), Value: aws.String(u.Name)}}
	if u.Email != "" {
		attrs = append(attrs, types.AttributeType{Name: aws.String("email"), Value: aws.String(u.Email)},
			types.AttributeType{Name: aws.String("email_verified"), Value: aws.String("true")})
	}
	if u.Phone != "" {
		attrs = append(attrs, types.AttributeType{Name: aws.String("phone_number"), Value: aws.String(u.Phone)})
	}
	temp := u.Password
	if temp == "" {
		temp = TemporaryPassword()
	}
	in := &cip.AdminCreateUserInput{UserPoolId: aws.String(c.PoolID), Username: aws.String(u.Username),
		UserAttributes: attrs, TemporaryPassword: aws.String(temp)}
	if !c.SendInvites || u.Email == "" || u.Password != "" {
		in.MessageAction = types.MessageActionTypeSuppress
	}
	out, err := c.Client.AdminCreateUser(ctx, in)
	if err != nil {
		return "", "", mapError(err)
	}
	sub = attr(out.User.Attributes, "sub")
	if u.Password != "" {
		if _, err := c.Client.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{UserPoolId: aws.String(c.PoolID),
			Username: aws.String(u.Username), Password: aws.String(u.Password), Permanent: true}); err != nil {
			return "", "", mapError(err)
		}
		return sub, "", nil
	}
	return sub, temp, nil
}

// TemporaryPassword makes a password that meets the pool's policy
// (upper, lower, digit, 12 characters) without ambiguous characters.
func TemporaryPassword() string {
	const upper, lower, digits = "ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789"
	all := upper + lower + digits
	pick := func(set string) byte {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(set))))
		return set[n.Int64()]
	}
	b := []byte{pick(upper), pick(lower), pick(digits)}
	for len(b) < 12 {
		b = append(b, pick(all))
	}
	for i := len(b) - 1; i > 0; i-- {
		j, _ := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		b[i], b[j.Int64()] = b[j.Int64()], b[i]
	}
	return string(b)
}

func tokens(r *types.AuthenticationResultType) *Tokens {
	t := &Tokens{AccessToken: aws.ToString(r.AccessToken), IDToken: aws.ToString(r.IdToken),
		RefreshToken: aws.ToString(r.RefreshToken), ExpiresIn: r.ExpiresIn}
	if t.ExpiresIn == 0 {
		// cognito-local leaves it out; the token says it too.
		t.ExpiresIn = lifetime(t.AccessToken, time.Now())
	}
	return t
}

// lifetime reads the seconds left before a JWT's exp claim (the token was
// just issued by the pool, so it is not verified here); 3600, Cognito's
// default, when it cannot be read.
func lifetime(jwt string, now time.Time) int32 {
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		return 3600
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return 3600
	}
	var claims struct {
		Exp int64 `json:"exp"`
	}
	if json.Unmarshal(payload, &claims) != nil || claims.Exp <= now.Unix() {
		return 3600
	}
	return int32(min(claims.Exp-now.Unix(), 86400))
}

func attr(as []types.AttributeType, name string) string {
	for _, a := range as {
		if aws.ToString(a.Name) == name {
			return aws.ToString(a.Value)
		}
	}
	return ""
}

func mapError(err error) error {
	if err == nil {
		return nil
	}
	// By error code rather than by type: the SDK only types the errors an
	// operation declares, and cognito-local sometimes answers with others
	// (InvalidPasswordException for a wrong password at login).
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return fmt.Errorf("directory: %w", err)
	}
	switch ae.ErrorCode() {
	case "NotAuthorizedException", "UserNotFoundException":
		return ErrInvalidCredentials
	case "InvalidPasswordException":
		return ErrPasswordPolicy
	case "CodeMismatchException", "ExpiredCodeException":
		return ErrInvalidCode
	case "LimitExceededException", "TooManyFailedAttemptsException":
		// One user's too-frequent codes or attempts: a 429 for them. The
		// pool being throttled as a whole (TooManyRequestsException) is
		// left wrapped below, a dependency fault the API answers 503
		// (shared/faults).
		return ErrTooManyRequests
	case "UsernameExistsException":
		return ErrUserExists
	case "PasswordResetRequiredException":
		return ErrResetRequired
	case "InvalidParameterException":
		return fmt.Errorf("%w: %v", ErrInvalidInput, err)
	}
	return fmt.Errorf("directory: %w", err)
}

// loginError maps a failed sign-in: any password complaint there means the
// password was wrong (cognito-local says InvalidPasswordException where
// Cognito says NotAuthorizedException).
func loginError(err error) error {
	e := mapError(err)
	if errors.Is(e, ErrPasswordPolicy) {
		return ErrInvalidCredentials
	}
	return e
}
