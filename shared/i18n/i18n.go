// Package i18n holds the product's user-facing messages in Bahasa Indonesia
// (the default) and English, and picks the caller's language from the
// Accept-Language header.
package i18n

import (
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Lang is a supported language tag.
type Lang string

const (
	Indonesian Lang = "id"
	English    Lang = "en"
)

// Message is one catalog entry: its key doubles as the API error code where it
// describes an error.
type Message struct {
	Key        string
	Indonesian string
	English    string
}

var bundle = i18n.NewBundle(language.Indonesian)

// Register adds messages to the catalog; packages call it from init so that
// each package owns its own texts.
func Register(msgs ...Message) {
	for _, m := range msgs {
		if err := bundle.AddMessages(language.Indonesian, &i18n.Message{ID: m.Key, Other: m.Indonesian}); err != nil {
			panic(err)
		}
		if err := bundle.AddMessages(language.English, &i18n.Message{ID: m.Key, Other: m.English}); err != nil {
			panic(err)
		}
	}
}

// Negotiate returns the best supported language for an Accept-Language
// header, Indonesian when nothing matches.
func Negotiate(acceptLanguage string) Lang {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil {
		return Indonesian
	}
	for _, t := range tags {
		base, _ := t.Base()
		switch base.String() {
		case "id", "in", "ms":
			return Indonesian
		case "en":
			return English
		}
	}
	return Indonesian
}

// Text renders message id in lang with the template data (Go text/template
// syntax, e.g. "{{.Field}}"). An unknown id renders as the id itself so a
// missing translation is visible rather than blank.
func Text(lang Lang, id string, data map[string]any) string {
	l := i18n.NewLocalizer(bundle, string(lang), string(Indonesian))
	s, err := l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return id
	}
	return s
}
