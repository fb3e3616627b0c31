// Package bodyfuzz is the shared half of the API packages' fuzz targets
// for request bodies: each package lists the types its handlers decode
// (Body), fuzzes them through httpapi.DecodeJSON with Check, and proves
// with RequireListed that the list names every type a handler decodes, so
// a new request type cannot escape the fuzzing. Only tests import it.
package bodyfuzz

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"lms/shared/httpapi"
	"lms/shared/i18n"
)

// Body is one request body type as a handler decodes it.
type Body struct {
	// New returns a pointer to a zero value of the type.
	New func() any
	// Limit is the handler's size limit (the third argument of DecodeJSON).
	Limit int64
	// Optional: a handler decodes it with DecodeOptionalJSON (no body is
	// allowed), perhaps besides DecodeJSON; Check then tries both.
	Optional bool
}

// Name is the type's name as written in the handler's source, spaces and
// struct tags left out: "credentials", "struct{}", "struct{Versionint}".
func (b Body) Name() string {
	t := reflect.TypeOf(b.New()).Elem()
	if t.Name() != "" {
		return t.Name()
	}
	if t.Kind() == reflect.Struct {
		fields := make([]string, t.NumField())
		for i := range fields {
			fields[i] = t.Field(i).Name + t.Field(i).Type.String()
		}
		return "struct{" + strings.Join(fields, ";") + "}"
	}
	return strings.ReplaceAll(t.String(), " ", "")
}

// Seeds adds, for every body, a few starting points: the zero value as
// JSON, the same with an unknown field, an empty body, an oversized one and
// a wrong content type.
func Seeds(f *testing.F, bodies []Body) {
	for i, b := range bodies {
		zero, err := json.Marshal(b.New())
		if err != nil {
			f.Fatalf("%s: %v", b.Name(), err)
		}
		w := uint8(i)
		f.Add(w, "application/json", zero)
		f.Add(w, "application/json; charset=utf-8", append(bytes.TrimSuffix(zero, []byte("}")), []byte(`,"zzUnknown":1}`)...))
		f.Add(w, "", []byte(""))
		f.Add(w, "text/plain", zero)
		f.Add(w, "application/json", append(zero, ' ', '{', '}'))
		f.Add(w, "application/json", bytes.Repeat([]byte(" "), int(b.Limit)+1))
	}
}

// Pick returns the body a fuzzed selector names.
func Pick(bodies []Body, which uint8) Body { return bodies[int(which)%len(bodies)] }

// refusals are the codes DecodeJSON may answer with, each with its status.
var refusals = map[string]int{
	"invalid_json":           http.StatusBadRequest,
	"unknown_field":          http.StatusBadRequest,
	"body_required":          http.StatusBadRequest,
	"validation_failed":      http.StatusBadRequest,
	"body_too_large":         http.StatusRequestEntityTooLarge,
	"unsupported_media_type": http.StatusUnsupportedMediaType,
}

// Check decodes data, sent with contentType, into a fresh value of b's type
// the way the handler does, and holds the outcome to these properties:
//   - a refusal is an *httpapi.Error with one of DecodeJSON's codes and
//     statuses, whose message renders in both languages and whose answer
//     (the error shape) encodes;
//   - a body over the limit, or with a content type other than JSON, is
//     always refused;
//   - an accepted body is valid JSON of at most Limit bytes whose every
//     object key names a field of the type (no unknown field slips
//     through), and the decoded value survives a round trip: encoded and
//     decoded again it is the same value.
func Check(t *testing.T, b Body, contentType string, data []byte) {
	t.Helper()
	check(t, b, false, contentType, data)
	if b.Optional {
		check(t, b, true, contentType, data)
	}
}

func check(t *testing.T, b Body, optional bool, contentType string, data []byte) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(data))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	} else {
		r.Header.Del("Content-Type")
	}
	v := b.New()
	var err error
	if optional {
		err = httpapi.DecodeOptionalJSON(r, v, b.Limit)
	} else {
		err = httpapi.DecodeJSON(r, v, b.Limit)
	}
	jsonType := contentType == "" || isJSONType(contentType)
	if err != nil {
		var e *httpapi.Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: refusal %v is %T, not *httpapi.Error", b.Name(), err, err)
		}
		if status, ok := refusals[e.Code]; !ok || status != e.Status {
			t.Fatalf("%s: refusal %s with status %d", b.Name(), e.Code, e.Status)
		}
		for _, lang := range []i18n.Lang{i18n.Indonesian, i18n.English} {
			if msg := i18n.Text(lang, e.Code, e.Data); msg == "" || msg == e.Code || strings.Contains(withoutValues(msg, e.Data), "{{") {
				t.Fatalf("%s: message of %s in %s is %q", b.Name(), e.Code, lang, msg)
			}
		}
		if _, err := json.Marshal(httpapi.Body{Error: httpapi.BodyError{Code: e.Code, Message: "m", Details: e.Details}}); err != nil {
			t.Fatalf("%s: the error shape of %s does not encode: %v", b.Name(), e.Code, err)
		}
		return
	}
	// DecodeOptionalJSON takes JSON white space alone as no body.
	empty := len(bytes.Trim(data, " \t\r\n")) == 0
	switch {
	case optional && empty:
		return
	case int64(len(data)) > b.Limit:
		t.Fatalf("%s: %d bytes accepted over the %d-byte limit", b.Name(), len(data), b.Limit)
	case !jsonType:
		t.Fatalf("%s: accepted with Content-Type %q", b.Name(), contentType)
	case !json.Valid(data):
		t.Fatalf("%s: accepted invalid JSON %q", b.Name(), data)
	}
	var generic any
	if err := json.Unmarshal(data, &generic); err != nil {
		t.Fatalf("%s: %v", b.Name(), err)
	}
	if path, ok := unknownKey(reflect.TypeOf(v).Elem(), generic, ""); !ok {
		t.Fatalf("%s: accepted unknown field %q in %q", b.Name(), path, data)
	}
	again, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: decoded value does not encode: %v", b.Name(), err)
	}
	if int64(len(again)) > b.Limit {
		return // escaping (< becomes \u003c) can make the same value longer than the limit
	}
	r2 := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(again))
	r2.Header.Set("Content-Type", "application/json")
	v2 := b.New()
	if err := httpapi.DecodeJSON(r2, v2, b.Limit); err != nil {
		t.Fatalf("%s: re-encoded value %s refused: %v", b.Name(), again, err)
	}
	if third, _ := json.Marshal(v2); !bytes.Equal(third, again) {
		t.Fatalf("%s: round trip changed the value:\n  %s\n  %s", b.Name(), again, third)
	}
}

func isJSONType(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "application/json")
}

// unknownKey walks decoded JSON against the Go type it was decoded into
// and reports the first object key that matches no field (as encoding/json
// matches: exact name first, then case-insensitively). ok is false when
// one is found.
func unknownKey(t reflect.Type, v any, path string) (string, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		return "", true // the type reads its own JSON
	}
	switch x := v.(type) {
	case map[string]any:
		switch t.Kind() {
		case reflect.Struct:
			fields := jsonFields(t)
			for k, val := range x {
				ft, found := fields[k]
				if !found {
					for name, f := range fields {
						if strings.EqualFold(name, k) {
							ft, found = f, true
							break
						}
					}
				}
				if !found {
					return path + "." + k, false
				}
				if p, ok := unknownKey(ft, val, path+"."+k); !ok {
					return p, false
				}
			}
		case reflect.Map:
			for k, val := range x {
				if p, ok := unknownKey(t.Elem(), val, path+"."+k); !ok {
					return p, false
				}
			}
		}
	case []any:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for i, val := range x {
				if p, ok := unknownKey(t.Elem(), val, fmt.Sprintf("%s[%d]", path, i)); !ok {
					return p, false
				}
			}
		}
	}
	return "", true
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// jsonFields lists a struct's JSON field names with their types, embedded
// structs' fields promoted as encoding/json promotes them.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range jsonFields(ft) {
					if _, shadowed := out[k]; !shadowed {
						out[k] = v
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// Decoded is one call of httpapi.DecodeJSON or DecodeOptionalJSON in a
// package's source: the type of the value it decodes into.
type Decoded struct {
	Type     string // as written: "credentials", "struct{}"
	Optional bool   // DecodeOptionalJSON (or a variable that may hold it)
	Limit    int64  // the size limit, when written as a constant (4<<10, 4096); 0 otherwise
	Pos      string // file:line
}

// DecodedTypes finds every call of httpapi.DecodeJSON or
// DecodeOptionalJSON in the non-test Go files of dir (also through a local
// variable holding one of them) and the type each decodes into. A call
// whose target it cannot resolve is an error, so that nothing is silently
// left out.
func DecodedTypes(dir string) ([]Decoded, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var out []Decoded
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			return nil, err
		}
		var ferr error
		ast.Inspect(f, func(n ast.Node) bool {
			fn, ok := n.(*ast.FuncDecl)
			if !ok || fn.Body == nil || ferr != nil {
				return ferr == nil
			}
			found, err := decodedIn(fset, fn)
			out = append(out, found...)
			ferr = err
			return false
		})
		if ferr != nil {
			return nil, ferr
		}
	}
	return out, nil
}

// decoderName reports whether e is httpapi.DecodeJSON or
// httpapi.DecodeOptionalJSON, and which.
func decoderName(e ast.Expr) (optional, ok bool) {
	sel, isSel := e.(*ast.SelectorExpr)
	if !isSel {
		return false, false
	}
	pkg, isIdent := sel.X.(*ast.Ident)
	if !isIdent || pkg.Name != "httpapi" {
		return false, false
	}
	switch sel.Sel.Name {
	case "DecodeJSON":
		return false, true
	case "DecodeOptionalJSON":
		return true, true
	}
	return false, false
}

func decodedIn(fset *token.FileSet, fn *ast.FuncDecl) ([]Decoded, error) {
	vars := map[string]string{}   // local variable -> its type
	decoders := map[string]bool{} // local variable holding a decoder -> may be optional
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.ValueSpec:
			if s.Type != nil {
				for _, id := range s.Names {
					vars[id.Name] = types.ExprString(s.Type)
				}
			}
			for i, v := range s.Values {
				if opt, ok := decoderName(v); ok && i < len(s.Names) {
					decoders[s.Names[i].Name] = decoders[s.Names[i].Name] || opt
				}
			}
		case *ast.AssignStmt:
			for i, rhs := range s.Rhs {
				if i >= len(s.Lhs) {
					break
				}
				id, ok := s.Lhs[i].(*ast.Ident)
				if !ok {
					continue
				}
				if opt, ok := decoderName(rhs); ok {
					decoders[id.Name] = decoders[id.Name] || opt
				}
				if cl, ok := rhs.(*ast.CompositeLit); ok && cl.Type != nil {
					vars[id.Name] = types.ExprString(cl.Type)
				}
			}
		}
		return true
	})
	var out []Decoded
	var err error
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || err != nil {
			return err == nil
		}
		optional, isDecoder := decoderName(call.Fun)
		if id, ok := call.Fun.(*ast.Ident); ok {
			if opt, held := decoders[id.Name]; held {
				optional, isDecoder = opt, true
			}
		}
		if !isDecoder {
			return true
		}
		pos := fset.Position(call.Pos())
		where := fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)
		if len(call.Args) < 2 {
			err = fmt.Errorf("%s: decoder call with %d arguments", where, len(call.Args))
			return false
		}
		typ := ""
		if u, ok := call.Args[1].(*ast.UnaryExpr); ok && u.Op == token.AND {
			switch x := u.X.(type) {
			case *ast.Ident:
				typ = vars[x.Name]
			case *ast.CompositeLit:
				typ = types.ExprString(x.Type)
			}
		}
		if typ == "" {
			err = fmt.Errorf("%s: cannot tell what %s decodes into", where, types.ExprString(call.Args[1]))
			return false
		}
		var limit int64
		if len(call.Args) > 2 {
			limit = constInt(call.Args[2])
		}
		out = append(out, Decoded{Type: strings.ReplaceAll(typ, " ", ""), Optional: optional, Limit: limit, Pos: where})
		return true
	})
	return out, err
}

// constInt evaluates an integer literal or a shift or product of two
// ("64<<10"); anything else is 0.
func constInt(e ast.Expr) int64 {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return constInt(x.X)
	case *ast.BasicLit:
		var n int64
		if x.Kind == token.INT {
			if _, err := fmt.Sscan(strings.ReplaceAll(x.Value, "_", ""), &n); err == nil {
				return n
			}
		}
	case *ast.BinaryExpr:
		a, b := constInt(x.X), constInt(x.Y)
		switch {
		case a == 0 || b == 0:
		case x.Op == token.SHL && b < 63:
			return a << b
		case x.Op == token.MUL:
			return a * b
		}
	}
	return 0
}

// Reporter is the part of testing.TB RequireListed uses.
type Reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// RequireListed fails t unless bodies names exactly the types the handlers
// in dir decode, each with the right optional flag and the largest limit
// they are decoded with.
func RequireListed(t Reporter, dir string, bodies []Body) {
	t.Helper()
	found, err := DecodedTypes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) == 0 {
		t.Fatalf("no decoder call found in %s", dir)
	}
	listed := map[string]Body{}
	for _, b := range bodies {
		listed[b.Name()] = b
	}
	used := map[string]bool{}
	maxLimit := map[string]int64{}
	for _, d := range found {
		b, ok := listed[d.Type]
		switch {
		case !ok:
			t.Errorf("%s decodes %s, which the fuzz target's list lacks: add it", d.Pos, d.Type)
		case d.Optional && !b.Optional:
			t.Errorf("%s decodes %s optionally; mark it Optional in the list", d.Pos, d.Type)
		}
		used[d.Type] = true
		if d.Limit > maxLimit[d.Type] {
			maxLimit[d.Type] = d.Limit
		}
	}
	for name, limit := range maxLimit {
		if b, ok := listed[name]; ok && b.Limit != limit {
			t.Errorf("handlers decode %s with at most a %d-byte limit; the list says %d", name, limit, b.Limit)
		}
	}
	var stale []string
	for name := range listed {
		if !used[name] {
			stale = append(stale, name)
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("the list names types no handler decodes any more: %v", stale)
	}
}

// withoutValues removes the caller's own values (a field name sent in the
// body may itself hold "{{") so that only a placeholder the template left
// unrendered remains to be found.
func withoutValues(msg string, data map[string]any) string {
	for _, v := range data {
		if s, ok := v.(string); ok && s != "" {
			msg = strings.ReplaceAll(msg, s, "")
		}
	}
	return msg
}
