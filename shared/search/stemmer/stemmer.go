// Package stemmer reduces Indonesian words to their root words with the
// Enhanced Confix Stripping (ECS) algorithm.
//
// The algorithm is the one published by Arifin, Mahendra and Ciptaningtyas
// (2009, "Enhanced Confix Stripping Stemmer and Ants Algorithm for
// Classifying News Document in Indonesian Language"), which extends the
// confix-stripping stemmer of Nazief and Adriani (1996) as refined by
// Asian et al. (2005), implemented here from the papers' description:
//
//  1. A word found in the root-word dictionary is its own root.
//  2. Inflectional suffixes are removed: a particle (-lah, -kah, -pun;
//     see particle for -tah), then a possessive pronoun (-ku, -mu, -nya),
//     then one derivational suffix (-i, -kan, -an). The dictionary is
//     checked after each removal.
//  3. Up to three derivational prefixes are removed (di-, ke-, se-, be(r)-,
//     te(r)-, me(N)-, pe(N)- and their allomorphs), each one chosen by the
//     ECS prefix-disambiguation rules, which say how the prefix's nasal
//     joined the root (me-nyapu = meny-sapu, pe-mukul = pem-pukul). A
//     prefix may not repeat the type of the one removed before it, and the
//     outermost prefix may not form a disallowed confix with the removed
//     suffix (be-i, di-an, ke-i, ke-kan, me-an, se-i, se-kan; "ketahui" is
//     the known exception).
//  4. When no root is found, the suffixes are put back one at a time (for
//     -kan, first only the "k", because "-an" after a root ending in k
//     looks like "-kan"), retrying prefix removal each time ("loop
//     pengembalian akhiran", ECS's main addition).
//  5. Words of the shape be-…-lah, be-…-an, me-…-i, di-…-i, pe-…-i and
//     te-…-i try prefix removal before suffix removal first (Asian et al.'s
//     rule precedence), falling back to the order above.
//
// Where a rule gives alternative readings of a nasal prefix (the recoding
// step: men-anam = me-nanam or me-tanam), every alternative is tried depth
// first, at every prefix level, in the order the rule lists them. The
// "modified ECS" of Tahitoe and Purwitasari (2010) revised the recoding
// step; rather than reproduce its exact table, trying every reading at every
// level covers the paths a single recoding pass at the end misses (an inner
// prefix whose nasal needed recoding). A few rules go beyond the papers'
// tables and are marked "extension" below: mem-p/pem-p for loan words
// (memproses), men-t (menterjemahkan), the ku-/kau- proclitics, and a
// second reading of endings that look like particles (see
// suffixesThenPrefixes). Every candidate must still be a dictionary word,
// so an extension can only find a root, never invent one.
//
// Hyphenated reduplication (buku-buku, berbalas-balasan) is stemmed part by
// part and reduced when both parts share a root.
//
// A Stemmer only reads its dictionary after New, so it is safe for
// concurrent use. Stemming allocates only when a rule rewrites the start of
// a root (mem-pukul → pukul) and that rewritten form has to be stripped
// further.
package stemmer

import (
	"strings"
)

// MinRoot is the shortest root the stemmer returns after stripping: the
// one- and two-letter dictionary entries are mostly letters, interjections
// and prefixes themselves ("ke", "pe"), and accepting them would cut real
// words down to nothing.
const MinRoot = 3

// maxPrefixes is the published limit on stacked prefixes (me-per-ke-…).
const maxPrefixes = 3

// Stemmer stems Indonesian words against a root-word dictionary.
type Stemmer struct {
	roots map[string]struct{}
}

// New returns a stemmer over the given root words (lowercase).
func New(roots []string) *Stemmer {
	m := make(map[string]struct{}, len(roots))
	for _, w := range roots {
		m[w] = struct{}{}
	}
	return &Stemmer{roots: m}
}

// IsRoot reports whether w is in the stemmer's dictionary.
func (s *Stemmer) IsRoot(w string) bool { _, ok := s.roots[w]; return ok }

// Len is the number of root words in the dictionary.
func (s *Stemmer) Len() int { return len(s.roots) }

// has looks up a+b without allocating (the compiler turns a map index by
// string(bytes) into a lookup without a copy).
func (s *Stemmer) has(a, b string) bool {
	if a == "" {
		_, ok := s.roots[b]
		return ok
	}
	var buf [64]byte
	if len(a)+len(b) > len(buf) {
		_, ok := s.roots[a+b]
		return ok
	}
	n := copy(buf[:], a)
	n += copy(buf[n:], b)
	_, ok := s.roots[string(buf[:n])]
	return ok
}

// Stem returns the root of word, or word itself when no root is found or
// the word is not a plain Indonesian word (digits, non-ASCII letters).
// ASCII upper case is folded; callers that already lowercase (the bleve
// filter) pay nothing for it.
func (s *Stemmer) Stem(word string) string {
	if len(word) <= MinRoot {
		return word
	}
	hyphen := false
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case c >= 'a' && c <= 'z':
		case c == '-':
			hyphen = true
		case c >= 'A' && c <= 'Z':
			return s.Stem(strings.ToLower(word))
		default:
			return word
		}
	}
	if hyphen {
		return s.stemReduplicated(word)
	}
	if r, ok := s.stem(word); ok {
		return r
	}
	return word
}

// stemReduplicated handles "buku-buku", "buku-bukunya",
// "berbalas-balasan": both halves are stemmed and, when they share a root,
// that root is the word's root. Anything else (sayur-mayur, three parts)
// is left as it is.
func (s *Stemmer) stemReduplicated(word string) string {
	a, b, ok := strings.Cut(word, "-")
	if !ok || a == "" || b == "" || strings.IndexByte(b, '-') >= 0 {
		return word
	}
	ra, rb := s.Stem(a), s.Stem(b)
	if ra == rb {
		return ra
	}
	return word
}

// stem runs the algorithm on a lowercase a-z word.
func (s *Stemmer) stem(w string) (string, bool) {
	if s.has("", w) {
		return w, true
	}
	if prefixFirst(w) {
		if r, ok := s.prefixesThenSuffixes(w, 0, kNone); ok {
			return r, true
		}
	}
	return s.suffixesThenPrefixes(w, true)
}

// prefixFirst is Asian et al.'s rule precedence: in these confixes the
// prefix is removed before the suffix.
func prefixFirst(w string) bool {
	switch {
	case strings.HasPrefix(w, "be"):
		return strings.HasSuffix(w, "lah") || strings.HasSuffix(w, "an")
	case strings.HasPrefix(w, "me"), strings.HasPrefix(w, "di"),
		strings.HasPrefix(w, "pe"), strings.HasPrefix(w, "te"):
		return strings.HasSuffix(w, "i")
	}
	return false
}

func cutSuffix(w string, suffixes ...string) (string, string) {
	for _, suf := range suffixes {
		if len(w)-len(suf) >= MinRoot && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)], suf
		}
	}
	return w, ""
}

// particle removes -lah, -kah or -pun. The papers also list -tah, an
// archaic particle (apatah) that no training material uses but that ends
// very common words: "pemerintah" lost it and became pe-perin + "-tah".
func particle(w string) (string, string) { return cutSuffix(w, "lah", "kah", "pun") }

func possessive(w string) (string, string) { return cutSuffix(w, "nya", "ku", "mu") }

// derivational removes -kan before -an so that "-an after k" and "-kan"
// are one removal, undone in two steps by the suffix-restoring loop.
func derivational(w string) (string, string) { return cutSuffix(w, "kan", "an", "i") }

// suffixesThenPrefixes is the main path: steps 2 to 4 of the package
// comment.
//
// A particle is the one suffix that is also a common word ending (langkah,
// nikah, salah): when removing it does not leave a root at once, the word
// is first tried with the ending kept, so that "melangkah" reaches
// "langkah" and not me-lang (a bird) + "-kah". This is an extension of the
// published order, which only removes.
func (s *Stemmer) suffixesThenPrefixes(w string, stripParticle bool) (string, bool) {
	word, part := w, ""
	if stripParticle {
		word, part = particle(w)
	}
	if part != "" {
		if s.has("", word) {
			return word, true
		}
		if r, ok := s.suffixesThenPrefixes(w, false); ok {
			return r, true
		}
	}
	word, poss := possessive(word)
	if poss != "" && s.has("", word) {
		return word, true
	}
	word, deriv := derivational(word)
	if deriv != "" && s.has("", word) {
		return word, true
	}
	if r, ok := s.prefixes(word, deriv, 0, kNone); ok {
		return r, true
	}
	// Loop pengembalian akhiran: restore the suffixes innermost first.
	if deriv != "" {
		if deriv == "kan" {
			k := word + "k"
			if s.has("", k) {
				return k, true
			}
			if r, ok := s.prefixes(k, "an", 0, kNone); ok {
				return r, true
			}
		}
		word += deriv
		if r, ok := s.prefixes(word, "", 0, kNone); ok {
			return r, true
		}
	}
	if poss != "" {
		word += poss
		if s.has("", word) {
			return word, true
		}
		if r, ok := s.prefixes(word, "", 0, kNone); ok {
			return r, true
		}
	}
	if part != "" {
		if r, ok := s.prefixes(w, "", 0, kNone); ok {
			return r, true
		}
	}
	return "", false
}

// suffixesOnly removes the suffixes of a word whose prefixes are gone
// (the rule-precedence path).
func (s *Stemmer) suffixesOnly(w string) (string, bool) {
	word, part := particle(w)
	if part != "" && s.has("", word) {
		return word, true
	}
	word, poss := possessive(word)
	if poss != "" && s.has("", word) {
		return word, true
	}
	word, deriv := derivational(word)
	if deriv == "" {
		return "", false
	}
	if s.has("", word) {
		return word, true
	}
	if deriv == "kan" && s.has(word, "k") {
		return word + "k", true
	}
	return "", false
}

// prefixesThenSuffixes strips prefixes depth first and, at every level,
// tries the suffixes on what is left.
func (s *Stemmer) prefixesThenSuffixes(w string, depth int, prev kind) (string, bool) {
	if depth == maxPrefixes {
		return "", false
	}
	var buf [6]cand
	for _, c := range candidates(w, buf[:0]) {
		if c.kind == prev || len(c.add)+len(c.rest) < MinRoot {
			continue
		}
		if s.has(c.add, c.rest) {
			return c.root(), true
		}
		root := c.root()
		if r, ok := s.suffixesOnly(root); ok {
			return r, true
		}
		if r, ok := s.prefixesThenSuffixes(root, depth+1, c.kind); ok {
			return r, true
		}
	}
	return "", false
}

// prefixes strips up to three prefixes from w (whose suffixes are gone),
// depth first over the rules' alternatives.
func (s *Stemmer) prefixes(w, suffix string, depth int, prev kind) (string, bool) {
	if depth == maxPrefixes {
		return "", false
	}
	var buf [6]cand
	for _, c := range candidates(w, buf[:0]) {
		if c.kind == prev || len(c.add)+len(c.rest) < MinRoot {
			continue
		}
		// The confix check concerns the outermost prefix only: it is the
		// one that forms the confix with the suffix.
		if depth == 0 && disallowed(c.kind, suffix, c) {
			continue
		}
		if s.has(c.add, c.rest) {
			return c.root(), true
		}
		if r, ok := s.prefixes(c.root(), suffix, depth+1, c.kind); ok {
			return r, true
		}
	}
	return "", false
}

// disallowed is Nazief and Adriani's table of prefix-suffix pairs that do
// not form a confix, with ECS's "ketahui" exception.
func disallowed(k kind, suffix string, c cand) bool {
	switch k {
	case kBe:
		return suffix == "i"
	case kDi:
		return suffix == "an"
	case kKe:
		if suffix == "i" {
			return c.add != "" || c.rest != "tahu"
		}
		return suffix == "kan"
	case kMe:
		return suffix == "an"
	case kSe:
		return suffix == "i" || suffix == "kan"
	}
	return false
}

// kind is a prefix's type: allomorphs (mem-, meny-, …) share their type,
// and a type may not follow itself.
type kind uint8

const (
	kNone kind = iota
	kDi
	kKe
	kSe
	kBe
	kTe
	kMe
	kPe
	kKu
	kKau
)

// cand is one reading of a word's start: the root is add+rest, where rest
// is a substring of the word and add the letters a nasal prefix replaced.
type cand struct {
	kind kind
	add  string
	rest string
}

func (c cand) root() string {
	if c.add == "" {
		return c.rest
	}
	return c.add + c.rest
}

func vowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

func consonant(c byte) bool { return c >= 'a' && c <= 'z' && !vowel(c) }

// at returns w[i], or 0 past the end, so that rules can look ahead freely.
func at(w string, i int) byte {
	if i < len(w) {
		return w[i]
	}
	return 0
}

// er reports whether w has "er" at i followed by a consonant (the C1erC2
// patterns of rules 5, 9 and 32-35).
func erC(w string, i int) bool {
	return at(w, i) == 'e' && at(w, i+1) == 'r' && consonant(at(w, i+2))
}

// candidates appends the readings of w's prefix that the ECS rules allow,
// in the order the rules list their alternatives. Rule numbers are the
// ECS table's.
func candidates(w string, out []cand) []cand {
	if len(w) < 4 {
		return out
	}
	add := func(k kind, prefix string, rest string) {
		out = append(out, cand{kind: k, add: prefix, rest: rest})
	}
	c2, c3, c4 := at(w, 2), at(w, 3), at(w, 4)
	switch w[:2] {
	case "di":
		add(kDi, "", w[2:])
	case "ke":
		add(kKe, "", w[2:])
	case "se":
		add(kSe, "", w[2:])
	case "ka":
		if c2 == 'u' { // extension: kau- proclitic
			add(kKau, "", w[3:])
		}
	case "ku": // extension: ku- proclitic
		add(kKu, "", w[2:])
	case "be":
		switch {
		case strings.HasPrefix(w, "belajar"): // rule 4
			add(kBe, "", w[3:])
		case c2 == 'r' && vowel(c3): // rule 1: ber-V | be-rV
			add(kBe, "", w[3:])
			add(kBe, "", w[2:])
		case c2 == 'r' && consonant(c3) && c3 != 'r': // rules 2, 3
			add(kBe, "", w[3:])
		case consonant(c2) && c2 != 'r' && c2 != 'l' && erC(w, 3): // rule 5
			add(kBe, "", w[2:])
		}
	case "te":
		switch {
		case c2 == 'r' && vowel(c3): // rule 6: ter-V | te-rV
			add(kTe, "", w[3:])
			add(kTe, "", w[2:])
		case c2 == 'r' && consonant(c3) && c3 != 'r': // rules 7, 8, 34
			add(kTe, "", w[3:])
		case consonant(c2) && c2 != 'r' && erC(w, 3): // rule 9
			add(kTe, "", w[2:])
		}
	case "me":
		switch {
		case (c2 == 'l' || c2 == 'r' || c2 == 'w' || c2 == 'y') && vowel(c3): // rule 10
			add(kMe, "", w[2:])
		case c2 == 'm' && (c3 == 'b' || c3 == 'f' || c3 == 'v'): // rule 11
			add(kMe, "", w[3:])
		case c2 == 'm' && c3 == 'p': // rules 12, 19; extension: mem-pr, mem-pl
			add(kMe, "", w[3:])
		case c2 == 'm' && (vowel(c3) || c3 == 'r' && vowel(c4)): // rule 13
			add(kMe, "m", w[3:])
			add(kMe, "p", w[3:])
		case c2 == 'n' && (c3 == 'c' || c3 == 'd' || c3 == 'j' || c3 == 's' || c3 == 'z'): // rule 14
			add(kMe, "", w[3:])
		case c2 == 'n' && c3 == 't': // extension: men-t (menterjemahkan)
			add(kMe, "", w[3:])
		case c2 == 'n' && c3 == 'g' && (c4 == 'g' || c4 == 'h' || c4 == 'q' || c4 == 'k'): // rule 16
			add(kMe, "", w[4:])
		case c2 == 'n' && c3 == 'g' && vowel(c4): // rule 17: meng-V | meng-kV | menge-V
			add(kMe, "", w[4:])
			add(kMe, "k", w[4:])
			if c4 == 'e' {
				add(kMe, "", w[5:])
			}
		case c2 == 'n' && c3 == 'y' && vowel(c4): // rule 18: me-nyV | meny-sV
			add(kMe, "", w[2:])
			add(kMe, "s", w[4:])
		case c2 == 'n' && vowel(c3): // rule 15: me-nV | me-tV
			add(kMe, "", w[2:])
			add(kMe, "t", w[3:])
		}
	case "pe":
		switch {
		case (c2 == 'w' || c2 == 'y') && vowel(c3): // rule 20
			add(kPe, "", w[2:])
		case c2 == 'r' && vowel(c3): // rule 21: per-V | pe-rV
			add(kPe, "", w[3:])
			add(kPe, "", w[2:])
		case c2 == 'r' && consonant(c3) && c3 != 'r': // rules 22, 23
			add(kPe, "", w[3:])
		case c2 == 'm' && (c3 == 'b' || c3 == 'f' || c3 == 'v'): // rule 24
			add(kPe, "", w[3:])
		case c2 == 'm' && c3 == 'p': // extension: pem-p (pemprosesan)
			add(kPe, "", w[3:])
		case c2 == 'm' && (vowel(c3) || c3 == 'r' && vowel(c4)): // rule 25
			add(kPe, "m", w[3:])
			add(kPe, "p", w[3:])
		case c2 == 'n' && (c3 == 'c' || c3 == 'd' || c3 == 'j' || c3 == 's' || c3 == 'z'): // rule 26
			add(kPe, "", w[3:])
		case c2 == 'n' && c3 == 'g' && (c4 == 'g' || c4 == 'h' || c4 == 'q' || c4 == 'k'): // rule 28
			add(kPe, "", w[4:])
		case c2 == 'n' && c3 == 'g' && vowel(c4): // rule 29: peng-V | peng-kV | penge-V
			add(kPe, "", w[4:])
			add(kPe, "k", w[4:])
			if c4 == 'e' {
				add(kPe, "", w[5:])
			}
		case c2 == 'n' && c3 == 'y' && vowel(c4): // rule 30: pe-nyV | peny-sV
			add(kPe, "", w[2:])
			add(kPe, "s", w[4:])
		case c2 == 'n' && vowel(c3): // rule 27: pe-nV | pe-tV
			add(kPe, "", w[2:])
			add(kPe, "t", w[3:])
		case c2 == 'l' && strings.HasPrefix(w, "pelajar"): // rule 31's exception
			add(kPe, "", w[3:])
		case c2 == 'l' && vowel(c3): // rule 31
			add(kPe, "", w[2:])
		case consonant(c2) && c2 != 'r' && c2 != 'w' && c2 != 'y' && c2 != 'l' && c2 != 'm' && c2 != 'n': // rules 32, 33, 35
			add(kPe, "", w[2:])
		}
	}
	return out
}
