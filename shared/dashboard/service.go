package dashboard

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"lms/shared/batch"
	"lms/shared/claim"
	"lms/shared/employee"
	"lms/shared/jp"
	"lms/shared/spreadsheet"
)

// Service reads a tenant's figures and computes its dashboard; it also
// stores the monthly reports (XLSX in S3, a record in DynamoDB).
type Service struct {
	Employees employee.Store
	Ledger    jp.Store
	Batches   batch.Store
	Claims    claim.Store
	Reports   ReportStore
	Objects   Objects
}

// Objects is what the service needs of the bucket.
type Objects interface {
	Put(ctx context.Context, key string, body []byte, contentType string) error
}

// Compute reads everything a tenant's dashboard of a year needs and
// computes it: one Query each for units, roster and totals (per MB),
// one for the year's batches and one per batch (8 at a time), one count
// of pending claims.
func (s Service) Compute(ctx context.Context, t string, year int, now time.Time) (Dashboard, error) {
	in := Input{Year: year, Now: now}
	var err error
	if in.Units, err = s.Employees.Units(ctx, t); err != nil {
		return Dashboard{}, err
	}
	if in.Employees, err = s.Employees.All(ctx, t); err != nil {
		return Dashboard{}, err
	}
	if in.Totals, err = s.Ledger.Totals(ctx, t, year); err != nil {
		return Dashboard{}, err
	}
	batches, err := s.Batches.StartingIn(ctx, t, year)
	if err != nil {
		return Dashboard{}, err
	}
	in.Trainings = make([]Training, len(batches))
	var wg sync.WaitGroup
	errs := make([]error, len(batches))
	sem := make(chan struct{}, 8)
	for i, b := range batches {
		in.Trainings[i].Batch = b
		if b.Status == batch.StatusDraft {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			in.Trainings[i].Stats, errs[i] = s.Batches.Stats(ctx, t, b.ID)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Dashboard{}, err
	}
	if in.ClaimsPending, err = s.Claims.CountQueue(ctx, t, claim.Submitted); err != nil {
		return Dashboard{}, err
	}
	return Compute(in), nil
}

// Report is a stored monthly report.
type Report struct {
	TenantID    string    `dynamodbav:"tenantId" json:"-"`
	Period      string    `dynamodbav:"period" json:"period"` // YYYY-MM
	Key         string    `dynamodbav:"key" json:"-"`
	GeneratedAt time.Time `dynamodbav:"generatedAt" json:"generatedAt"`
	GeneratedBy string    `dynamodbav:"generatedBy" json:"generatedBy"` // a user id, or "schedule"
	Employees   int       `dynamodbav:"employees" json:"employees"`
	Reached     int       `dynamodbav:"reached" json:"reached"`
	Share       float64   `dynamodbav:"share" json:"share"`
	Bytes       int       `dynamodbav:"bytes" json:"bytes"`
}

// ReportKey is where a period's workbook is stored.
func ReportKey(t, period string) string { return "reports/" + t + "/laporan-jp-" + period + ".xlsx" }

// Period names a month ("2026-10").
func Period(year, month int) string { return fmt.Sprintf("%04d-%02d", year, month) }

// ErrReportExists means the period's report was already stored (a
// schedule that fires twice writes it once).
var ErrReportExists = errors.New("dashboard: report exists")

// Generate computes the dashboard of the period's year, stores its
// workbook and records it. With once, an existing record of the period
// wins (ErrReportExists) and nothing is written; without, the report is
// replaced (an admin regenerating it).
func (s Service) Generate(ctx context.Context, t string, year, month int, by string, once bool, now time.Time) (Report, error) {
	period := Period(year, month)
	if once {
		if r, err := s.Reports.Get(ctx, t, period); err == nil {
			return r, ErrReportExists
		} else if !errors.Is(err, ErrReportNotFound) {
			return Report{}, err
		}
	}
	d, err := s.Compute(ctx, t, year, now)
	if err != nil {
		return Report{}, err
	}
	var buf bytes.Buffer
	if err := spreadsheet.WriteBook(&buf, Sheets(d)); err != nil {
		return Report{}, err
	}
	r := Report{TenantID: t, Period: period, Key: ReportKey(t, period), GeneratedAt: now.UTC(), GeneratedBy: by,
		Employees: d.Employees, Reached: d.Reached, Share: d.Share, Bytes: buf.Len()}
	if err := s.Objects.Put(ctx, r.Key, buf.Bytes(), spreadsheet.XLSXType); err != nil {
		return Report{}, err
	}
	if err := s.Reports.Put(ctx, r, once); err != nil {
		return r, err
	}
	return r, nil
}

// ReportStore keeps report records.
//
//	report  PK TENANT#{t}#REPORTS  SK {YYYY-MM}
type ReportStore struct {
	DB interface {
		GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
		PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
		Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	}
	Table string
}

// ErrReportNotFound means no report of the period.
var ErrReportNotFound = errors.New("dashboard: report not found")

func reportKey(t, period string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: "TENANT#" + t + "#REPORTS"},
		"SK": &types.AttributeValueMemberS{Value: period}}
}

// Put records a report; with once, only if the period has none yet.
func (st ReportStore) Put(ctx context.Context, r Report, once bool) error {
	it, err := attributevalue.MarshalMap(r)
	if err != nil {
		return err
	}
	for k, v := range reportKey(r.TenantID, r.Period) {
		it[k] = v
	}
	it["type"] = &types.AttributeValueMemberS{Value: "jp-report"}
	in := &dynamodb.PutItemInput{TableName: aws.String(st.Table), Item: it}
	if once {
		in.ConditionExpression = aws.String("attribute_not_exists(PK)")
	}
	_, err = st.DB.PutItem(ctx, in)
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return ErrReportExists
	}
	if err != nil {
		return fmt.Errorf("dashboard: put report: %w", err)
	}
	return nil
}

// Get reads a period's report record.
func (st ReportStore) Get(ctx context.Context, t, period string) (Report, error) {
	out, err := st.DB.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(st.Table), Key: reportKey(t, period), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return Report{}, fmt.Errorf("dashboard: get report: %w", err)
	}
	if out.Item == nil {
		return Report{}, ErrReportNotFound
	}
	var r Report
	err = attributevalue.UnmarshalMap(out.Item, &r)
	r.TenantID = t
	return r, err
}

// List reads a tenant's reports, newest first (at most 120: ten years).
func (st ReportStore) List(ctx context.Context, t string) ([]Report, error) {
	out, err := st.DB.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(st.Table), KeyConditionExpression: aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: "TENANT#" + t + "#REPORTS"}},
		ScanIndexForward:          aws.Bool(false), Limit: aws.Int32(120)})
	if err != nil {
		return nil, fmt.Errorf("dashboard: reports: %w", err)
	}
	reports := make([]Report, 0, len(out.Items))
	for _, raw := range out.Items {
		var r Report
		if err := attributevalue.UnmarshalMap(raw, &r); err != nil {
			return nil, err
		}
		r.TenantID = t
		reports = append(reports, r)
	}
	return reports, nil
}
