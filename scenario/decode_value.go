package scenario

import (
	"math"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"gonum.org/v1/gonum/stat/distuv"
)

// distSpec is a distribution's kind and the keys it takes.
type distSpec struct {
	d        Dist
	required []string
	optional []string
}

// distParams lists, for each distribution, the keys it takes and which are
// required. Keys: value, min, max, mode, mean, sd, median, sigma, alpha, beta.
var distParams = map[string]distSpec{
	"point":      {Point, []string{"value"}, nil},
	"uniform":    {Uniform, []string{"min", "max"}, nil},
	"triangular": {Triangular, []string{"min", "mode", "max"}, nil},
	"normal":     {Normal, []string{"mean", "sd"}, []string{"min", "max"}},
	"lognormal":  {LogNormal, []string{"median", "sigma"}, nil},
	"beta":       {Beta, []string{"alpha", "beta"}, []string{"min", "max"}},
}

var distNamesList = []string{"point", "uniform", "triangular", "normal", "lognormal", "beta"}

// decodeValue reads a number, or a mapping that gives a point value or a
// distribution with optional source and note.
func (d *decoder) decodeValue(n ast.Node, v *Value, path string, r rules) {
	if isNull(n) {
		return
	}
	v.Pos = posOf(n)
	defer func() {
		if v.set {
			if v.Source == "" && len(d.srcs) > 0 {
				v.Source = d.srcs[len(d.srcs)-1]
				v.Inherited = true
			}
			d.values = append(d.values, valueUse{v: v, path: path})
		}
	}()
	m, ok := n.(*ast.MappingNode)
	if !ok {
		x, ok := d.number(n, path)
		if !ok {
			return
		}
		if d.checkRange(x, x, v.Pos, path, r) {
			*v = Value{Dist: Point, P: [4]float64{x}, Pos: v.Pos, set: true}
		}
		return
	}
	f, bad := d.valueFields(m, v, path)
	if f.dist == "" {
		if _, ok := f.nums["value"]; ok {
			f.dist = "point"
		} else if !bad {
			d.errorf(v.Pos, path, "a number written as a mapping needs 'value:' or 'dist:'")
			return
		}
	}
	spec, ok := distParams[f.dist]
	if bad || !ok || !d.distFieldsApply(f, spec, path) {
		return
	}
	out, ok := d.distribution(f, spec, v, path, r)
	if !ok {
		return
	}
	lo, hi := out.Support()
	if out.Dist == LogNormal {
		lo = math.SmallestNonzeroFloat64 // its support is open at 0
	}
	if d.checkRange(lo, hi, v.Pos, path, r) {
		*v = out
	}
}

// valueFieldSet is what a number written as a mapping gives: its numbers
// by key with their positions, and its distribution's name and position.
type valueFieldSet struct {
	nums    map[string]float64
	numPos  map[string]Pos
	dist    string
	distPos Pos
}

// valueFields reads the keys of a number written as a mapping, setting
// v's source, note and id; bad reports an error already recorded.
func (d *decoder) valueFields(m *ast.MappingNode, v *Value, path string) (f valueFieldSet, bad bool) {
	f = valueFieldSet{nums: map[string]float64{}, numPos: map[string]Pos{}, distPos: v.Pos}
	for _, e := range d.entries(m, path, 0) {
		kp := joinPath(path, e.key)
		val := d.resolve(e.val, kp)
		if val == nil {
			bad = true
			continue
		}
		switch e.key {
		case "dist":
			s, ok := val.(*ast.StringNode)
			if !ok {
				d.errorf(posOf(val), kp, "expected a distribution name, got %s", kindName(val))
				bad = true
				continue
			}
			f.dist, f.distPos = s.Value, posOf(val)
			if _, ok := distParams[f.dist]; !ok {
				d.errorf(f.distPos, kp, "unknown distribution %q; use one of: %s%s", f.dist, strings.Join(distNamesList, ", "), suggest(f.dist, distNamesList))
				bad = true
			}
		case "source", "note", "id":
			s, ok := val.(*ast.StringNode)
			if !ok {
				d.errorf(posOf(val), kp, "expected a string, got %s", kindName(val))
				continue
			}
			switch e.key {
			case "id":
				v.ID = s.Value
				d.defineID("value", s.Value, posOf(val), kp)
			case "source":
				v.Source = s.Value
				d.sources = append(d.sources, sourceUse{src: s.Value, path: kp, pos: posOf(val)})
			default:
				v.Note = s.Value
			}
		case "value", "min", "max", "mode", "mean", "sd", "median", "sigma", "alpha", "beta":
			x, ok := d.number(val, kp)
			if !ok {
				bad = true
				continue
			}
			f.nums[e.key], f.numPos[e.key] = x, posOf(val)
		default:
			keys := []string{"value", "dist", "min", "max", "mode", "mean", "sd", "median", "sigma", "alpha", "beta", "source", "note", "id"}
			d.errorf(e.pos, kp, "unknown field %q in a number%s", e.key, suggest(e.key, keys))
			bad = true
		}
	}
	return f, bad
}

// distFieldsApply checks that the distribution has every parameter it
// needs and none it does not take.
func (d *decoder) distFieldsApply(f valueFieldSet, spec distSpec, path string) bool {
	ok := true
	for _, k := range spec.required {
		if _, has := f.nums[k]; !has {
			d.errorf(f.distPos, joinPath(path, k), "%s distribution needs %q", f.dist, k)
			ok = false
		}
	}
	for k, p := range f.numPos {
		if !slices.Contains(spec.required, k) && !slices.Contains(spec.optional, k) {
			d.errorf(p, joinPath(path, k), "%q does not apply to a %s distribution (it takes %s)", k, f.dist, strings.Join(append(slices.Clone(spec.required), spec.optional...), ", "))
			ok = false
		}
	}
	return ok
}

// distribution builds the value and checks its parameters.
func (d *decoder) distribution(f valueFieldSet, spec distSpec, v *Value, path string, r rules) (Value, bool) {
	nums, numPos := f.nums, f.numPos
	get := func(k string, def float64) float64 {
		if x, ok := nums[k]; ok {
			return x
		}
		return def
	}
	out := Value{Dist: spec.d, Source: v.Source, Note: v.Note, ID: v.ID, Pos: v.Pos, set: true}
	inf := math.Inf(1)
	switch spec.d {
	case Point:
		out.P = [4]float64{nums["value"]}
	case Uniform:
		out.P = [4]float64{nums["min"], nums["max"]}
		if !(nums["min"] < nums["max"]) {
			d.errorf(numPos["max"], joinPath(path, "max"), "uniform needs min < max, got %s and %s", fmtNum(nums["min"]), fmtNum(nums["max"]))
			return out, false
		}
	case Triangular:
		a, c, b := nums["min"], nums["mode"], nums["max"]
		out.P = [4]float64{a, c, b}
		if !(a <= c && c <= b && a < b) {
			d.errorf(numPos["mode"], joinPath(path, "mode"), "triangular needs min <= mode <= max and min < max, got %s, %s, %s", fmtNum(a), fmtNum(c), fmtNum(b))
			return out, false
		}
	case Normal:
		mu, sd := nums["mean"], nums["sd"]
		lo, hi := get("min", -inf), get("max", inf)
		out.P = [4]float64{mu, sd, lo, hi}
		return out, d.normalOK(mu, sd, lo, hi, numPos, v.Pos, path, r)
	case LogNormal:
		med, sg := nums["median"], nums["sigma"]
		out.P = [4]float64{med, sg}
		if !(med > 0) || !(sg > 0) {
			d.errorf(v.Pos, path, "lognormal needs median > 0 and sigma > 0, got %s and %s", fmtNum(med), fmtNum(sg))
			return out, false
		}
	case Beta:
		a, b := nums["alpha"], nums["beta"]
		lo, hi := get("min", 0), get("max", 1)
		out.P = [4]float64{a, b, lo, hi}
		if !(a > 0) || !(b > 0) {
			d.errorf(v.Pos, path, "beta needs alpha > 0 and beta > 0, got %s and %s", fmtNum(a), fmtNum(b))
			return out, false
		}
		if !(lo < hi) {
			d.errorf(v.Pos, path, "beta needs min < max, got %s and %s", fmtNum(lo), fmtNum(hi))
			return out, false
		}
	}
	return out, true
}

// normalOK checks a (truncated) normal distribution's parameters.
func (d *decoder) normalOK(mu, sd, lo, hi float64, numPos map[string]Pos, pos Pos, path string, r rules) bool {
	if !(sd > 0) {
		d.errorf(numPos["sd"], joinPath(path, "sd"), "sd must be > 0, got %s", fmtNum(sd))
		return false
	}
	if !(lo < hi) {
		d.errorf(numPos["max"], joinPath(path, "max"), "normal truncation needs min < max")
		return false
	}
	n := distuv.Normal{Mu: mu, Sigma: sd}
	if n.CDF(hi)-n.CDF(lo) < 0.01 {
		d.errorf(pos, path, "truncation [%s, %s] keeps less than 1%% of normal(%s, %s); move the bounds or the mean", fmtNum(lo), fmtNum(hi), fmtNum(mu), fmtNum(sd))
		return false
	}
	if (lo < r.min || lo <= r.gt) && math.IsInf(lo, -1) || (hi > r.max || hi >= r.lt) && math.IsInf(hi, 1) {
		d.errorf(pos, path, "a normal distribution is unbounded; this field needs %s, so give min: and max: to truncate it", boundsText(r))
		return false
	}
	return true
}

func boundsText(r rules) string {
	var parts []string
	if !math.IsInf(r.min, -1) {
		parts = append(parts, ">= "+fmtNum(r.min))
	}
	if !math.IsInf(r.gt, -1) {
		parts = append(parts, "> "+fmtNum(r.gt))
	}
	if !math.IsInf(r.max, 1) {
		parts = append(parts, "<= "+fmtNum(r.max))
	}
	if !math.IsInf(r.lt, 1) {
		parts = append(parts, "< "+fmtNum(r.lt))
	}
	return "values " + strings.Join(parts, " and ")
}
