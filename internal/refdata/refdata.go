// Package refdata locates the project's reference data for validation: the
// folder ../shared/data beside a checkout (or $DETER_DATA), which holds
// published results (Gambit games, KTAB runs, Iwo Jima, DeepStateMap areas)
// that tests and `deter check` compare the models with. The data is never
// copied into the repository; a test that needs it skips with a clear
// message when it is absent.
//
// It is a leaf package so that any test, model packages' included, can find
// the data without importing the validation wing.
package refdata

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// ErrNoData is returned (wrapped) when the reference data, or one file of
// it, is absent. Validation cases that meet it are skipped, not failed.
var ErrNoData = errors.New("reference data not found")

// Dir locates the reference-data folder: $DETER_DATA if set, else the first
// "shared/data" found beside the current directory or one of its parents
// (the layout ../shared/data next to a checkout). It returns "" when there
// is none.
func Dir() string {
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

// File returns the path of rel inside the data folder dir, or an error
// wrapping ErrNoData when dir is "" or the file is absent.
func File(dir, rel string) (string, error) {
	if dir == "" {
		return "", fmt.Errorf("%w: ../shared/data is absent (set DETER_DATA)", ErrNoData)
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %s", ErrNoData, p)
	}
	return p, nil
}

// Path is File in the folder Dir finds: what a test calls to find one
// reference file.
func Path(rel string) (string, error) { return File(Dir(), rel) }

// Scenario finds a scenario shipped in the repository's scenarios/ folder,
// whatever the working directory of the test or command: first
// scenarios/name below the current directory, then beside this source
// file's checkout. The error wraps ErrNoData when neither exists (an
// installed binary run away from its checkout).
func Scenario(name string) (string, error) {
	cands := []string{filepath.Join("scenarios", name)}
	if _, file, _, ok := runtime.Caller(0); ok {
		cands = append(cands, filepath.Join(filepath.Dir(file), "..", "..", "scenarios", name))
	}
	for _, c := range cands {
		if _, err := os.Stat(c); err == nil {
			return c, nil
		}
	}
	return "", fmt.Errorf("%w: shipped scenario %s not found", ErrNoData, name)
}
