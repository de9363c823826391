package campaign_test

import (
	"fmt"

	"deter/campaign"
)

// A logarithmic-law duel decays each side exponentially: X(t) = X0·e^(−A·t),
// so 1,000 troops with A = 0.1/day keep 1000·e^(−1) ≈ 367.9 after 10 days.
func ExampleDuel() {
	d := campaign.Duel{Law: campaign.Logarithmic, A: 0.1, B: 0.05, X0: 1000, Y0: 1000}
	x, y := d.Trajectory(10)
	fmt.Printf("X(10) = %.1f, Y(10) = %.1f\n", x[10], y[10])
	// Output: X(10) = 367.9, Y(10) = 606.5
}

// A campaign on one sector: 50,000 attackers against 10,000 defenders in
// the open, with no fortification.
func ExampleRun() {
	in := &campaign.Input{
		Sectors: []campaign.Sector{{FrontageKm: 50, DepthKm: 100, Terrain: campaign.Open, ObjectivesKm: []float64{60}}},
		Units: []campaign.Unit{
			{Side: campaign.Attacker, Sector: 0, Strength: 50000, Quality: 1, Readiness: 1},
			{Side: campaign.Defender, Sector: 0, Strength: 10000, Quality: 1, Readiness: 1},
		},
		HorizonDays: 10, DefenderMultiplier: 1, Params: campaign.DefaultParams(),
	}
	r, err := campaign.Run(in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("objective reached: %v\n", r.FirstObjectiveDay < 10)
	// Output: objective reached: true
}
