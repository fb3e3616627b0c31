package extract

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Office Open XML files are zip archives of XML parts. Only the parts that
// carry the body text are read, through a shared cap on uncompressed
// bytes.

// budget is what is left of Limits.Unzipped.
type budget struct{ left int64 }

// errBudget ends reading when the uncompressed cap is reached; what was
// read until then is kept.
var errBudget = errors.New("uncompressed size limit reached")

type budgetReader struct {
	r io.Reader
	b *budget
}

func (br budgetReader) Read(p []byte) (int, error) {
	if br.b.left <= 0 {
		return 0, errBudget
	}
	if int64(len(p)) > br.b.left {
		p = p[:br.b.left]
	}
	n, err := br.r.Read(p)
	br.b.left -= int64(n)
	return n, err
}

func openZip(r io.ReaderAt, size int64, what string) (*zip.Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, what, err)
	}
	return zr, nil
}

func findFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// walkXML streams one part's XML, calling start and end for elements
// (local names) and text for character data. A part cut by the budget ends
// quietly.
func walkXML(f *zip.File, b *budget, start func(name string, attr []xml.Attr), end func(name string), text func(s string)) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrCorrupt, f.Name, err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(budgetReader{rc, b})
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, errBudget) || b.left <= 0 {
			return errBudget
		}
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrCorrupt, f.Name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			start(t.Name.Local, t.Attr)
		case xml.EndElement:
			end(t.Name.Local)
		case xml.CharData:
			text(string(t))
		}
	}
}

// extractDOCX reads word/document.xml: text runs (w:t), tabs, breaks, and
// a line per paragraph.
func extractDOCX(r io.ReaderAt, size int64, out *textBuf, lim Limits) error {
	zr, err := openZip(r, size, "docx")
	if err != nil {
		return err
	}
	doc := findFile(zr, "word/document.xml")
	if doc == nil {
		return fmt.Errorf("%w: docx: no word/document.xml", ErrCorrupt)
	}
	b := &budget{lim.Unzipped}
	inText := false
	err = walkXML(doc, b,
		func(name string, _ []xml.Attr) {
			switch name {
			case "t":
				inText = true
			case "tab":
				out.sep(false)
			case "br", "cr":
				out.sep(true)
			}
		},
		func(name string) {
			switch name {
			case "t":
				inText = false
			case "p":
				out.sep(true)
			case "tc": // table cell
				out.sep(false)
			}
		},
		func(s string) {
			if inText {
				out.WriteString(s)
			}
		})
	if errors.Is(err, errBudget) {
		return nil
	}
	return err
}

// extractPPTX reads the slides (ppt/slides/slideN.xml) in presentation
// order: the order of ppt/presentation.xml's slide list resolved through
// its relationships, or the slide number when those parts are missing or
// damaged. Text is in a:t runs; a line per paragraph, a blank line between
// slides.
func extractPPTX(r io.ReaderAt, size int64, out *textBuf, lim Limits) error {
	zr, err := openZip(r, size, "pptx")
	if err != nil {
		return err
	}
	b := &budget{lim.Unzipped}
	slides := slideOrder(zr, b)
	if len(slides) == 0 {
		return fmt.Errorf("%w: pptx: no slides", ErrCorrupt)
	}
	for _, f := range slides {
		if out.full() {
			break
		}
		inText := false
		err := walkXML(f, b,
			func(name string, _ []xml.Attr) {
				switch name {
				case "t":
					inText = true
				case "br":
					out.sep(true)
				}
			},
			func(name string) {
				switch name {
				case "t":
					inText = false
				case "p":
					out.sep(true)
				}
			},
			func(s string) {
				if inText {
					out.WriteString(s)
				}
			})
		if errors.Is(err, errBudget) {
			return nil
		}
		if err != nil {
			return err
		}
		out.sep(true)
	}
	return nil
}

// slideOrder lists the slide parts in presentation order.
func slideOrder(zr *zip.Reader, b *budget) []*zip.File {
	byName := map[string]*zip.File{}
	var numbered []*zip.File
	for _, f := range zr.File {
		if slideNumber(f.Name) > 0 {
			byName[f.Name] = f
			numbered = append(numbered, f)
		}
	}
	slices.SortFunc(numbered, func(a, b *zip.File) int { return slideNumber(a.Name) - slideNumber(b.Name) })

	// presentation.xml: <p:sldIdLst><p:sldId id=".." r:id="rId2"/>…
	var rids []string
	if f := findFile(zr, "ppt/presentation.xml"); f != nil {
		inList := false
		_ = walkXML(f, b, func(name string, attr []xml.Attr) {
			switch {
			case name == "sldIdLst":
				inList = true
			case name == "sldId" && inList:
				for _, a := range attr {
					if a.Name.Local == "id" && a.Name.Space == "r" {
						rids = append(rids, a.Value)
					}
				}
			}
		}, func(name string) {
			if name == "sldIdLst" {
				inList = false
			}
		}, func(string) {})
	}
	// presentation.xml.rels: <Relationship Id="rId2" Target="slides/slide1.xml"/>
	targets := map[string]string{}
	if f := findFile(zr, "ppt/_rels/presentation.xml.rels"); f != nil {
		_ = walkXML(f, b, func(name string, attr []xml.Attr) {
			if name != "Relationship" {
				return
			}
			var id, target string
			for _, a := range attr {
				switch a.Name.Local {
				case "Id":
					id = a.Value
				case "Target":
					target = a.Value
				}
			}
			targets[id] = path.Clean(path.Join("ppt", target))
		}, func(string) {}, func(string) {})
	}
	var ordered []*zip.File
	for _, id := range rids {
		f := byName[targets[id]]
		if f == nil {
			return numbered // the list does not match the parts: trust numbers
		}
		ordered = append(ordered, f)
	}
	if len(ordered) == 0 {
		return numbered
	}
	return ordered
}

// slideNumber is N of "ppt/slides/slideN.xml", else 0.
func slideNumber(name string) int {
	rest, ok := strings.CutPrefix(name, "ppt/slides/slide")
	if !ok {
		return 0
	}
	rest, ok = strings.CutSuffix(rest, ".xml")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
