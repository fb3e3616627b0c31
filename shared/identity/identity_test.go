package identity

import (
	"errors"
	"reflect"
	"testing"

	"lms/shared/httpapi"
)

func TestParseGroups(t *testing.T) {
	cases := map[string][]string{
		"":                 {},
		"[operator]":       {"operator"},
		"[operator admin]": {"operator", "admin"},
		`["a","b"]`:        {"a", "b"},
		"a, b":             {"a", "b"},
	}
	for in, want := range cases {
		if got := ParseGroups(in); !reflect.DeepEqual(got, want) {
			t.Errorf("ParseGroups(%q) = %#v, want %#v", in, got, want)
		}
	}
}

func TestFromClaims(t *testing.T) {
	access := map[string]string{"sub": "s1", "username": "198501012010011001", "token_use": "access", "client_id": "c1", "cognito:groups": "[operator]"}
	p, err := FromClaims(access, "c1")
	if err != nil || !p.IsOperator() || p.Username != "198501012010011001" {
		t.Fatalf("access token: %+v, %v", p, err)
	}
	idTok := map[string]string{"sub": "s1", "cognito:username": "3273011508950001", "token_use": "id", "aud": "c1"}
	if p, err := FromClaims(idTok, "c1"); err != nil || p.IsOperator() || p.Username != "3273011508950001" {
		t.Fatalf("id token: %+v, %v", p, err)
	}
	refused := []map[string]string{
		{"sub": "s1", "username": "u", "token_use": "access", "client_id": "other"},
		{"sub": "s1", "username": "u", "token_use": "refresh", "client_id": "c1"},
		{"username": "u", "token_use": "access", "client_id": "c1"},
		{},
	}
	for _, c := range refused {
		_, err := FromClaims(c, "c1")
		var apiErr *httpapi.Error
		if !errors.As(err, &apiErr) || apiErr.Status != 401 {
			t.Errorf("claims %v: want 401, got %v", c, err)
		}
	}
}
