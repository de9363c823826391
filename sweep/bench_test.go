package sweep

import (
	"context"
	"testing"
)

// BenchmarkDraw evaluates one Monte Carlo draw of the Ukraine scenario with
// every model (all packages, with and without intervention); ns/op is the
// time per draw on one core.
func BenchmarkDraw(b *testing.B) {
	p := mustPlan(load(b), 1)
	ctx := context.Background()
	var d uint64
	for b.Loop() {
		if _, err := p.Run(ctx, d); err != nil {
			b.Fatal(err)
		}
		d++
	}
}

// BenchmarkExecute2 runs 200 draws with 2 workers; compare with
// BenchmarkExecute1 for the scaling from 1 to 2 workers.
func BenchmarkExecute1(b *testing.B) { benchExecute(b, 1) }
func BenchmarkExecute2(b *testing.B) { benchExecute(b, 2) }

func benchExecute(b *testing.B, workers int) {
	p := mustPlan(load(b), 1)
	draws := Shard{0, 1}.Draws(200)
	for b.Loop() {
		if err := p.Execute(context.Background(), draws, Options{Workers: workers, Sink: func([]Row) error { return nil }}); err != nil {
			b.Fatal(err)
		}
	}
}
