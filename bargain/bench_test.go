package bargain

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// dummyActors generates n actors on d dimensions as KTAB's dummy data do:
// capabilities and positions drawn uniformly, saliences drawn and scaled to
// add up to at most 1 (the model's rule), from a fixed seed.
func dummyActors(n, d int) []SMPActor {
	r := rand.New(rand.NewPCG(uint64(n), uint64(d)))
	out := make([]SMPActor, n)
	for i := range out {
		a := SMPActor{Name: fmt.Sprintf("a%d", i), Capability: 10 + 90*r.Float64()}
		sum := 0.0
		for range d {
			a.Position = append(a.Position, r.Float64())
			a.Salience = append(a.Salience, 0.1+0.9*r.Float64())
			sum += a.Salience[len(a.Salience)-1]
		}
		for k := range a.Salience {
			a.Salience[k] *= 0.9 / sum
		}
		out[i] = a
	}
	return out
}

// BenchmarkSMP runs the spatial model to convergence at 40, 80 and 160
// actors on three dimensions (issue 21 asks for these sizes).
func BenchmarkSMP(b *testing.B) {
	for _, n := range []int{40, 80, 160} {
		actors := dummyActors(n, 3)
		b.Run(fmt.Sprintf("actors=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := RunSMP(actors); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
