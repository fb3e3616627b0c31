package stemmer

import (
	_ "embed"
	"strings"
	"sync"
)

//go:generate go run ./internal/genroots -dic /usr/share/hunspell/id_ID.dic -out rootwords.txt

// rootwords is the root-word list generated from Debian's hunspell-id
// dictionary (LGPL-3.0, see README.md): one lowercase word a line, "#"
// lines are comments.
//
//go:embed rootwords.txt
var rootwords string

// Roots returns the embedded root-word list, sorted.
func Roots() []string {
	words := make([]string, 0, 30000)
	for line := range strings.SplitSeq(rootwords, "\n") {
		if line != "" && line[0] != '#' {
			words = append(words, line)
		}
	}
	return words
}

// Default returns the stemmer over the embedded dictionary, built on first
// use (about 29,000 words; a few milliseconds and ~2 MB) and shared.
var Default = sync.OnceValue(func() *Stemmer { return New(Roots()) })

// Stem stems word with the Default stemmer.
func Stem(word string) string { return Default().Stem(word) }
