package scenario

import "fmt"

// Limits on the shape of a scenario file, checked in one linear pass before
// the YAML parser sees it.
//
// They exist because the parser (goccy/go-yaml) takes time that grows faster
// than the input on some shapes. Measured here (November 2026, one core):
//
//	40,000 nested "- [" on one line (120 kB)          30 s
//	40,000 "[" (40 kB)                                 7.5 s
//	100,000 keys in one block mapping (1 MB)           20 s
//	5,000 compact "- - - …" per line, 100 lines (1 MB) 3.3 s
//	40,000 "a: " on one line (120 kB)                  1.4 s
//
// while the same volume in other shapes (1,400 levels of indentation,
// 100,000 sequence items, a 30,000-entry flow mapping, 1,000,000 bytes of
// anchors or aliases over 100 lines) takes well under a second. The limits
// keep every shape within about a second and are far beyond any real
// scenario: the largest shipped one (ukraine-2025.yaml) is 34 kB, 502
// lines, nests 6 levels deep and its longest line is under 300 characters.
const (
	// MaxFileSize is the largest scenario file accepted, in bytes.
	MaxFileSize = 1 << 20
	// MaxLines is the largest number of lines (20,000 keys of one mapping
	// parse in about a second).
	MaxLines = 20_000
	// MaxLineLength is the longest line, in characters.
	MaxLineLength = 10_000
	// MaxNesting is the deepest nesting of flow collections ([ and {) and
	// of compact block entries on one line ("- - x", "? - x").
	MaxNesting = 64
	// MaxPackages and MaxActors bound the work one file can ask for: every
	// package runs the campaign, deterrence, cost and acceptability models
	// (about 0.2 s each on the Ukraine scenario, and a few hundred MB for
	// thousands), and every actor is a player of the deterrence game.
	MaxPackages = 64
	MaxActors   = 64
)

// checkShape reports the first limit that data exceeds, as an error at the
// line and column where it is exceeded, or nil. It reads YAML's lexical
// structure only as far as it needs: quoted scalars (a quote opens one
// where a scalar can start, so the apostrophe in "Russia's" does not) and
// comments are skipped, so brackets inside them are not counted.
func checkShape(name string, data []byte) *FieldError {
	if len(data) > MaxFileSize {
		return &FieldError{File: name, Msg: fmt.Sprintf("file is %d bytes; the limit is %d", len(data), MaxFileSize)}
	}
	at := func(line, col int, format string, args ...any) *FieldError {
		return &FieldError{File: name, Pos: Pos{Line: line, Col: col}, Msg: fmt.Sprintf(format, args...), line: lineAt(data, line)}
	}
	line, col := 1, 0
	var quote byte   // the open quote, or 0
	comment := false // inside a comment
	depth := 0       // flow nesting
	compact := 0     // compact block entries so far on this line
	lineStart := true
	prev := byte('\n')
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\n' || c == '\r' {
			if c == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			line++
			if line > MaxLines {
				return at(line, 1, "the file has more than %d lines; that is the limit", MaxLines)
			}
			col, comment, compact, lineStart, prev = 0, false, 0, true, '\n'
			continue
		}
		if c&0xC0 != 0x80 { // columns count characters, not UTF-8 bytes
			col++
		}
		if col > MaxLineLength {
			return at(line, col, "line %d is longer than %d characters; that is the limit", line, MaxLineLength)
		}
		switch {
		case comment:
		case quote == '\'':
			if c == '\'' {
				if i+1 < len(data) && data[i+1] == '\'' {
					i, col = i+1, col+1 // '' is an escaped quote
				} else {
					quote = 0
				}
			}
		case quote == '"':
			if c == '\\' && i+1 < len(data) && data[i+1] != '\n' && data[i+1] != '\r' {
				i, col = i+1, col+1 // an escaped character
			} else if c == '"' {
				quote = 0
			}
		case c == '#' && (prev == ' ' || prev == '\t' || prev == '\n'):
			comment = true
		case (c == '\'' || c == '"') && scalarMayStart(prev):
			quote = c
		case c == '[' || c == '{':
			depth++
			if depth > MaxNesting {
				return at(line, col, "collections nested more than %d deep; that is the limit", MaxNesting)
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		case lineStart && (c == '-' || c == '?') && (i+1 == len(data) || isBlank(data[i+1])):
			compact++
			if compact > MaxNesting {
				return at(line, col, "entries nested more than %d deep on one line; that is the limit", MaxNesting)
			}
		}
		if lineStart && !isBlank(c) && !((c == '-' || c == '?') && quote == 0 && !comment) {
			lineStart = false
		}
		prev = c
	}
	return nil
}

// scalarMayStart reports whether a scalar can begin after the byte prev.
func scalarMayStart(prev byte) bool {
	switch prev {
	case ' ', '\t', '\n', '[', '{', ',', ':', '-', '?':
		return true
	}
	return false
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lineAt returns line n (1-based) of data, with YAML's line breaks, or "".
func lineAt(data []byte, n int) string {
	for l := 1; len(data) > 0; l++ {
		end := len(data)
		next := len(data)
		for i, c := range data {
			if c == '\n' || c == '\r' {
				end, next = i, i+1
				if c == '\r' && i+1 < len(data) && data[i+1] == '\n' {
					next++
				}
				break
			}
		}
		if l == n {
			return string(data[:end])
		}
		data = data[next:]
	}
	return ""
}
