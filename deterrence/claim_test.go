package deterrence

import (
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// TestClaimDecides: Huth (1996, Standing Your Ground) and Senese and
// Vasquez (2008, The Steps to War): disputes over territory a state claims,
// more than the balance of power, lead to war. So, all else equal, a larger
// unheld claim never lowers P(attack); ground beyond the claim is never
// worth more than claimed ground; with β = 1 a claim changes nothing; and
// an attacker that claims nothing, facing a defence that yields no ground
// within its claim, is moved only by β·v of the ground.
func TestClaimDecides(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 0))
		in := randomInput(r)
		in.Params.BeyondClaim = rapid.Float64Range(0, 1).Draw(t, "beta")
		in.Claimed = true
		c1 := rapid.Float64Range(0, 20000).Draw(t, "claim")
		c2 := c1 + rapid.Float64Range(0, 20000).Draw(t, "more")
		in.ClaimKm2 = c1
		p1, _ := PAttack(in)
		in.ClaimKm2 = c2
		p2, _ := PAttack(in)
		if p2 < p1-1e-12 {
			t.Fatalf("a larger claim (%v → %v km2) lowered P(attack) %v → %v", c1, c2, p1, p2)
		}
		g := rapid.Float64Range(0, 40000).Draw(t, "ground")
		in.ClaimKm2 = c1
		if in.GroundValue(g) > in.Params.ValuePerKm2*g+1e-9 || in.GroundValue(g) < in.Params.BeyondClaim*in.Params.ValuePerKm2*g-1e-9 {
			t.Fatalf("V(%v) = %v outside [βvg, vg]", g, in.GroundValue(g))
		}
		in.Params.BeyondClaim = 1
		claimed := in.GroundValue(g)
		in.Claimed = false
		if math.Abs(claimed-in.GroundValue(g)) > 1e-9*math.Max(1, claimed) {
			t.Fatalf("β = 1: a claim changed the value of ground %v → %v", in.GroundValue(g), claimed)
		}
	})
}
