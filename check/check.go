// Package check holds model-validation cases: a model's answer compared with
// a published figure, its source, and a stated tolerance.
//
// Each model package exposes its cases (for example campaign.Cases); its own
// tests run exactly those cases, and `deter check` runs them all and prints
// the table, so users see how far to trust each model. This package knows
// nothing of the models: it only runs cases and compares numbers.
package check

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
)

// Compare says how a model value is judged against the published one.
type Compare int

const (
	// Within passes when |model − published| ≤ Tol.
	Within Compare = iota
	// RelWithin passes when |model − published| ≤ Tol·|published|.
	RelWithin
	// Factor passes when published/Tol ≤ model ≤ published·Tol (Tol > 1).
	Factor
	// AtMost passes when model ≤ published + Tol.
	AtMost
	// AtLeast passes when model ≥ published − Tol.
	AtLeast
)

// Env is what a case may use.
type Env struct {
	// DataDir is the reference-data folder (../shared/data), or "" if absent.
	DataDir string
}

// ErrNoData is returned (wrapped) by a case whose reference data is absent;
// the case is then reported as skipped, not failed.
var ErrNoData = errors.New("reference data not found")

// Case is one validation case.
type Case struct {
	ID        string  // short unique name, e.g. "campaign/iwo-jima-us-day36"
	Model     string  // package name, e.g. "campaign"
	What      string  // what is compared, in words
	Source    string  // citation of the published value
	Published float64 // the published value
	Unit      string
	Compare   Compare
	Tol       float64
	// Run computes the model's value.
	Run func(env Env) (float64, error)
}

// Tolerance renders the comparison rule, e.g. "±2%" or "≤ 60 +0".
func (c Case) Tolerance() string {
	switch c.Compare {
	case Within:
		return fmt.Sprintf("±%g %s", c.Tol, c.Unit)
	case RelWithin:
		return fmt.Sprintf("±%g%%", c.Tol*100)
	case Factor:
		return fmt.Sprintf("within ×%g", c.Tol)
	case AtMost:
		return fmt.Sprintf("model ≤ published + %g", c.Tol)
	case AtLeast:
		return fmt.Sprintf("model ≥ published − %g", c.Tol)
	}
	return "?"
}

// Pass reports whether model passes the case's comparison.
func (c Case) Pass(model float64) bool {
	if math.IsNaN(model) || math.IsInf(model, 0) {
		return false
	}
	p := c.Published
	switch c.Compare {
	case Within:
		return math.Abs(model-p) <= c.Tol
	case RelWithin:
		return math.Abs(model-p) <= c.Tol*math.Abs(p)
	case Factor:
		return model >= p/c.Tol && model <= p*c.Tol
	case AtMost:
		return model <= p+c.Tol
	case AtLeast:
		return model >= p-c.Tol
	}
	return false
}

// Status is the outcome of running a case.
type Status string

const (
	Passed  Status = "pass"
	Failed  Status = "FAIL"
	Skipped Status = "skip"
	Errored Status = "ERROR"
)

// Result is a case's outcome.
type Result struct {
	Case   Case
	Model  float64
	Status Status
	Detail string // skip reason or error text
}

// Run runs one case.
func Run(c Case, env Env) Result {
	v, err := c.Run(env)
	switch {
	case errors.Is(err, ErrNoData):
		return Result{Case: c, Status: Skipped, Detail: err.Error()}
	case err != nil:
		return Result{Case: c, Status: Errored, Detail: err.Error()}
	case c.Pass(v):
		return Result{Case: c, Model: v, Status: Passed}
	}
	return Result{Case: c, Model: v, Status: Failed}
}

// FindData locates the reference-data folder: $DETER_DATA if set, else the
// first "shared/data" found beside the current directory or one of its
// parents (the layout ../shared/data next to a checkout). It returns "" when
// there is none.
func FindData() string {
	if d := os.Getenv("DETER_DATA"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		cand := filepath.Join(dir, "..", "shared", "data")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return filepath.Clean(cand)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// DataFile returns the path of a file inside the data folder, or an error
// wrapping ErrNoData.
func (e Env) DataFile(rel string) (string, error) {
	if e.DataDir == "" {
		return "", fmt.Errorf("%w: ../shared/data is absent (set DETER_DATA)", ErrNoData)
	}
	p := filepath.Join(e.DataDir, rel)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %s", ErrNoData, p)
	}
	return p, nil
}
