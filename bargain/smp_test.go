package bargain

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

// genActors draws actors from continuous distributions (capability
// uniform on [1, 200], positions on [0, 1], saliences summing to a total
// uniform on [0.3, 1]) with a PCG stream seeded by rapid, so that no two
// numbers are equal in exact arithmetic. (rapid's own float draws favour round and
// boundary values: 1, 0.5, 5.6e-17; those give coalitions tied in exact
// arithmetic and bargains exactly half way between two 4-decimal points,
// which rounding, that is the order of summation, decides: no labelling
// property survives those.)
func genActors(t *rapid.T, na, nd int) []SMPActor {
	r := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 0))
	actors := make([]SMPActor, na)
	for i := range actors {
		a := SMPActor{Name: strconv.Itoa(i), Capability: 1 + 199*r.Float64()}
		total := 0.3 + 0.7*r.Float64()
		raw := make([]float64, nd)
		sum := 0.0
		for k := range nd {
			raw[k] = 0.05 + 0.95*r.Float64()
			sum += raw[k]
			a.Position = append(a.Position, r.Float64())
		}
		for k := range nd {
			a.Salience = append(a.Salience, total*raw[k]/sum)
		}
		actors[i] = a
	}
	return actors
}

// TestSMPProperties: (1) every position of every state lies within the
// range of the starting positions on each dimension (the convex hull's
// projection: bargains interpolate); (2) identical treatment: listing the
// actors in reverse order changes nobody's path (labels do not matter;
// identical actors, which RunSMP tells apart by their order, are in
// TestSMPIdenticalActors); (3) an actor with zero salience on a dimension
// has zero weight in the forecast there (SMPForecast).
func TestSMPProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		na := rapid.IntRange(2, 6).Draw(t, "actors")
		nd := rapid.IntRange(1, 3).Draw(t, "dims")
		actors := genActors(t, na, nd)
		states, err := RunSMP(actors)
		if err != nil {
			t.Fatal(err)
		}
		for k := range nd {
			lo, hi := 1.0, 0.0
			for _, a := range actors {
				lo, hi = min(lo, a.Position[k]), max(hi, a.Position[k])
			}
			for s, st := range states {
				for i, p := range st.Positions {
					if p[k] < lo-1e-4 || p[k] > hi+1e-4 {
						t.Fatalf("state %d actor %d dimension %d: %v outside [%v, %v]", s, i, k, p[k], lo, hi)
					}
				}
			}
		}
		rev := make([]SMPActor, na)
		for i := range actors {
			rev[na-1-i] = actors[i]
		}
		rstates, err := RunSMP(rev)
		if err != nil {
			t.Fatal(err)
		}
		if len(rstates) != len(states) {
			t.Fatalf("reversed order: %d states, not %d", len(rstates), len(states))
		}
		for s := range states {
			for i := range na {
				for k := range nd {
					got, want := states[s].Positions[i][k], rstates[s].Positions[na-1-i][k]
					if math.Abs(got-want) > 1e-9 {
						t.Fatalf("state %d actor %d dimension %d: %v, reversed %v", s, i, k, got, want)
					}
				}
			}
		}
		// (3): give actor 0 zero salience on dimension 0 and move it
		// there: its own final position has no weight in the forecast.
		if nd > 1 {
			z := append([]SMPActor(nil), actors...)
			z[0].Salience = append([]float64{0}, z[0].Salience[1:]...)
			fs, err := RunSMP(z)
			if err != nil {
				t.Fatal(err)
			}
			f := SMPForecast(z, fs[len(fs)-1].Positions)
			moved := make([][]float64, na)
			copy(moved, fs[len(fs)-1].Positions)
			moved[0] = append([]float64{1 - moved[0][0]}, moved[0][1:]...)
			if g := SMPForecast(z, moved); math.Abs(g[0]-f[0]) > 1e-12 {
				t.Fatalf("zero-salience actor moved the forecast: %v → %v", f[0], g[0])
			}
		}
	})
}

// sortedPositions returns the positions in lexicographic order.
func sortedPositions(pos [][]float64) [][]float64 {
	out := slices.Clone(pos)
	slices.SortFunc(out, func(a, b []float64) int { return slices.Compare(a, b) })
	return out
}

// TestSMPIdenticalActors: three identical actors and a fourth (the case
// that rapid found against an earlier form of TestSMPProperties). RunSMP
// breaks the identical actors' ties by their order, so which of them
// moves depends on it, but the positions taken, sorted, must not.
func TestSMPIdenticalActors(t *testing.T) {
	one := SMPActor{Capability: 1, Position: []float64{1}, Salience: []float64{1}}
	half := SMPActor{Capability: 1, Position: []float64{0.5}, Salience: []float64{1}}
	states, err := RunSMP([]SMPActor{one, one, one, half})
	if err != nil {
		t.Fatal(err)
	}
	rstates, err := RunSMP([]SMPActor{half, one, one, one})
	if err != nil {
		t.Fatal(err)
	}
	if len(rstates) != len(states) {
		t.Fatalf("reversed order: %d states, not %d", len(rstates), len(states))
	}
	moved := false
	for s := range states {
		got, want := sortedPositions(states[s].Positions), sortedPositions(rstates[s].Positions)
		for i := range got {
			if math.Abs(got[i][0]-want[i][0]) > 1e-9 {
				t.Fatalf("state %d: sorted positions %v, reversed %v", s, got, want)
			}
			moved = moved || got[i][0] != states[0].Positions[i][0] && got[i][0] != 1 && got[i][0] != 0.5
		}
	}
	if !moved {
		t.Fatal("nobody moved: the case no longer tests tie-breaking")
	}
}
