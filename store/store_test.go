package store

import (
	"context"
	"math"
	"path/filepath"
	"testing"
	"time"

	"deter/sweep"
)

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetClock(func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) })
	key := RunKey{ScenarioHash: Hash([]byte("x")), Seed: 9, Draws: 10, Shard: sweep.Shard{I: 0, N: 1}}
	run, err := db.StartRun(ctx, key, "test", []byte("x"), "v1", []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]float64, len(sweep.Output))
	vals[0], vals[1], vals[2] = math.Inf(1), -0.0, 1.0/3
	if err := db.Put(ctx, run, []sweep.Row{{Draw: 3, Package: 0, Values: vals}, {Draw: 3, Package: 1, Values: vals}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Put(ctx, run, []sweep.Row{{Draw: 4, Package: 0, Values: vals}}); err != nil { // incomplete draw
		t.Fatal(err)
	}
	db.Close()

	// Reopen: migrations are not re-applied, the run is found again.
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	again, err := db.StartRun(ctx, key, "test", []byte("x"), "v1", []string{"a", "b"})
	if err != nil || again.ID != run.ID || !again.Created.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Fatalf("run not found again: %+v %v", again, err)
	}
	if _, err := db.StartRun(ctx, key, "test", []byte("x"), "v1", []string{"a"}); err == nil {
		t.Error("a run with other packages was accepted")
	}
	done, err := db.Done(ctx, again)
	if err != nil || len(done) != 1 || !done[3] {
		t.Fatalf("done = %v, %v; want draw 3 only (draw 4 lacks package b)", done, err)
	}
	rows, err := db.Rows(ctx, again)
	if err != nil || len(rows) != 3 {
		t.Fatalf("rows %v %v", rows, err)
	}
	for i, v := range rows[0].Values {
		if math.Float64bits(v) != math.Float64bits(vals[i]) {
			t.Fatalf("value %d: %v stored as %v", i, vals[i], v)
		}
	}
	runs, err := db.Runs(ctx)
	if err != nil || len(runs) != 1 {
		t.Fatalf("runs %v %v", runs, err)
	}
}

func TestOpenBadPath(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")); err == nil {
		t.Fatal("opened a database in a missing folder")
	}
}
