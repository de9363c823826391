package store

import (
	"context"
	"path/filepath"
	"testing"

	"deter/sweep"
)

// BenchmarkPut stores one draw of 5 packages (one transaction), the unit
// of work a sweep adds per draw.
func BenchmarkPut(b *testing.B) {
	db, err := Open(filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	pk := []string{"a", "b", "c", "d", "e"}
	run, err := db.StartRun(context.Background(), RunKey{ScenarioHash: "h", Draws: 1 << 30, Shard: sweep.Shard{N: 1}}, "n", nil, "v", pk)
	if err != nil {
		b.Fatal(err)
	}
	vals := make([]float64, len(sweep.Output))
	var d uint64
	for b.Loop() {
		rows := make([]sweep.Row, len(pk))
		for i := range rows {
			rows[i] = sweep.Row{Draw: d, Package: i, Values: vals}
		}
		if err := db.Put(context.Background(), run, rows); err != nil {
			b.Fatal(err)
		}
		d++
	}
}
