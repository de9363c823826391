package scenario

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the loader: it must never panic or
// hang, and every failure must be an ErrorList whose positions lie inside
// the input.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/broken/*.yaml")
	more, _ := filepath.Glob("../scenarios/*.yaml")
	seeds = append(seeds, more...)
	seeds = append(seeds, "testdata/all-mechanisms.yaml")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(minimal))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("deter: 1\nactors: [{<<: {id: x}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err == nil {
			_ = Unsourced(s)
			Values(s, func(string, *Value) {})
			return
		}
		var list ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("error is not an ErrorList: %v", err)
		}
		if len(list) == 0 {
			t.Fatal("empty ErrorList returned as an error")
		}
		// Line breaks as YAML counts them: CR LF, LF, or a lone CR.
		lines := 1
		for i, c := range data {
			if c == '\n' || c == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
				lines++
			}
		}
		for _, e := range list {
			if e.Pos.Line < 0 || e.Pos.Line > lines+1 {
				t.Fatalf("error position %v outside the %d-line input: %v", e.Pos, lines, e)
			}
			_ = e.Excerpt()
		}
	})
}

// FuzzParseFragment feeds arbitrary mechanism blocks to ParseFragment (the
// workbench's path for user-typed parameters): no panic, and every failure
// is an ErrorList.
func FuzzParseFragment(f *testing.F) {
	s, err := Parse("m.yaml", []byte(minimal))
	if err != nil {
		f.Fatal(err)
	}
	for _, m := range MechanismList() {
		if tpl, err := MechanismTemplate(m.Key); err == nil {
			f.Add(m.Key, tpl)
		}
	}
	f.Add("observers", "count: 1e999\n")
	f.Add("deterrent_force", "contingents: [{actor: green, troops: .nan}]\nposture: tripwire\n")
	keys := MechanismList()
	f.Fuzz(func(t *testing.T, key, text string) {
		var ms Mechanisms
		err := ms.ParseInto(s, key, text)
		if err == nil {
			return
		}
		var list ErrorList
		valid := false
		for _, k := range keys {
			if k.Key == key {
				valid = true
			}
		}
		if valid && !errors.As(err, &list) {
			t.Fatalf("error is not an ErrorList: %v", err)
		}
	})
}
