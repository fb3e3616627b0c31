// Package competencyjobs is the competency jobs function: the background
// work of competency development. It takes two kinds of events: HR import
// jobs from an SQS queue (hrimport.Worker) and the monthly EventBridge
// schedule that stores every tenant's JP report (reportjob.Handler).
package competencyjobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"lms/shared/accounts"
	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/directory"
	"lms/shared/employee"
	"lms/shared/hrimport"
	"lms/shared/objectstore"
	"lms/shared/reportjob"
	"lms/shared/tenancy"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

// Handler holds both handlers.
type Handler struct {
	Imports hrimport.Worker
	Reports reportjob.Handler
}

// New builds the handlers from the function's environment.
func New(env appenv.Env) (Handler, error) {
	reports, err := reportjob.New(env)
	if err != nil {
		return Handler{}, err
	}
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	members := tenancy.Store{DB: db, Table: t}
	dir := directory.Cognito{Client: cognitoidentityprovider.NewFromConfig(env.AWS), PoolID: env.Config.UserPoolID,
		ClientID: env.Config.UserPoolClientID, SendInvites: env.Config.SendInviteEmails}
	acc := accounts.Service{Store: members, Dir: dir, Invites: env.Config.SendInviteEmails, Now: func() time.Time { return env.Clock.Now() }}
	w := hrimport.Worker{
		Importer:  hrimport.Importer{Employees: employee.Store{DB: db, Table: t}, Accounts: acc, Log: env.Log, Workers: 8},
		Jobs:      hrimport.JobStore{DB: db, Table: t},
		Objects:   objectstore.New(awsclient.S3(env.AWS, env.Config.S3UsePathStyle), env.Config.MaterialsBucket),
		Audit:     members,
		Now:       env.Clock.Now,
		Log:       env.Log,
		FileLimit: 8 << 20, MaxReceives: env.Config.EmployeeImportMaxReceives,
	}
	return Handler{Imports: w, Reports: reports}, nil
}

// Invoke tells the two kinds of events apart (an SQS event has Records)
// and hands each to its handler.
func (h Handler) Invoke(ctx context.Context, raw json.RawMessage) (any, error) {
	var probe struct {
		Records []json.RawMessage `json:"Records"`
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, fmt.Errorf("competencyjobs: event: %w", err)
	}
	if probe.Records != nil {
		var e events.SQSEvent
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, err
		}
		return h.Imports.Handle(ctx, e)
	}
	var e events.EventBridgeEvent
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, err
	}
	return nil, h.Reports.Handle(ctx, e)
}
