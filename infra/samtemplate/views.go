package samtemplate

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Function is an AWS::Serverless::Function with Globals applied.
type Function struct {
	LogicalID string
	// Name is the function's short name: AuthFunction -> "auth". It is
	// also its folder under functions/.
	Name string
	// Env holds the environment variables (Globals then the function's own).
	Env map[string]*yaml.Node
	// TimeoutSeconds is the function's timeout.
	TimeoutSeconds int
	// MaxRetries is EventInvokeConfig.MaximumRetryAttempts (asynchronous
	// invocations); Lambda's default is 2.
	MaxRetries int
	// DeadLetterQueue is the logical id of the queue in DeadLetterQueue.TargetArn.
	DeadLetterQueue string
	Routes          []Route
	// Topics are the logical ids of the SNS topics the function subscribes to.
	Topics []string
	// Queues are the function's SQS event sources.
	Queues []QueueSource
	// Schedules are the function's EventBridge schedules (Schedule or
	// ScheduleV2 events), by event name.
	Schedules []ScheduleSource
}

// ScheduleSource is a scheduled event of a function.
type ScheduleSource struct {
	Name       string // the event's name in the template
	Expression string // cron(...) or rate(...)
	Timezone   string // ScheduleExpressionTimezone (ScheduleV2), "" for UTC
}

// QueueSource is an SQS event of a function.
type QueueSource struct {
	Queue     string // logical id
	BatchSize int
	// ReportFailures is FunctionResponseTypes: [ReportBatchItemFailures].
	ReportFailures bool
	// BatchingWindow is MaximumBatchingWindowInSeconds: how long Lambda
	// gathers messages before invoking with fewer than BatchSize.
	BatchingWindow int
}

// Queue is an SQS queue's delivery settings.
type Queue struct {
	LogicalID string
	// VisibilityTimeout is how long a received message stays hidden.
	VisibilityTimeout int
	// MaxReceiveCount and DeadLetter come from the RedrivePolicy.
	MaxReceiveCount int
	DeadLetter      string
}

// Queue returns a queue's settings (SQS defaults where the template is silent).
func (t *Template) Queue(logicalID string) (Queue, error) {
	r, ok := t.Resources[logicalID]
	if !ok || r.Type != "AWS::SQS::Queue" {
		return Queue{}, fmt.Errorf("samtemplate: %s is not an SQS queue", logicalID)
	}
	q := Queue{LogicalID: logicalID, VisibilityTimeout: 30}
	for _, f := range []struct {
		node *yaml.Node
		dst  *int
	}{{child(r.Properties, "VisibilityTimeout"), &q.VisibilityTimeout}, {Path(r.Properties, "RedrivePolicy", "maxReceiveCount"), &q.MaxReceiveCount}} {
		if f.node == nil {
			continue
		}
		v, err := strconv.Atoi(f.node.Value)
		if err != nil {
			return Queue{}, fmt.Errorf("samtemplate: %s: %w", logicalID, err)
		}
		*f.dst = v
	}
	if n := Path(r.Properties, "RedrivePolicy", "deadLetterTargetArn"); n != nil {
		q.DeadLetter = refTarget(n)
	}
	return q, nil
}

// Route is an HttpApi event of a function.
type Route struct {
	Method   string
	Path     string
	Public   bool
	Function string // logical id
}

// Functions returns the template's functions in file order.
func (t *Template) Functions() ([]Function, error) {
	var out []Function
	for _, r := range t.OfType("AWS::Serverless::Function") {
		f := Function{LogicalID: r.LogicalID, Name: strings.ToLower(strings.TrimSuffix(r.LogicalID, "Function")),
			Env: map[string]*yaml.Node{}, TimeoutSeconds: 3, MaxRetries: 2}
		for _, src := range []*yaml.Node{t.GlobalFunction, r.Properties} {
			vars := Path(src, "Environment", "Variables")
			for i := 0; vars != nil && i+1 < len(vars.Content); i += 2 {
				f.Env[vars.Content[i].Value] = vars.Content[i+1]
			}
			if n := child(src, "Timeout"); n != nil {
				v, err := strconv.Atoi(n.Value)
				if err != nil {
					return nil, fmt.Errorf("samtemplate: %s Timeout: %w", r.LogicalID, err)
				}
				f.TimeoutSeconds = v
			}
		}
		if n := Path(r.Properties, "EventInvokeConfig", "MaximumRetryAttempts"); n != nil {
			v, err := strconv.Atoi(n.Value)
			if err != nil {
				return nil, fmt.Errorf("samtemplate: %s MaximumRetryAttempts: %w", r.LogicalID, err)
			}
			f.MaxRetries = v
		}
		if n := Path(r.Properties, "DeadLetterQueue", "TargetArn"); n != nil {
			f.DeadLetterQueue = refTarget(n)
		}
		events := child(r.Properties, "Events")
		for i := 0; events != nil && i+1 < len(events.Content); i += 2 {
			ev := events.Content[i+1]
			props := child(ev, "Properties")
			switch typ := child(ev, "Type"); {
			case typ == nil:
				return nil, fmt.Errorf("samtemplate: %s event %s has no Type", r.LogicalID, events.Content[i].Value)
			case typ.Value == "HttpApi":
				rt := Route{Function: r.LogicalID}
				if n := child(props, "Method"); n != nil {
					rt.Method = strings.ToUpper(n.Value)
				}
				if n := child(props, "Path"); n != nil {
					rt.Path = n.Value
				}
				if n := Path(props, "Auth", "Authorizer"); n != nil && n.Value == "NONE" {
					rt.Public = true
				}
				if rt.Method == "" || rt.Path == "" {
					return nil, fmt.Errorf("samtemplate: %s event %s needs Method and Path", r.LogicalID, events.Content[i].Value)
				}
				f.Routes = append(f.Routes, rt)
			case typ.Value == "SNS":
				if n := child(props, "Topic"); n != nil {
					f.Topics = append(f.Topics, refTarget(n))
				}
			case typ.Value == "SQS":
				src := QueueSource{BatchSize: 10}
				if n := child(props, "Queue"); n != nil {
					src.Queue = refTarget(n)
				}
				if n := child(props, "BatchSize"); n != nil {
					v, err := strconv.Atoi(n.Value)
					if err != nil {
						return nil, fmt.Errorf("samtemplate: %s BatchSize: %w", r.LogicalID, err)
					}
					src.BatchSize = v
				}
				if n := child(props, "MaximumBatchingWindowInSeconds"); n != nil {
					v, err := strconv.Atoi(n.Value)
					if err != nil {
						return nil, fmt.Errorf("samtemplate: %s MaximumBatchingWindowInSeconds: %w", r.LogicalID, err)
					}
					src.BatchingWindow = v
				}
				if n := child(props, "FunctionResponseTypes"); n != nil {
					for _, v := range n.Content {
						src.ReportFailures = src.ReportFailures || v.Value == "ReportBatchItemFailures"
					}
				}
				if src.Queue == "" {
					return nil, fmt.Errorf("samtemplate: %s event %s needs a Queue", r.LogicalID, events.Content[i].Value)
				}
				f.Queues = append(f.Queues, src)
			case typ.Value == "Schedule" || typ.Value == "ScheduleV2":
				src := ScheduleSource{Name: events.Content[i].Value}
				key := "Schedule"
				if typ.Value == "ScheduleV2" {
					key = "ScheduleExpression"
				}
				if n := child(props, key); n != nil {
					src.Expression = n.Value
				}
				if n := child(props, "ScheduleExpressionTimezone"); n != nil {
					src.Timezone = n.Value
				}
				if src.Expression == "" {
					return nil, fmt.Errorf("samtemplate: %s event %s needs a schedule expression", r.LogicalID, src.Name)
				}
				f.Schedules = append(f.Schedules, src)
			default:
				return nil, fmt.Errorf("samtemplate: %s event type %s is not supported locally", r.LogicalID, typ.Value)
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// Routes returns every HttpApi route of every function.
func (t *Template) Routes() ([]Route, error) {
	fns, err := t.Functions()
	if err != nil {
		return nil, err
	}
	var out []Route
	for _, f := range fns {
		out = append(out, f.Routes...)
	}
	return out, nil
}

// refTarget returns the logical id named by !Ref X or !GetAtt X.Attr.
func refTarget(n *yaml.Node) string {
	fn, arg, ok := intrinsic(n)
	if !ok {
		return n.Value
	}
	switch fn {
	case "Ref":
		return arg.Value
	case "Fn::GetAtt":
		if arg.Kind == yaml.ScalarNode {
			id, _, _ := strings.Cut(arg.Value, ".")
			return id
		}
		if len(arg.Content) > 0 {
			return arg.Content[0].Value
		}
	}
	return ""
}

// JWTAuthorizer is the HttpApi's default JWT authorizer.
type JWTAuthorizer struct {
	Name     string
	Issuer   *yaml.Node
	Audience *yaml.Node
}

// DefaultAuthorizer returns the HttpApi's default authorizer.
func (t *Template) DefaultAuthorizer() (JWTAuthorizer, error) {
	apis := t.OfType("AWS::Serverless::HttpApi")
	if len(apis) != 1 {
		return JWTAuthorizer{}, fmt.Errorf("samtemplate: expected one HttpApi, found %d", len(apis))
	}
	auth := child(apis[0].Properties, "Auth")
	def := child(auth, "DefaultAuthorizer")
	if def == nil {
		return JWTAuthorizer{}, fmt.Errorf("samtemplate: the HttpApi has no DefaultAuthorizer")
	}
	jwt := Path(auth, "Authorizers", def.Value, "JwtConfiguration")
	if jwt == nil {
		return JWTAuthorizer{}, fmt.Errorf("samtemplate: authorizer %s has no JwtConfiguration", def.Value)
	}
	return JWTAuthorizer{Name: def.Value, Issuer: child(jwt, "issuer"), Audience: child(jwt, "audience")}, nil
}

// TopicNotification is one entry of a bucket's TopicConfigurations.
type TopicNotification struct {
	Bucket string // logical id
	Event  string // e.g. s3:ObjectCreated:*
	Prefix string
	Suffix string
	Topic  string // logical id
}

// TopicNotifications returns the S3-to-SNS notifications of every bucket.
func (t *Template) TopicNotifications() []TopicNotification {
	var out []TopicNotification
	for _, b := range t.OfType("AWS::S3::Bucket") {
		cfgs := Path(b.Properties, "NotificationConfiguration", "TopicConfigurations")
		if cfgs == nil {
			continue
		}
		for _, c := range cfgs.Content {
			n := TopicNotification{Bucket: b.LogicalID, Topic: refTarget(child(c, "Topic"))}
			if e := child(c, "Event"); e != nil {
				n.Event = e.Value
			}
			if rules := Path(c, "Filter", "S3Key", "Rules"); rules != nil {
				for _, rule := range rules.Content {
					name, val := child(rule, "Name"), child(rule, "Value")
					if name == nil || val == nil {
						continue
					}
					switch strings.ToLower(name.Value) {
					case "prefix":
						n.Prefix = val.Value
					case "suffix":
						n.Suffix = val.Value
					}
				}
			}
			out = append(out, n)
		}
	}
	return out
}

// Matches reports whether an S3 event name ("ObjectCreated:Put", with or
// without the "s3:" prefix) for key fires this notification.
func (n TopicNotification) Matches(eventName, key string) bool {
	want := strings.TrimPrefix(n.Event, "s3:")
	got := strings.TrimPrefix(eventName, "s3:")
	if strings.HasSuffix(want, ":*") {
		if !strings.HasPrefix(got, strings.TrimSuffix(want, "*")) {
			return false
		}
	} else if want != got {
		return false
	}
	return strings.HasPrefix(key, n.Prefix) && strings.HasSuffix(key, n.Suffix)
}
