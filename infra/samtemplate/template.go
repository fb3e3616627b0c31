// Package samtemplate reads template.yaml so that the local stack creates
// exactly what the template declares (tables, buckets, user pool, routes,
// triggers) instead of keeping a second copy that could drift.
//
// It understands the subset of CloudFormation the template uses: both forms
// of the intrinsic functions Ref, Fn::Sub, Fn::GetAtt, Fn::If, Fn::Join,
// Fn::Select, Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition, resource
// conditions, parameters and the SAM Globals section for functions.
package samtemplate

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// Template is a parsed SAM template.
type Template struct {
	Parameters map[string]Parameter
	Conditions map[string]*yaml.Node
	Resources  map[string]Resource
	// Order lists resource logical ids in file order.
	Order []string
	// GlobalFunction is Globals.Function.
	GlobalFunction *yaml.Node
}

// Parameter is a template parameter.
type Parameter struct {
	Type    string `yaml:"Type"`
	Default string `yaml:"Default"`
}

// Resource is one resource; Properties stays a node until evaluated.
type Resource struct {
	LogicalID  string
	Type       string
	Condition  string
	Properties *yaml.Node
	Metadata   *yaml.Node
}

// Load reads and parses a template file.
func Load(path string) (*Template, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Parse parses template text.
func Parse(data []byte) (*Template, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("samtemplate: %w", err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("samtemplate: the document is not a mapping")
	}
	root := doc.Content[0]
	t := &Template{Parameters: map[string]Parameter{}, Conditions: map[string]*yaml.Node{}, Resources: map[string]Resource{}}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i].Value, root.Content[i+1]
		switch key {
		case "Parameters":
			if err := val.Decode(&t.Parameters); err != nil {
				return nil, fmt.Errorf("samtemplate: Parameters: %w", err)
			}
		case "Conditions":
			for j := 0; j+1 < len(val.Content); j += 2 {
				t.Conditions[val.Content[j].Value] = val.Content[j+1]
			}
		case "Globals":
			t.GlobalFunction = child(val, "Function")
		case "Resources":
			for j := 0; j+1 < len(val.Content); j += 2 {
				id, body := val.Content[j].Value, val.Content[j+1]
				r := Resource{LogicalID: id, Properties: child(body, "Properties"), Metadata: child(body, "Metadata")}
				if n := child(body, "Type"); n != nil {
					r.Type = n.Value
				}
				if n := child(body, "Condition"); n != nil {
					r.Condition = n.Value
				}
				t.Resources[id] = r
				t.Order = append(t.Order, id)
			}
		}
	}
	return t, nil
}

// child returns the value of key in a mapping node, or nil.
func child(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// Path walks nested mapping keys from n.
func Path(n *yaml.Node, keys ...string) *yaml.Node {
	for _, k := range keys {
		n = child(n, k)
	}
	return n
}

// OfType returns the resources of a type in file order.
func (t *Template) OfType(typ string) []Resource {
	var out []Resource
	for _, id := range t.Order {
		if r := t.Resources[id]; r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Context is what intrinsic functions resolve against.
type Context struct {
	// Params overrides parameter defaults.
	Params map[string]string
	// Pseudo holds AWS::Region, AWS::AccountId, AWS::StackName, ...
	Pseudo map[string]string
	// Refs maps a logical id to what Ref returns for it.
	Refs map[string]string
	// Attrs maps "LogicalId.Attribute" to what Fn::GetAtt returns.
	Attrs map[string]string
}

// Param returns a parameter's effective value.
func (t *Template) Param(c *Context, name string) (string, bool) {
	if v, ok := c.Params[name]; ok {
		return v, true
	}
	p, ok := t.Parameters[name]
	return p.Default, ok
}

// Eval evaluates a node into plain values (string, bool, float64, []any,
// map[string]any). Fn::If evaluates only the branch taken, so the local
// stack need not know values that only the cloud has.
func (t *Template) Eval(n *yaml.Node, c *Context) (any, error) {
	if n == nil {
		return nil, nil
	}
	if fn, arg, ok := intrinsic(n); ok {
		return t.evalIntrinsic(fn, arg, c)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		return v, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := t.Eval(e, c)
			if err != nil {
				return nil, err
			}
			if v == noValue {
				continue
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := t.Eval(n.Content[i+1], c)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", n.Content[i].Value, err)
			}
			if v == noValue {
				continue
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	case yaml.AliasNode:
		return t.Eval(n.Alias, c)
	}
	return nil, fmt.Errorf("samtemplate: unsupported node kind %v", n.Kind)
}

// EvalString evaluates a node that must yield a string.
func (t *Template) EvalString(n *yaml.Node, c *Context) (string, error) {
	v, err := t.Eval(n, c)
	if err != nil {
		return "", err
	}
	switch s := v.(type) {
	case string:
		return s, nil
	case nil:
		return "", nil
	case bool, int, float64:
		return fmt.Sprint(s), nil
	}
	return "", fmt.Errorf("samtemplate: expected a string, got %T", v)
}

// EvalInto evaluates a node and decodes the result into dst through JSON,
// so typed views can use ordinary struct tags.
func (t *Template) EvalInto(n *yaml.Node, c *Context, dst any) error {
	v, err := t.Eval(n, c)
	if err != nil {
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}

type noValueT struct{}

// noValue is what AWS::NoValue evaluates to: the key or element disappears.
var noValue = &noValueT{}

// intrinsic recognises "!Tag arg" and {"Fn::Tag": arg} forms.
func intrinsic(n *yaml.Node) (fn string, arg *yaml.Node, ok bool) {
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		name := strings.TrimPrefix(n.Tag, "!")
		arg := *n
		arg.Tag = ""
		if n.Kind == yaml.ScalarNode {
			arg.Tag = "!!str"
		}
		if name == "Ref" || name == "Condition" {
			return name, &arg, true
		}
		return "Fn::" + name, &arg, true
	}
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		k := n.Content[0].Value
		if k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::") {
			return k, n.Content[1], true
		}
	}
	return "", nil, false
}

func (t *Template) evalIntrinsic(fn string, arg *yaml.Node, c *Context) (any, error) {
	switch fn {
	case "Ref":
		return t.ref(arg.Value, c)
	case "Fn::GetAtt":
		var parts []string
		if arg.Kind == yaml.ScalarNode {
			parts = strings.SplitN(arg.Value, ".", 2)
		} else {
			for _, e := range arg.Content {
				s, err := t.EvalString(e, c)
				if err != nil {
					return nil, err
				}
				parts = append(parts, s)
			}
		}
		if len(parts) != 2 {
			return nil, fmt.Errorf("samtemplate: bad Fn::GetAtt %v", parts)
		}
		return t.getAtt(parts[0], parts[1], c)
	case "Fn::Sub":
		return t.sub(arg, c)
	case "Fn::If":
		if arg.Kind != yaml.SequenceNode || len(arg.Content) != 3 {
			return nil, fmt.Errorf("samtemplate: Fn::If takes [condition, then, else]")
		}
		ok, err := t.Condition(arg.Content[0].Value, c)
		if err != nil {
			return nil, err
		}
		if ok {
			return t.Eval(arg.Content[1], c)
		}
		return t.Eval(arg.Content[2], c)
	case "Fn::Join":
		if arg.Kind != yaml.SequenceNode || len(arg.Content) != 2 {
			return nil, fmt.Errorf("samtemplate: Fn::Join takes [separator, list]")
		}
		list, err := t.Eval(arg.Content[1], c)
		if err != nil {
			return nil, err
		}
		items, _ := list.([]any)
		strs := make([]string, len(items))
		for i, it := range items {
			strs[i] = fmt.Sprint(it)
		}
		return strings.Join(strs, arg.Content[0].Value), nil
	case "Fn::Select":
		if arg.Kind != yaml.SequenceNode || len(arg.Content) != 2 {
			return nil, fmt.Errorf("samtemplate: Fn::Select takes [index, list]")
		}
		var idx int
		if err := arg.Content[0].Decode(&idx); err != nil {
			return nil, err
		}
		list, err := t.Eval(arg.Content[1], c)
		if err != nil {
			return nil, err
		}
		items, _ := list.([]any)
		if idx < 0 || idx >= len(items) {
			return nil, fmt.Errorf("samtemplate: Fn::Select index %d out of range", idx)
		}
		return items[idx], nil
	case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition":
		return t.condition(fn, arg, c)
	}
	return nil, fmt.Errorf("samtemplate: unsupported intrinsic %s", fn)
}

func (t *Template) ref(name string, c *Context) (any, error) {
	if name == "AWS::NoValue" {
		return noValue, nil
	}
	if v, ok := c.Pseudo[name]; ok {
		return v, nil
	}
	if _, ok := t.Parameters[name]; ok {
		v, _ := t.Param(c, name)
		return v, nil
	}
	if v, ok := c.Refs[name]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("samtemplate: no local value for Ref %s", name)
}

func (t *Template) getAtt(res, attr string, c *Context) (any, error) {
	if v, ok := c.Attrs[res+"."+attr]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("samtemplate: no local value for Fn::GetAtt %s.%s", res, attr)
}

func (t *Template) sub(arg *yaml.Node, c *Context) (any, error) {
	text := arg.Value
	vars := map[string]string{}
	if arg.Kind == yaml.SequenceNode {
		if len(arg.Content) != 2 {
			return nil, fmt.Errorf("samtemplate: Fn::Sub takes a string or [string, vars]")
		}
		text = arg.Content[0].Value
		m := arg.Content[1]
		for i := 0; i+1 < len(m.Content); i += 2 {
			s, err := t.EvalString(m.Content[i+1], c)
			if err != nil {
				return nil, err
			}
			vars[m.Content[i].Value] = s
		}
	}
	var b strings.Builder
	for {
		start := strings.Index(text, "${")
		if start < 0 {
			b.WriteString(text)
			break
		}
		end := strings.Index(text[start:], "}")
		if end < 0 {
			return nil, fmt.Errorf("samtemplate: unclosed ${ in Fn::Sub %q", arg.Value)
		}
		b.WriteString(text[:start])
		name := text[start+2 : start+end]
		text = text[start+end+1:]
		if strings.HasPrefix(name, "!") { // ${!Literal}
			b.WriteString("${" + name[1:] + "}")
			continue
		}
		if v, ok := vars[name]; ok {
			b.WriteString(v)
			continue
		}
		var v any
		var err error
		if res, attr, dotted := strings.Cut(name, "."); dotted && !strings.HasPrefix(name, "AWS::") {
			v, err = t.getAtt(res, attr, c)
		} else {
			v, err = t.ref(name, c)
		}
		if err != nil {
			return nil, err
		}
		b.WriteString(fmt.Sprint(v))
	}
	return b.String(), nil
}

// Condition evaluates a named condition.
func (t *Template) Condition(name string, c *Context) (bool, error) {
	n, ok := t.Conditions[name]
	if !ok {
		return false, fmt.Errorf("samtemplate: unknown condition %s", name)
	}
	v, err := t.Eval(n, c)
	if err != nil {
		return false, fmt.Errorf("samtemplate: condition %s: %w", name, err)
	}
	b, ok := v.(bool)
	if !ok {
		return false, fmt.Errorf("samtemplate: condition %s is not a boolean", name)
	}
	return b, nil
}

func (t *Template) condition(fn string, arg *yaml.Node, c *Context) (any, error) {
	if fn == "Condition" {
		return t.Condition(arg.Value, c)
	}
	var vals []any
	for _, e := range arg.Content {
		v, err := t.Eval(e, c)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	switch fn {
	case "Fn::Equals":
		if len(vals) != 2 {
			return nil, fmt.Errorf("samtemplate: Fn::Equals takes two values")
		}
		return fmt.Sprint(vals[0]) == fmt.Sprint(vals[1]), nil
	case "Fn::Not":
		if len(vals) != 1 {
			return nil, fmt.Errorf("samtemplate: Fn::Not takes one condition")
		}
		b, ok := vals[0].(bool)
		return !b, boolErr(ok)
	case "Fn::And", "Fn::Or":
		all, any_ := true, false
		for _, v := range vals {
			b, ok := v.(bool)
			if !ok {
				return nil, boolErr(false)
			}
			all, any_ = all && b, any_ || b
		}
		if fn == "Fn::And" {
			return all, nil
		}
		return any_, nil
	}
	return nil, fmt.Errorf("samtemplate: unsupported condition function %s", fn)
}

func boolErr(ok bool) error {
	if ok {
		return nil
	}
	return fmt.Errorf("samtemplate: condition operand is not a boolean")
}

// Enabled reports whether a resource is created under the context.
func (t *Template) Enabled(r Resource, c *Context) (bool, error) {
	if r.Condition == "" {
		return true, nil
	}
	return t.Condition(r.Condition, c)
}
