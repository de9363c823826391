package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deter/internal/refdata"
)

// goldenCommands are the commands whose whole output is pinned in
// cmd/deter/testdata/golden/*.golden: the text and JSON of `deter run` on
// every shipped scenario, the bargaining path, the game solvers on a few
// games and the Markdown report. A refactoring that changes none of the
// models must leave every one of them byte for byte unchanged; run
// `go test ./cmd/deter -run TestGolden -update` only when an answer is
// meant to change, and say why in the commit.
func goldenCommands(t *testing.T) map[string][]string {
	t.Helper()
	cmds := map[string][]string{
		"bargain-ukraine-2025":  {"bargain", "scenarios/ukraine-2025.yaml"},
		"game-bos-enummixed":    {"game", "solve", "testdata/games/bos.nfg", "--method", "enummixed"},
		"game-entry-behavior":   {"game", "solve", "testdata/games/entry.efg", "--method", "enummixed", "--behavior"},
		"game-pennies-seqform":  {"game", "solve", "testdata/games/pennies.efg", "--method", "seqform"},
		"game-jordan3-enumpoly": {"game", "solve", "testdata/games/jordan3.nfg", "--method", "enumpoly"},
		"game-entry-spe":        {"game", "solve", "testdata/games/entry.efg", "--method", "spe"},
		"game-bos-logit":        {"game", "solve", "testdata/games/bos.nfg", "--method", "logit", "--lambda", "1,10"},
		"mechanisms":            {"mechanisms"},
		"run-ukraine-by-means":  {"run", "scenarios/ukraine-2025.yaml", "--intervention", "by_means"},
		"effects-ukraine-2025":  {"effects", "scenarios/ukraine-2025.yaml"},
	}
	files, err := filepath.Glob("scenarios/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no shipped scenarios found (%v)", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		cmds["run-"+name] = []string{"run", f}
		cmds["run-"+name+"-json"] = []string{"run", f, "--json"}
	}
	return cmds
}

// TestGolden pins the output of the commands in goldenCommands, and of
// `deter report --format md` and `deter check` (the latter only when the
// reference data is present: without it its cases are skipped and the
// table differs).
func TestGolden(t *testing.T) {
	t.Chdir("../..")
	for name, args := range goldenCommands(t) {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := deter(t, args...)
			if code != 0 {
				t.Fatalf("deter %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
			}
			golden(t, filepath.Join("golden", name+".golden"), out)
		})
	}
	t.Run("game-deterrence-european", func(t *testing.T) {
		// The game file is 4.5 MB: its SHA-256 is pinned instead.
		out, errOut, code := deter(t, "game", "deterrence", "scenarios/ukraine-2025.yaml", "--package", "european-force")
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		sum := sha256.Sum256([]byte(out))
		golden(t, filepath.Join("golden", "game-deterrence-european.sha256"), hex.EncodeToString(sum[:])+"\n")
	})
	t.Run("report-md-ukraine-2025", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "r.md")
		if _, errOut, code := deter(t, "report", "scenarios/ukraine-2025.yaml", "--format", "md", "-o", path); code != 0 {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// The build's version is not part of the answer.
		got := strings.ReplaceAll(string(b), version(), "VERSION")
		golden(t, filepath.Join("golden", "report-md-ukraine-2025.golden"), got)
	})
	t.Run("check", func(t *testing.T) {
		if refdata.Dir() == "" {
			t.Skip("../shared/data is absent: deter check would skip its data cases; golden not compared")
		}
		out, errOut, code := deter(t, "check")
		if code != 0 {
			t.Fatalf("exit %d\n%s%s", code, out, errOut)
		}
		golden(t, filepath.Join("golden", "check.golden"), out)
	})
}

// TestUncertaintyDocs: the Ukraine answer under uncertainty quoted in
// docs/uncertainty.md (whole) and README.md (the per-package table) is the
// program's: the same text as the run-ukraine-2025 golden output, which
// TestGolden checks against the program.
func TestUncertaintyDocs(t *testing.T) {
	t.Chdir("../..")
	g, err := os.ReadFile("cmd/deter/testdata/golden/run-ukraine-2025.golden")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(g), "Under uncertainty")
	if i < 0 {
		t.Fatal("the golden run has no section under uncertainty")
	}
	section := strings.TrimRight(string(g[i:]), "\n")
	lines := strings.Split(section, "\n")
	for _, c := range []struct{ file, marker, want string }{
		{"docs/uncertainty.md", "run-uncertainty", section},
		{"README.md", "run-uncertainty-short", strings.Join(lines[4:10], "\n")},
	} {
		doc, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		_, rest, ok1 := strings.Cut(string(doc), "<!-- "+c.marker+":begin -->\n```\n")
		block, _, ok2 := strings.Cut(rest, "\n```\n<!-- "+c.marker+":end -->")
		if !ok1 || !ok2 {
			t.Errorf("%s: no %s block", c.file, c.marker)
			continue
		}
		if block != c.want {
			t.Errorf("%s is stale: its %s block differs from deter run's output; paste:\n%s", c.file, c.marker, c.want)
		}
	}
}

// TestTimelineDocs: the Ukraine timeline quoted in docs/timeline.md is the
// program's (the run-ukraine-2025 golden output, which TestGolden checks).
func TestTimelineDocs(t *testing.T) {
	t.Chdir("../..")
	g, err := os.ReadFile("cmd/deter/testdata/golden/run-ukraine-2025.golden")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(g), "The cease-fire year by year")
	if i < 0 {
		t.Fatal("the golden run has no timeline section")
	}
	section, _, _ := strings.Cut(string(g[i:]), "\n\n")
	doc, err := os.ReadFile("docs/timeline.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok1 := strings.Cut(string(doc), "<!-- run-timeline:begin -->\n```\n")
	block, _, ok2 := strings.Cut(rest, "\n```\n<!-- run-timeline:end -->")
	if !ok1 || !ok2 {
		t.Fatal("docs/timeline.md: no run-timeline block")
	}
	if block != section {
		t.Errorf("docs/timeline.md is stale; paste:\n%s", section)
	}
}
