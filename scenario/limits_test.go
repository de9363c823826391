package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShapeLimits: each limit refuses the shapes the YAML parser is slow on
// (limits.go gives the times measured), at the line and column where the
// limit is passed, and lets the same shape just inside the limit through to
// the parser.
func TestShapeLimits(t *testing.T) {
	keys := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "k%d: 1\n", i)
		}
		return b.String()
	}
	for _, c := range []struct {
		name, in  string
		line, col int    // where the error must be; 0: no shape error
		msg       string // in the message
	}{
		{"flow nesting", strings.Repeat("- [", 40000), 1, 3 * (MaxNesting + 1), "nested more than 64"},
		{"columns count characters", "a: éé" + strings.Repeat("[", 100), 1, 5 + MaxNesting + 1, "nested more than 64"},
		{"flow nesting at the limit", "a: " + strings.Repeat("[", MaxNesting) + strings.Repeat("]", MaxNesting), 0, 0, ""},
		{"braces", "a: " + strings.Repeat("{b: ", 100), 1, 4 + 4*MaxNesting, "nested more than 64"},
		{"compact entries", strings.Repeat("- ", 5000), 1, 2*MaxNesting + 1, "entries nested more than 64"},
		{"compact entries on a later line", "a:\n  " + strings.Repeat("? - ", 40), 2, 3 + 2*MaxNesting, "entries nested"},
		{"many keys", keys(MaxLines + 5), MaxLines + 1, 1, "more than 20000 lines"},
		{"long line", "a: " + strings.Repeat("a: ", 40000), 1, MaxLineLength + 1, "longer than 10000"},
		{"lone CR counts as a line break", strings.Repeat("\r", MaxLines), MaxLines + 1, 1, "lines"},
		{"CR LF counts once", strings.Repeat("\r\n", MaxLines-1), 0, 0, ""},
		{"brackets in quotes and comments", strings.Repeat("a: '[[[['\nb: \"{{{{\\\"\"\n# [[[[\n", 100), 0, 0, ""},
		{"apostrophe in a plain scalar", strings.Repeat("a: Russia's [view] isn't [known]\n", 100), 0, 0, ""},
		{"escaped quote in single quotes", strings.Repeat("a: 'it''s [' # [\n", 100), 0, 0, ""},
		{"too large", strings.Repeat("# comment\n", MaxFileSize/10+1), 0, 0, "the limit is 1048576"},
	} {
		e := checkShape("f.yaml", []byte(c.in))
		if c.msg == "" {
			if e != nil {
				t.Errorf("%s: refused: %v", c.name, e)
			}
			continue
		}
		if e == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if e.Pos.Line != c.line || e.Pos.Col != c.col || !strings.Contains(e.Msg, c.msg) || e.File != "f.yaml" {
			t.Errorf("%s: %v at %d:%d, want %q at %d:%d", c.name, e, e.Pos.Line, e.Pos.Col, c.msg, c.line, c.col)
		}
		// Parse reports it as its only error.
		_, err := Parse("f.yaml", []byte(c.in))
		var list ErrorList
		if !errors.As(err, &list) || len(list) != 1 || list[0].Msg != e.Msg {
			t.Errorf("%s: Parse gave %v", c.name, err)
		}
	}
}

// BenchmarkCheckShape measures the guard on the largest shipped scenario.
func BenchmarkCheckShape(b *testing.B) {
	data := readScenario(b, "ukraine-2025.yaml")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if e := checkShape("u.yaml", data); e != nil {
			b.Fatal(e)
		}
	}
}

func readScenario(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "scenarios", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// TestShippedScenariosWellInsideLimits: the limits leave room; the largest
// shipped scenario must stay under a tenth of each.
func TestShippedScenariosWellInsideLimits(t *testing.T) {
	paths, _ := filepath.Glob("../scenarios/*.yaml")
	if len(paths) == 0 {
		t.Fatal("no shipped scenarios found")
	}
	for _, p := range paths {
		data := readScenario(t, filepath.Base(p))
		n := strings.Count(string(data), "\n")
		longest := 0
		for _, l := range strings.Split(string(data), "\n") {
			longest = max(longest, len(l))
		}
		if len(data) > MaxFileSize/10 || n > MaxLines/10 || longest > MaxLineLength/10 {
			t.Errorf("%s: %d bytes, %d lines, longest %d: within a tenth of a limit", p, len(data), n, longest)
		}
	}
}

// TestExcerptLongLine: an excerpt of a long line is a window around the
// column, marked with "…", and the caret stands under the offending
// character wherever it is on the line (multi-byte characters included).
func TestExcerptLongLine(t *testing.T) {
	for _, col := range []int{1, 5, 300, 496, 500} {
		line := []rune(strings.Repeat("é", 500))
		line[col-1] = 'X'
		e := &FieldError{File: "f.yaml", Pos: Pos{Line: 7, Col: col}, Msg: "m", line: string(line)}
		parts := strings.Split(e.Excerpt(), "\n")
		if len(parts) != 2 {
			t.Fatalf("col %d: excerpt %q", col, e.Excerpt())
		}
		text, caret := []rune(parts[0]), []rune(parts[1])
		at := len(caret) - 1
		if caret[at] != '^' || at >= len(text) || text[at] != 'X' {
			t.Errorf("col %d: caret not under X:\n%s", col, e.Excerpt())
		}
		if n := len(text) - len("    7 | "); n > excerptWidth+2 {
			t.Errorf("col %d: %d characters shown", col, n)
		}
		if strings.HasPrefix(string(text[len("    7 | "):]), "…") != (col > excerptWidth/2+1) {
			t.Errorf("col %d: leading mark wrong:\n%s", col, e.Excerpt())
		}
	}
}

// TestTooManyPackages: a file asking for more than MaxPackages packages is
// refused at the first one too many, with its line (a 250 kB request with
// 5,000 packages took 1.39 GB in the workbench).
func TestTooManyPackages(t *testing.T) {
	src, err := os.ReadFile("../scenarios/baltic-2016.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range MaxPackages + 5 {
		fmt.Fprintf(&b, "  - {id: extra-%d, name: Extra %d}\n", i, i)
	}
	text := strings.Replace(string(src), "\npackages:\n", "\npackages:\n"+b.String(), 1)
	_, err = Parse("many.yaml", []byte(text))
	if err == nil || !strings.Contains(err.Error(), "packages; at most") {
		t.Fatalf("err = %v", err)
	}
}

// TestFractionOfAPerson: a strength between 0 and 1 person validated and
// then broke the campaign with no location; it is refused at its line.
func TestFractionOfAPerson(t *testing.T) {
	src, err := os.ReadFile("../scenarios/baltic-2016.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(src), "strength: {value: 20000,", "strength: {value: 1.0e-150,", 1)
	_, err = Parse("tiny.yaml", []byte(text))
	if err == nil || !strings.Contains(err.Error(), "at least 1 person") || !strings.Contains(err.Error(), "tiny.yaml:") {
		t.Fatalf("err = %v", err)
	}
}
