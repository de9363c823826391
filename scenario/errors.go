package scenario

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a scenario file. Line and Col are 1-based; zero means
// unknown.
type Pos struct {
	Line, Col int
	// File is set for a value that comes from another file than the
	// scenario's: the shared coefficients (coefficients.yaml).
	File string
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// FieldError is one problem found while loading a scenario: where it is
// (file, line, column), which field (a path such as
// "actors[0].forces[2].strength"), and what is wrong.
type FieldError struct {
	File  string
	Pos   Pos
	Path  string // field path; empty for whole-document problems
	Msg   string
	Value string // offending value as written, if any
	line  string // source line, for the caret excerpt
}

func (e *FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Pos.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Pos.Line, e.Pos.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// excerptWidth is the most characters of a line an excerpt shows; longer
// lines are cut to a window around the column, marked with "…".
const excerptWidth = 120

// Excerpt returns the offending source line with a caret under the column,
// or "" when the position is unknown.
func (e *FieldError) Excerpt() string {
	if e.Pos.Line <= 0 || e.line == "" {
		return ""
	}
	num := fmt.Sprintf("%5d | ", e.Pos.Line)
	col := max(e.Pos.Col, 1)
	pad := strings.Repeat(" ", len(num)-2) + "| "
	line := []rune(e.line)
	if col-1 > len(line) {
		col = len(line) + 1
	}
	if len(line) > excerptWidth {
		from := min(max(col-1-excerptWidth/2, 0), len(line)-excerptWidth)
		to := from + excerptWidth
		head, tail := "", ""
		if from > 0 {
			head = "…"
		}
		if to < len(line) {
			tail = "…"
		}
		col -= from
		if head != "" {
			col++ // the caret moves past "…"
		}
		line = []rune(head + string(line[from:to]) + tail)
	}
	// Keep tabs so the caret lines up with what the terminal shows.
	var caret strings.Builder
	for _, r := range line[:col-1] {
		if r == '\t' {
			caret.WriteRune('\t')
		} else {
			caret.WriteRune(' ')
		}
	}
	return num + string(line) + "\n" + pad + caret.String() + "^"
}

// ErrorList is every problem found in one or more scenario files, sorted by
// file and position. It is returned as a single error by [Load] and [Parse].
type ErrorList []*FieldError

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	fmt.Fprintf(&b, "\n%d errors", len(l))
	return b.String()
}

// Sort orders the list by file, line, column, path and message.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Msg < b.Msg
	})
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
