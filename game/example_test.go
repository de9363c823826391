package game_test

import (
	"context"
	"fmt"
	"math/big"

	"deter/game"
)

// Battle of the sexes (Luce and Raiffa 1957): two pure equilibria and a
// mixed one in which each player goes to its own favourite with
// probability 2/3.
func ExampleExtremeEquilibria() {
	g, err := game.ReadNFG(`NFG 1 R "Battle of the sexes" { "Row" "Column" } { 2 2 }
2 1 0 0 0 0 1 2`)
	if err != nil {
		panic(err)
	}
	eqs, err := game.ExtremeEquilibria(g)
	if err != nil {
		panic(err)
	}
	for _, e := range eqs {
		fmt.Println(e)
	}
	// Unordered output:
	// 1,0 ; 1,0
	// 0,1 ; 0,1
	// 2/3,1/3 ; 1/3,2/3
}

// Three-player matching pennies (Jordan 1993): 1 wants to match 2, 2 to
// match 3, 3 to mismatch 1. No pure equilibrium; the one equilibrium has
// everybody toss a fair coin, found exactly.
func ExampleEnumPoly() {
	g := game.NewNormalForm([]string{"1", "2", "3"}, [][]string{{"H", "T"}, {"H", "T"}, {"H", "T"}})
	for idx := range g.Profiles() {
		s := g.Profile(idx)
		win := func(b bool) *big.Rat {
			if b {
				return big.NewRat(1, 1)
			}
			return big.NewRat(-1, 1)
		}
		g.SetPayoff(s, 0, win(s[0] == s[1]))
		g.SetPayoff(s, 1, win(s[1] == s[2]))
		g.SetPayoff(s, 2, win(s[2] != s[0]))
	}
	res, err := game.EnumPoly(context.Background(), g)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(game.PureNash(g)), "pure equilibria")
	for _, e := range res.Equilibria {
		fmt.Println(e.Exact)
	}
	// Output:
	// 0 pure equilibria
	// 1/2,1/2 ; 1/2,1/2 ; 1/2,1/2
}

// The entry game, one stage of Selten's (1978) chain store: the incumbent's
// threat to fight is not credible, so the only subgame-perfect equilibrium
// is entry and accommodation.
func ExampleExtensive_AllSubgamePerfect() {
	g, err := game.ReadEFG(`EFG 2 R "Entry" { "Entrant" "Incumbent" } ""
p "" 1 1 "" { "In" "Out" } 0
p "" 2 1 "" { "Fight" "Accommodate" } 0
t "" 1 "" { -1, -1 }
t "" 2 "" { 1, 1 }
t "" 3 "" { 0, 2 }
`)
	if err != nil {
		panic(err)
	}
	all, err := g.AllSubgamePerfect()
	if err != nil {
		panic(err)
	}
	for _, e := range all {
		fmt.Println(g.Actions(0, 0)[e.Choice[0][0]], g.Actions(1, 0)[e.Choice[1][0]], "payoffs", e.Value[0], e.Value[1])
	}
	// Output:
	// In Accommodate payoffs 1/1 1/1
}
