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
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	once     sync.Once
	md       goldmark.Markdown
	sanitize *bluemonday.Policy
)

func setup() {
	// Raw HTML in the source is left out by goldmark's default (unsafe off);
	// the policy is the second line of defence and the one that decides.
	md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Linkify, extension.Strikethrough),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(flatten{max: maxDepth}, 1000))))
	sanitize = bluemonday.UGCPolicy()
	sanitize.RequireNoFollowOnLinks(true)
	sanitize.AddTargetBlankToFullyQualifiedLinks(true)
}

// maxDepth bounds how deeply elements nest in the output. A few kilobytes
// of ">" or list markers would otherwise nest hundreds of elements, which
// browsers and HTML parsers handle badly (the fuzz test found it: a
// standard parser refuses more than 512 open elements). Real text pages
// never nest more than a handful.
const maxDepth = 32

// flatten unwraps every element deeper than max, keeping its content in
// its parent, so the rendered tree is never deeper than max.
type flatten struct{ max int }

func (f flatten) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) { f.walk(doc, 0) }

func (f flatten) walk(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		if depth+1 > f.max && c.HasChildren() {
			first := c.FirstChild()
			for g := c.FirstChild(); g != nil; {
				after := g.NextSibling()
				n.InsertBefore(n, c, g)
				g = after
			}
			n.RemoveChild(n, c)
			next = first // the unwrapped content is looked at again, at this depth
		} else {
			f.walk(c, depth+1)
		}
		c = next
	}
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
