package extract

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
)

// maxPDFPages bounds the page walk of a PDF whose page tree claims more.
const maxPDFPages = 10_000

// stopPDF aborts the content-stream interpreter from inside its callback
// (the library reports problems by panicking, so that is its only exit).
type stopPDF struct{ reason string }

// extractPDF reads the text-showing operators of each page's content
// stream, decoding strings with the page's fonts (the library's
// ToUnicode/encoding tables). The library's own GetPlainText glues words
// together when a producer positions words instead of writing spaces
// (TJ kerning, Td moves): this interpreter turns those moves into spaces
// and line breaks. Text in form XObjects and annotations is not read.
func extractPDF(r io.ReaderAt, size int64, out *textBuf, lim Limits) (err error) {
	defer func() {
		if x := recover(); x != nil {
			if s, ok := x.(stopPDF); ok {
				if s.reason != "" {
					err = fmt.Errorf("%w: pdf: %s", ErrCorrupt, s.reason)
				}
				return
			}
			err = fmt.Errorf("%w: pdf: %v", ErrCorrupt, x)
		}
	}()
	rd, err := pdf.NewReader(r, size)
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") {
			return fmt.Errorf("%w: %v", ErrEncrypted, err)
		}
		return fmt.Errorf("%w: pdf: %v", ErrCorrupt, err)
	}
	ops := 0
	pages := min(rd.NumPage(), maxPDFPages)
	for i := 1; i <= pages && !out.full(); i++ {
		p := rd.Page(i)
		if p.V.IsNull() {
			continue
		}
		contents := p.V.Key("Contents")
		if contents.Kind() == pdf.Null {
			continue
		}
		fonts := map[string]pdf.TextEncoding{}
		for _, name := range p.Fonts() {
			f := p.Font(name)
			fonts[name] = f.Encoder()
		}
		var enc pdf.TextEncoding
		show := func(v pdf.Value) {
			raw := v.RawString()
			if enc != nil {
				out.WriteString(enc.Decode(raw))
			} else {
				out.WriteString(raw) // no font: bytes as they are
			}
		}
		var lineY float64
		pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
			if ops++; ops > lim.PDFOps {
				panic(stopPDF{"too many content operators"})
			}
			if out.full() {
				panic(stopPDF{})
			}
			args := make([]pdf.Value, stk.Len())
			for j := len(args) - 1; j >= 0; j-- {
				args[j] = stk.Pop()
			}
			arg := func(j int) pdf.Value {
				if j < len(args) {
					return args[j]
				}
				return pdf.Value{}
			}
			switch op {
			case "BT":
				out.sep(false)
			case "Tf":
				enc = fonts[arg(0).Name()]
			case "Td", "TD":
				// A vertical move starts a new line; a horizontal one, on
				// the same line, a new word.
				if dy := arg(1).Float64(); dy != 0 {
					out.sep(true)
				} else if arg(0).Float64() != 0 {
					out.sep(false)
				}
			case "Tm":
				if y := arg(5).Float64(); y != lineY {
					out.sep(true)
					lineY = y
				} else {
					out.sep(false)
				}
			case "T*":
				out.sep(true)
			case "Tj":
				show(arg(0))
			case "'":
				out.sep(true)
				show(arg(0))
			case "\"":
				out.sep(true)
				show(arg(2))
			case "TJ":
				a := arg(0)
				for j := 0; j < a.Len(); j++ {
					x := a.Index(j)
					switch x.Kind() {
					case pdf.String:
						show(x)
					case pdf.Integer, pdf.Real:
						// Displacement in thousandths of an em: a gap of a
						// quarter em or more is a word space.
						if x.Float64() <= -250 {
							out.sep(false)
						}
					}
				}
			}
		})
		out.sep(true)
	}
	return nil
}
