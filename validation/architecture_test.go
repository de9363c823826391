package validation

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// imports lists what the non-test Go files of a package folder import.
func imports(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s (%v)", dir, err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// TestArchitecture enforces docs/architecture.md's arrows: the models know
// nothing of the scenario format, the validation wing, files or the
// network; engine does not reach into the game library; report renders
// engine results without running anything.
func TestArchitecture(t *testing.T) {
	models := []string{"campaign", "deterrence", "bargain", "cost", "ceasefire", "game", "optimise"}
	banned := []string{"deter/scenario", "deter/validation", "deter/engine", "deter/internal/refdata", "os", "net/http", "io/fs", "path/filepath"}
	for _, m := range models {
		for _, im := range imports(t, m) {
			if slices.Contains(banned, im) {
				t.Errorf("model package %s imports %s", m, im)
			}
			if m != "deterrence" && strings.HasPrefix(im, "deter/") {
				t.Errorf("model package %s imports %s (models import no other part of the module; deterrence may use game)", m, im)
			}
		}
	}
	// The case-library backtest sits beside the validation wing: it runs
	// the engine, and neither renders nor orchestrates.
	for _, im := range imports(t, "backtest") {
		if slices.Contains([]string{"deter/app", "deter/report", "deter/web", "deter/store", "deter/validation"}, im) {
			t.Errorf("backtest imports %s", im)
		}
	}
	if slices.Contains(imports(t, "engine"), "deter/game") {
		t.Error("engine imports game: validation cases and game tools belong elsewhere")
	}
	for _, face := range []string{"cmd/deter", "web"} {
		if !slices.Contains(imports(t, face), "deter/app") {
			t.Errorf("%s does not go through the orchestration layer app", face)
		}
	}
	// report renders: it may name engine's result types, never call it.
	files, _ := filepath.Glob("../report/*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == "engine" {
						t.Errorf("%s calls engine.%s: report computes nothing", fset.Position(c.Pos()), sel.Sel.Name)
					}
				}
			}
			return true
		})
	}
	if _, err := os.Stat("../check"); err == nil {
		t.Error("the old check package is back: validation cases live in validation")
	}
}
