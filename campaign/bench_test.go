package campaign

import "testing"

// BenchmarkSim is one 60-day, two-sector campaign with hourly steps on a
// reused Sim (the path sweeps take): it must not allocate.
func BenchmarkSim(b *testing.B) {
	in := twoSector()
	var sim Sim
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sim.Run(in); err != nil {
			b.Fatal(err)
		}
	}
}
