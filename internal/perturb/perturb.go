// Package perturb rewrites numbers in scenario files, for property tests
// that run the models on many valid variants of the shipped scenarios.
// Byte-level fuzzing seldom keeps a scenario valid; changing a few numbers
// to extreme but plausible values (0, a tenth, ten times, a random number
// in [0, 2]) keeps about half of them valid and reaches the corners of the
// models (no troops, no cost, everything tenfold).
package perturb

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
)

// number matches a YAML number in flow or block position; group 2 is the
// number itself.
var number = regexp.MustCompile(`(?m)(:\s*|\[\s*|,\s*)(-?\d+(\.\d+)?)\b`)

// Numbers returns src with k of its numbers (drawn with r; never the first,
// the format version "deter: 1") each replaced by 0, a tenth of itself, ten
// times itself or a uniform number in [0, 2], with equal chances.
func Numbers(src []byte, r *rand.Rand, k int) []byte {
	locs := number.FindAllSubmatchIndex(src, -1)
	if len(locs) < 2 {
		return src
	}
	change := map[int]bool{}
	for range k {
		change[1+r.IntN(len(locs)-1)] = true
	}
	var out []byte
	last := 0
	for i, l := range locs {
		if !change[i] {
			continue
		}
		x, _ := strconv.ParseFloat(string(src[l[4]:l[5]]), 64)
		switch r.IntN(4) {
		case 0:
			x = 0
		case 1:
			x /= 10
		case 2:
			x *= 10
		default:
			x = 2 * r.Float64()
		}
		out = append(append(out, src[last:l[4]]...), strconv.FormatFloat(x, 'g', -1, 64)...)
		last = l[5]
	}
	return append(out, src[last:]...)
}

// Shipped reads the shipped scenarios and the all-mechanisms test scenario,
// given the path from the caller's package to the module root.
func Shipped(root string) ([][]byte, error) {
	paths, _ := filepath.Glob(filepath.Join(root, "scenarios", "*.yaml"))
	paths = append(paths, filepath.Join(root, "scenario", "testdata", "all-mechanisms.yaml"))
	var files [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		files = append(files, b)
	}
	return files, nil
}

// Lines returns src without k of its lines (drawn with r; never the first),
// so that optional fields fall back to their defaults and optional blocks
// disappear. Most results are still valid YAML; whether they are valid
// scenarios is for the loader to say.
func Lines(src []byte, r *rand.Rand, k int) []byte {
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) < 2 {
		return src
	}
	drop := map[int]bool{}
	for range k {
		drop[1+r.IntN(len(lines)-1)] = true
	}
	var out []byte
	for i, l := range lines {
		if !drop[i] {
			out = append(out, l...)
		}
	}
	return out
}
