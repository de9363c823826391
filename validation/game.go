package validation

import (
	"context"
	"fmt"
	"math/big"
	"os"

	"deter/game"
)

// gameCases returns the game library's validation cases for `deter check`: a
// solver's answer against the published one. (The full comparisons with
// Gambit's test suite, case by case and profile by profile, are the
// package's tests.)
func gameCases() []Case {
	readEFG := func(env Env, rel string) (*game.Extensive, error) {
		p, err := env.DataFile(rel)
		if err != nil {
			return nil, err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		return game.ReadEFG(string(b))
	}
	countEnumPoly := func(g *game.NormalForm, err error) (float64, error) {
		if err != nil {
			return 0, err
		}
		res, err := game.EnumPoly(context.Background(), g)
		if err != nil {
			return 0, err
		}
		return float64(len(res.Equilibria)), nil
	}
	return []Case{
		{ID: "game/kuhn-poker-value", Model: "game",
			What:      "value of Kuhn poker to player 1, sequence-form LP (exact)",
			Source:    "Kuhn 1950, 'A simplified two-person poker', Contributions to the Theory of Games I: −1/18; OpenSpiel's kuhn_poker.efg",
			Published: -1.0 / 18, Unit: "chips", Compare: Within, Tol: 1e-12, Sample: OutOfSample,
			Run: func(env Env) (float64, error) {
				g, err := readEFG(env, "openspiel-efg/kuhn_poker.efg")
				if err != nil {
					return 0, err
				}
				v, _, err := g.ZeroSumSequenceForm()
				if err != nil {
					return 0, err
				}
				f, _ := v.Float64()
				return f, nil
			}},
		{ID: "game/gambit-enumpoly-2x2x2", Model: "game",
			What:      "equilibria of 2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg found by enumpoly (two pure, one mixed)",
			Source:    "Gambit's test suite, test_enumpoly_strategy_5 (tests/test_nash.py)",
			Published: 3, Unit: "equilibria", Compare: Within, Tol: 0, Sample: OutOfSample,
			Run: func(env Env) (float64, error) {
				p, err := env.DataFile("gambit-games/tests/test_games/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg")
				if err != nil {
					return 0, err
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return 0, err
				}
				return countEnumPoly(game.ReadNFG(string(b)))
			}},
		{ID: "game/gambit-enumpoly-mixed-behavior", Model: "game",
			What:      "equilibria of mixed_behavior_game.efg (three players, one information set each) found by enumpoly",
			Source:    "Gambit's test suite, test_enumpoly_behavior_18 (tests/test_nash.py)",
			Published: 9, Unit: "equilibria", Compare: Within, Tol: 0, Sample: OutOfSample,
			Run: func(env Env) (float64, error) {
				g, err := readEFG(env, "gambit-games/tests/test_games/mixed_behavior_game.efg")
				if err != nil {
					return 0, err
				}
				return countEnumPoly(g.ReducedNormalForm())
			}},
		{ID: "game/jordan-matching-pennies", Model: "game",
			What:      "equilibria of three-player matching pennies (the only one: every player mixes 1/2, 1/2)",
			Source:    "Jordan 1993, Games and Economic Behavior 5:368-386",
			Published: 1, Unit: "equilibria", Compare: Within, Tol: 0, Sample: OutOfSample,
			Run: func(Env) (float64, error) {
				g := jordanPennies()
				res, err := game.EnumPoly(context.Background(), g)
				if err != nil {
					return 0, err
				}
				half := big.NewRat(1, 2)
				for _, e := range res.Equilibria {
					if !e.Exact.Equal(game.MixedProfile{{half, half}, {half, half}, {half, half}}) {
						return 0, fmt.Errorf("equilibrium %v is not the uniform one", e.Profile)
					}
				}
				return float64(len(res.Equilibria)), nil
			}},
	}
}

// jordanPennies is three-player matching pennies (Jordan 1993): player 1
// wins 1 by matching player 2, player 2 by matching player 3, player 3 by
// mismatching player 1, and each loses 1 otherwise.
func jordanPennies() *game.NormalForm {
	hs := []string{"H", "T"}
	g := game.NewNormalForm([]string{"1", "2", "3"}, [][]string{hs, hs, hs})
	win := func(b bool) *big.Rat {
		if b {
			return big.NewRat(1, 1)
		}
		return big.NewRat(-1, 1)
	}
	for idx := range g.Profiles() {
		s := g.Profile(idx)
		g.SetPayoff(s, 0, win(s[0] == s[1]))
		g.SetPayoff(s, 1, win(s[1] == s[2]))
		g.SetPayoff(s, 2, win(s[2] != s[0]))
	}
	return g
}
