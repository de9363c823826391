package deterrence_test

import (
	"fmt"

	"deter/deterrence"
)

// Schelling's tripwire and Fearon's tied hands: the same guarantor, the
// same campaigns, first with a promise to consult and no troops in the
// attack's path, then with an Art. 5-type treaty and 5,000 troops that a
// renewed offensive would engage. The second deters more. (Campaign
// results and costs here are illustrative, in US$ bn and people; deter run
// takes them from the campaign and cost models.)
func Example() {
	in := func(c deterrence.Commitment, troops float64) *deterrence.Input {
		return &deterrence.Input{
			Guarantors: []deterrence.Guarantor{{ID: "europe", Commitment: c, Treaty: c == deterrence.AsDeemedNecessary,
				Stakes: 20, WarCost: 30, TrackRecord: 0.5, TripwireTroops: troops}},
			StayOut:   deterrence.War{GroundKm2: 6000, AttackerLosses: 300000},
			Intervene: deterrence.War{GroundKm2: 1000, AttackerLosses: 500000},
			WarCost:   100, FightGuarantors: 200, Sanctions: 40, SanctionsProb: 0.5, Drive: 20,
			Params: deterrence.DefaultParams(),
		}
	}
	pledge, err := deterrence.Solve(in(deterrence.Consultation, 0))
	if err != nil {
		panic(err)
	}
	tripwire, err := deterrence.Solve(in(deterrence.AsDeemedNecessary, 5000))
	if err != nil {
		panic(err)
	}
	fmt.Println("the guarantor honours more often:", tripwire.Guarantors[0].PHonour > pledge.Guarantors[0].PHonour)
	fmt.Println("the attack is less likely:", tripwire.PAttack1 < pledge.PAttack1)
	// Output:
	// the guarantor honours more often: true
	// the attack is less likely: true
}
