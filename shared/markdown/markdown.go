// Package markdown renders the Markdown instructors write (text pages,
// descriptions) to HTML that is safe to put in a page: CommonMark with
// tables and autolinks, then sanitised, so raw HTML, scripts, event
// handlers and javascript: links never reach a learner's browser.
package markdown

import (
	"bytes"
	"html"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	once     sync.Once
	md       goldmark.Markdown
	sanitize *bluemonday.Policy
)

func setup() {
	// Raw HTML in the source is left out by goldmark's default (unsafe off);
	// the policy is the second line of defence and the one that decides.
	md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Linkify, extension.Strikethrough))
	sanitize = bluemonday.UGCPolicy()
	sanitize.RequireNoFollowOnLinks(true)
	sanitize.AddTargetBlankToFullyQualifiedLinks(true)
}

// HTML renders src. It never fails: text that goldmark cannot render is
// returned escaped.
func HTML(src string) string {
	once.Do(setup)
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return sanitize.Sanitize(bluemonday.StrictPolicy().Sanitize(src))
	}
	return sanitize.Sanitize(buf.String())
}

// Text renders src and keeps only its text, for search: no markup, the
// entities decoded, blocks on their own lines.
func Text(src string) string {
	once.Do(setup)
	text := bluemonday.StrictPolicy().Sanitize(strings.NewReplacer("</p>", "</p>\n", "</li>", "</li>\n", "<br>", "\n",
		"</h1>", "</h1>\n", "</h2>", "</h2>\n", "</h3>", "</h3>\n", "</td>", "</td> ").Replace(HTML(src)))
	return strings.TrimSpace(html.UnescapeString(text))
}
