package bargain

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestFearonRange: the range is [p − cA, p + cD]: never empty when war costs
// something, a single point when it costs nothing, and clipped to [0, 1].
func TestFearonRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.Float64Range(0, 1).Draw(t, "p")
		ca := rapid.Float64Range(0, 2).Draw(t, "ca")
		cd := rapid.Float64Range(0, 2).Draw(t, "cd")
		r, err := Fearon(p, ca, cd)
		if err != nil {
			t.Fatal(err)
		}
		if r.Empty || r.Low > p || r.High < p || r.Low < 0 || r.High > 1 {
			t.Fatalf("range %+v", r)
		}
	})
	r, _ := Fearon(0.3, 0, 0)
	if r.Low != 0.3 || r.High != 0.3 {
		t.Errorf("costless war: %+v", r)
	}
	// Hand-worked: p = 0.25, cA = 0.1, cD = 0.2 → [0.15, 0.45].
	r, _ = Fearon(0.25, 0.1, 0.2)
	if math.Abs(r.Low-0.15) > 1e-15 || math.Abs(r.High-0.45) > 1e-15 {
		t.Errorf("range %+v, want [0.15, 0.45]", r)
	}
	if _, err := Fearon(0.5, -1, 0); err == nil {
		t.Error("negative cost accepted")
	}
}

// TestNash: the symmetric Nash solution picks the option with the largest
// product of gains; options below anyone's disagreement value are out;
// weights tilt the choice toward the weightier actor.
func TestNash(t *testing.T) {
	opts := []Option{
		{"a", []float64{4, 4}},   // product 16
		{"b", []float64{9, 1.5}}, // 13.5
		{"c", []float64{20, 0}},  // defender gets nothing: excluded
	}
	k, err := Nash(opts, []float64{0, 0}, nil)
	if err != nil || k != 0 {
		t.Errorf("symmetric Nash picked %d (%v), want a", k, err)
	}
	k, _ = Nash(opts, []float64{0, 0}, []float64{3, 1})
	if k != 1 {
		t.Errorf("weighted Nash picked %d, want b (9³·1.5 > 4³·4)", k)
	}
	if k, _ := Nash(opts, []float64{30, 30}, nil); k != -1 {
		t.Errorf("no option beats disagreement, got %d", k)
	}
	// Identical actors are treated identically: swapping them swaps nothing.
	sym := []Option{{"x", []float64{2, 5}}, {"y", []float64{5, 2}}, {"z", []float64{3.5, 3.5}}}
	k1, _ := Nash(sym, []float64{0, 0}, nil)
	if sym[k1].Name != "z" {
		t.Errorf("picked %s, want the symmetric z", sym[k1].Name)
	}
}

// TestSpatialProperties: an actor with zero salience does not move the
// weighted mean; the mean lies within the hull of positions.
func TestSpatialProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 8).Draw(t, "n")
		var as []SpatialActor
		lo, hi := math.Inf(1), math.Inf(-1)
		for range n {
			x := rapid.Float64Range(0, 100).Draw(t, "x")
			lo, hi = math.Min(lo, x), math.Max(hi, x)
			as = append(as, SpatialActor{Capability: rapid.Float64Range(0.1, 10).Draw(t, "c"), Position: []float64{x},
				Salience: []float64{rapid.Float64Range(0.1, 100).Draw(t, "s")}})
		}
		m := WeightedMean(as, 0)
		if m < lo-1e-9 || m > hi+1e-9 {
			t.Fatalf("mean %v outside [%v, %v]", m, lo, hi)
		}
		md := WeightedMedian(as, 0)
		if md < lo || md > hi {
			t.Fatalf("median %v outside [%v, %v]", md, lo, hi)
		}
		extra := append(as, SpatialActor{Capability: 5, Position: []float64{rapid.Float64Range(-1000, 1000).Draw(t, "far")}, Salience: []float64{0}})
		if math.Abs(WeightedMean(extra, 0)-m) > 1e-9 {
			t.Fatal("a zero-salience actor moved the mean")
		}
	})
}
