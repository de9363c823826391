package sweep

import (
	"context"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"deter/scenario"
)

func load(t testing.TB) *scenario.Scenario {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	s, err := scenario.Load(filepath.Join(filepath.Dir(file), "..", "scenarios", "ukraine-2025.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func collect(t *testing.T, p *Plan, draws []uint64, workers int) []Row {
	t.Helper()
	var mu sync.Mutex
	var rows []Row
	err := p.Execute(context.Background(), draws, Options{Workers: workers, Sink: func(r []Row) error {
		mu.Lock()
		rows = append(rows, r...)
		mu.Unlock()
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(rows, func(a, b Row) int {
		if a.Draw != b.Draw {
			return int(a.Draw) - int(b.Draw)
		}
		return a.Package - b.Package
	})
	return rows
}

func same(a, b []Row) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Draw != b[i].Draw || a[i].Package != b[i].Package {
			return false
		}
		for k := range a[i].Values {
			x, y := a[i].Values[k], b[i].Values[k]
			if math.Float64bits(x) != math.Float64bits(y) {
				return false
			}
		}
	}
	return true
}

// TestWorkersAndShardsIdentical: the same seed gives bit-identical rows with
// 1 worker, 2 workers, and 4 shards run separately and put together.
func TestWorkersAndShardsIdentical(t *testing.T) {
	p := mustPlan(load(t), 42)
	if p.Uncertain() == 0 {
		t.Fatal("the Ukraine scenario should have uncertain values")
	}
	all := Shard{0, 1}.Draws(12)
	one := collect(t, p, all, 1)
	two := collect(t, p, all, 2)
	if !same(one, two) {
		t.Fatal("1 and 2 workers differ")
	}
	var sharded []Row
	for i := range 4 {
		sharded = append(sharded, collect(t, p, Shard{i, 4}.Draws(12), 2)...)
	}
	slices.SortFunc(sharded, func(a, b Row) int {
		if a.Draw != b.Draw {
			return int(a.Draw) - int(b.Draw)
		}
		return a.Package - b.Package
	})
	if !same(one, sharded) {
		t.Fatal("4 shards differ from one run")
	}
	// Different draws differ (the values are really drawn).
	if same(one[:len(s(p))], one[len(s(p)):2*len(s(p))]) {
		t.Fatal("draws 0 and 1 gave identical outputs")
	}
}

func s(p *Plan) []scenario.Package { return p.S.Packages }

// TestCommonRandomNumbers: a value shared by packages through extends or an
// alias is drawn once per draw, so all packages see the same number.
func TestCommonRandomNumbers(t *testing.T) {
	p := mustPlan(load(t), 7)
	d := p.Draw(3)
	var vals []float64
	for _, pk := range d.Packages {
		if ds := pk.Mechanisms.DeepStrikes; ds != nil {
			vals = append(vals, ds.ProductionReduction.Nominal())
			if ds.ProductionReduction.Dist != scenario.Point {
				t.Fatal("drawn value is still a distribution")
			}
		}
	}
	if len(vals) < 3 {
		t.Fatalf("deep strikes in %d packages, want at least 3", len(vals))
	}
	for _, v := range vals[1:] {
		if v != vals[0] {
			t.Fatalf("shared value drawn differently across packages: %v", vals)
		}
	}
	// The original scenario is untouched.
	for _, pk := range p.S.Packages {
		if ds := pk.Mechanisms.DeepStrikes; ds != nil && ds.ProductionReduction.Dist == scenario.Point {
			t.Fatal("Draw modified the plan's scenario")
		}
	}
}

func TestSummarise(t *testing.T) {
	var rows []Row
	for d := range 101 {
		v := make([]float64, len(Output))
		for k := range v {
			v[k] = float64(d)
		}
		v[4] = math.Inf(1)
		if d%4 == 0 {
			v[4] = 10
		}
		rows = append(rows, Row{Draw: uint64(100 - d), Package: 0, Values: v})
	}
	sum, err := Summarise([]string{"p"}, rows)
	if err != nil {
		t.Fatal(err)
	}
	g := sum[0]
	// Values 0..100: mean 50, median 50, 5% quantile 5, 95% quantile 95.
	if g.N != 101 || g.Mean != 50 || g.Median != 50 || g.P05 != 5 || g.P95 != 95 || g.Finite != 1 {
		t.Errorf("summary %+v", g)
	}
	// first_objective_day finite in 26 of 101 draws (0, 4, ..., 100).
	if f := sum[4].Finite; math.Abs(f-26.0/101) > 1e-12 || sum[4].Mean != 10 {
		t.Errorf("first objective share %v mean %v", f, sum[4].Mean)
	}
}

func TestExecuteCancel(t *testing.T) {
	p := mustPlan(load(t), 1)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := p.Execute(ctx, Shard{0, 1}.Draws(50), Options{Workers: 2, Sink: func([]Row) error {
		n++
		if n == 3 {
			cancel()
		}
		return nil
	}})
	if err == nil || n >= 50 {
		t.Fatalf("cancel ignored: err %v after %d draws", err, n)
	}
}

func mustPlan(s *scenario.Scenario, seed uint64) *Plan {
	p, err := NewPlan(s, seed)
	if err != nil {
		panic(err)
	}
	return p
}

// TestRankCorrelation: two values declared with Spearman correlation 0.7
// come out with a sample rank correlation of 0.7 ± 0.04 over 4,000 draws,
// keep their marginal distributions (means within 2%), and inconsistent
// correlations are refused.
func TestRankCorrelation(t *testing.T) {
	src := `deter: 1
name: Correlated
actors:
  - id: red
    name: Red
    role: attacker
    forces:
      - {id: r1, type: infantry, strength: {dist: uniform, min: 10000, max: 20000, id: red-strength}, sector: s}
  - id: blue
    name: Blue
    role: defender
    forces:
      - {id: b1, type: infantry, strength: {dist: triangular, min: 5000, mode: 6000, max: 9000, id: blue-strength}, sector: s}
      - {id: b2, type: infantry, strength: {dist: uniform, min: 100, max: 200, id: other}, sector: s}
theatre:
  sectors: [{id: s, frontage_km: 10, depth_km: 20}]
packages: [{id: p, name: P}]
correlations:
  - {between: [red-strength, blue-strength], rank: 0.7}
`
	s, err := scenario.Parse("c.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p := mustPlan(s, 11)
	const n = 4000
	xs, ys := make([]float64, n), make([]float64, n)
	for d := range n {
		sc := p.Draw(uint64(d))
		xs[d] = sc.Actors[0].Forces[0].Strength.Nominal()
		ys[d] = sc.Actors[1].Forces[0].Strength.Nominal()
	}
	if rho := spearman(xs, ys); math.Abs(rho-0.7) > 0.04 {
		t.Errorf("Spearman %v, want 0.7 ± 0.04", rho)
	}
	mean := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s / float64(len(v))
	}
	if m := mean(xs); math.Abs(m-15000) > 300 {
		t.Errorf("uniform mean %v, want 15000", m)
	}
	if m := mean(ys); math.Abs(m-20000.0/3) > 130 {
		t.Errorf("triangular mean %v, want %v", m, 20000.0/3)
	}
	bad := strings.Replace(src, "correlations:\n", "correlations:\n  - {between: [red-strength, other], rank: 0.99}\n  - {between: [blue-strength, other], rank: -0.99}\n", 1)
	s, err = scenario.Parse("c.yaml", []byte(bad))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewPlan(s, 1); err == nil {
		t.Error("inconsistent correlations accepted")
	}
}

func spearman(a, b []float64) float64 {
	rank := func(v []float64) []float64 {
		idx := make([]int, len(v))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(i, j int) int {
			switch {
			case v[i] < v[j]:
				return -1
			case v[i] > v[j]:
				return 1
			}
			return 0
		})
		r := make([]float64, len(v))
		for k, i := range idx {
			r[i] = float64(k)
		}
		return r
	}
	ra, rb := rank(a), rank(b)
	var ma, mb float64
	for i := range ra {
		ma += ra[i]
		mb += rb[i]
	}
	ma /= float64(len(ra))
	mb /= float64(len(rb))
	var sab, saa, sbb float64
	for i := range ra {
		sab += (ra[i] - ma) * (rb[i] - mb)
		saa += (ra[i] - ma) * (ra[i] - ma)
		sbb += (rb[i] - mb) * (rb[i] - mb)
	}
	return sab / math.Sqrt(saa*sbb)
}
