package markdown

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// xssSeeds are classic ways to smuggle script through Markdown and HTML.
var xssSeeds = []string{
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	"<svg onload=alert(1)><circle r=1></svg>",
	"<iframe src=javascript:alert(1)></iframe>",
	"<details open ontoggle=alert(1)>x</details>",
	"<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
	"<a href=\"&#106;avascript:alert(1)\">x</a>",
	"<form action=javascript:alert(1)><button>x</button></form>",
	"<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
	"<style>@import 'https://x.example/a.css'</style>",
	"<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
	"<body background=\"javascript:alert(1)\">",
	"[x](javascript:alert(1))",
	"[x](JaVaScRiPt:alert(1))",
	"[x](java\tscript:alert(1))",
	"[x](%6Aavascript:alert(1))",
	"[x](vbscript:msgbox(1))",
	"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"![x](javascript:alert(1))",
	"![x](x\" onerror=\"alert(1))",
	"[a]: javascript:alert(1)\n\n[a]",
	"<https://x.example/\"onmouseover=\"alert(1)>",
	"www.example.com/<script>alert(1)</script>",
	"| a | <b onclick=alert(1)>b</b> |\n|---|---|\n| <img src=x onerror=alert(1)> | 2 |",
	"`<script>` and ```\n<script>alert(1)</script>\n```",
	"<!-- <script>alert(1)</script> -->",
	"<![CDATA[<script>alert(1)</script>]]>",
	"<scr<script>ipt>alert(1)</script>",
	"**Keselamatan** [tambang](https://www.esdm.go.id) {{7*7}} ${jndi:ldap://x} ' OR 1=1 --",
}

// dangerous are elements that run script, load active content, change
// where the page's links go or submit forms: none may come out.
var dangerous = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Frame: true, atom.Frameset: true,
	atom.Object: true, atom.Embed: true, atom.Applet: true, atom.Base: true, atom.Link: true,
	atom.Meta: true, atom.Form: true, atom.Input: true, atom.Button: true, atom.Textarea: true,
	atom.Select: true, atom.Svg: true, atom.Math: true, atom.Template: true, atom.Noscript: true,
}

// urlAttrs are the attributes a browser follows or loads.
var urlAttrs = map[string]bool{"href": true, "src": true, "cite": true, "action": true, "formaction": true,
	"background": true, "poster": true, "longdesc": true, "usemap": true, "data": true, "xlink:href": true}

// FuzzHTMLIsSafe parses the sanitised output the way a browser does
// (golang.org/x/net/html, in a <div>) and holds it to: no element that runs
// or loads active content, no event handler (on*) or style attribute, every
// link and source either relative or http(s)/mailto (never javascript:,
// vbscript: or data:), srcset likewise, and every link opening a new tab
// carries rel=noopener. The text of the page (Text) is valid UTF-8 when the
// source is.
func FuzzHTMLIsSafe(f *testing.F) {
	for _, s := range xssSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := HTML(src)
		ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		nodes, err := html.ParseFragment(strings.NewReader(out), ctx)
		if err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, out)
		}
		for _, n := range nodes {
			checkNode(t, n, src, out)
		}
		if utf8.ValidString(src) && !utf8.ValidString(Text(src)) {
			t.Fatalf("Text(%q) is not valid UTF-8", src)
		}
	})
}

func checkNode(t *testing.T, n *html.Node, src, out string) {
	t.Helper()
	if n.Type == html.ElementNode {
		if dangerous[n.DataAtom] || n.Namespace != "" {
			t.Fatalf("element <%s> (namespace %q) survives in %q\nfrom %q", n.Data, n.Namespace, out, src)
		}
		var target, rel string
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = a.Namespace + ":" + key
			}
			switch {
			case strings.HasPrefix(key, "on"), key == "style", key == "srcdoc", key == "formaction":
				t.Fatalf("attribute %s=%q survives in %q\nfrom %q", key, a.Val, out, src)
			case urlAttrs[key]:
				checkURL(t, key, a.Val, src, out)
			case key == "srcset":
				for _, cand := range strings.Split(a.Val, ",") {
					if fields := strings.Fields(cand); len(fields) > 0 {
						checkURL(t, key, fields[0], src, out)
					}
				}
			case key == "target":
				target = a.Val
			case key == "rel":
				rel = a.Val
			}
		}
		if strings.EqualFold(target, "_blank") && !strings.Contains(rel, "noopener") {
			t.Fatalf("link to a new tab without rel=noopener in %q\nfrom %q", out, src)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		checkNode(t, c, src, out)
	}
}

// checkURL fails unless a browser would read v as a relative URL or one
// with a harmless scheme. Browsers drop tabs and newlines inside URLs and
// trim leading control characters and spaces, so the check does the same
// before reading the scheme.
func checkURL(t *testing.T, attr, v, src, out string) {
	t.Helper()
	clean := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	clean = strings.TrimLeft(clean, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	scheme := ""
	if i := strings.IndexAny(clean, ":/?#"); i > 0 && clean[i] == ':' && isScheme(clean[:i]) {
		scheme = strings.ToLower(clean[:i])
	}
	switch scheme {
	case "", "http", "https", "mailto":
	default:
		t.Fatalf("%s=%q has scheme %q in %q\nfrom %q", attr, v, scheme, out, src)
	}
	if _, err := url.Parse(clean); err != nil && scheme != "" {
		t.Fatalf("%s=%q does not parse: %v", attr, v, err)
	}
}

// isScheme reports whether s is a URL scheme as the URL standard reads one
// (an ASCII letter, then letters, digits, "+", "-" or "."); anything else
// before a colon makes a relative URL.
func isScheme(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return s != ""
}
