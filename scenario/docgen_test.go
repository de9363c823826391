package scenario

import (
	"os"
	"strings"
	"testing"
)

const docsFile = "../docs/scenario.md"

// TestDocsUpToDate: the field reference in docs/scenario.md is the one
// generated from the struct tags. Run with -update to rewrite it.
func TestDocsUpToDate(t *testing.T) {
	const begin, end = "<!-- BEGIN GENERATED REFERENCE -->\n", "<!-- END GENERATED REFERENCE -->"
	b, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the generated-reference markers", docsFile)
	}
	gen := MarkdownReference()
	if *update {
		doc = doc[:i+len(begin)] + gen + doc[j:]
		if err := os.WriteFile(docsFile, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if doc[i+len(begin):j] != gen {
		t.Fatalf("the field reference in %s is stale; run go test ./scenario -run TestDocsUpToDate -update", docsFile)
	}
	for _, m := range MechanismList() {
		if !strings.Contains(doc, "`"+m.Key+"`") {
			t.Errorf("mechanism %s not documented", m.Key)
		}
	}
}
