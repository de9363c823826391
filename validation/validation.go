// Package validation is the validation wing: every model-validation case (a
// model's answer compared with a published figure, its source, a stated
// tolerance, and whether the case is out of sample, in sample, or the very
// number a parameter was set from), and every reader of the reference data
// in ../shared/data that those cases compare with.
//
// It sits beside engine, above the models: it imports them, they never
// import it, and no model package reads a file. `deter check` runs [All]
// and prints the table; this package's tests run exactly the same cases.
// It is not a test helper for the models' own unit tests (those find the
// reference data through internal/refdata).
package validation

import (
	"errors"
	"fmt"
	"math"

	"deter/internal/refdata"
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
var ErrNoData = refdata.ErrNoData

// Sample says how a case relates to the data the model was set from, so a
// reader knows how much a pass proves.
type Sample string

const (
	// OutOfSample: nothing the model uses was set from this outcome (a
	// retrodiction or a prediction, or an independent implementation of
	// the same method).
	OutOfSample Sample = "out of sample"
	// InSample: the case's outcome was known when the model or the
	// scenario's coefficients were set, without being fitted to it:
	// a consistency check.
	InSample Sample = "in sample"
	// Calibrated: the published number is the very one a parameter was set
	// from (or the record a fit was made to): a pass shows only that the
	// calibration still holds.
	Calibrated Sample = "calibrated to"
)

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
	// Sample says whether the case is out of sample, in sample, or the
	// number the model was calibrated to.
	Sample Sample
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

// FindData locates the reference-data folder (see refdata.Dir); "" when
// there is none.
func FindData() string { return refdata.Dir() }

// DataFile returns the path of a file inside the data folder, or an error
// wrapping ErrNoData.
func (e Env) DataFile(rel string) (string, error) { return refdata.File(e.DataDir, rel) }
