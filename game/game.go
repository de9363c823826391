// Package game is a small game-theory library: normal-form games with
// exact rational payoffs, extensive-form games with chance moves and
// information sets (read from and written to Gambit's .nfg and .efg text
// formats, or built in code with NewExtensive), the reduced strategic form
// of an extensive game, and solvers:
//
//   - all pure-strategy Nash equilibria (n players): PureNash; those of
//     the agent form of a tree: AgentPureNash;
//   - all extreme Nash equilibria of two-player games by vertex enumeration
//     (exact, fraction-free pivoting; and a float64 path):
//     ExtremeEquilibria, ExtremeEquilibriaFloat;
//   - Lemke-Howson: LemkeHowson;
//   - zero-sum games by the simplex method, in the strategic form
//     (ZeroSumValue) or the sequence form (ZeroSumSequenceForm,
//     Koller-Megiddo-von Stengel);
//   - general-sum two-player trees by Lemke's algorithm on the sequence
//     form, set up as Gambit's lcp_solve (GambitLCP) or from the uniform
//     strategies along the linear tracing procedure (SequenceFormLCP);
//   - behaviour strategies and realisation plans from mixed strategies of
//     the reduced strategic form (Kuhn's theorem): BehaviorFromMixed;
//   - backward induction for perfect information (BackwardInduction; every
//     pure subgame-perfect equilibrium, ties kept: AllSubgamePerfect) and
//     Bayesian backward induction, a sequential equilibrium of trees where
//     only chance moves are hidden (BayesianBackwardInduction);
//   - logit quantal response equilibria for n players (float64);
//   - every isolated equilibrium of an n-player game by support
//     enumeration and polynomial systems (EnumPoly, Gambit's enumpoly
//     method; float64 roots, rational ones recovered exactly).
//
// Arithmetic is exact (math/big.Rat, math/big.Int) except where a function
// says float64, as in Gambit's rational solvers, so equilibria compare
// exactly with Gambit's expected results. The deterrence package builds its
// game with NewExtensive and solves it with BayesianBackwardInduction.
//
// References:
//
//   - McKelvey, R. D., McLennan, A. M. and Turocy, T. L. (2016). Gambit:
//     Software Tools for Game Theory, version 16. http://www.gambit-project.org
//     (the .nfg and .efg formats).
//   - Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010).
//     Enumeration of Nash equilibria for two-player games. Economic Theory
//     42(1):9-37 (best-response polytopes and complementary vertex pairs).
//   - Avis, D. and Fukuda, K. (1992). A pivoting algorithm for convex hulls
//     and vertex enumeration of arrangements and polyhedra. Discrete and
//     Computational Geometry 8:295-313.
//   - Bareiss, E. H. (1968). Sylvester's identity and multistep
//     integer-preserving Gaussian elimination. Mathematics of Computation
//     22(103):565-578 (fraction-free pivoting).
//   - Koller, D., Megiddo, N. and von Stengel, B. (1996). Efficient
//     computation of equilibria for extensive two-person games. Games and
//     Economic Behavior 14:247-259.
//   - Kreps, D. M. and Wilson, R. (1982). Sequential equilibria.
//     Econometrica 50(4):863-894.
//   - von Stengel, B., van den Elzen, A. and Talman, D. (2002). Computing
//     normal form perfect equilibria for extensive two-person games.
//     Econometrica 70(2):693-715.
//   - Kuhn, H. W. (1953). Extensive games and the problem of information.
//     Contributions to the Theory of Games II, 193-216 (reduced strategies).
package game

import (
	"fmt"
	"math/big"
	"strings"
)

// NormalForm is a finite game in strategic form.
type NormalForm struct {
	Title      string
	Players    []string
	Strategies [][]string // per player
	// payoffs[profileIndex][player]; profiles are ordered with player 0's
	// strategy varying fastest (Gambit's order).
	payoffs [][]*big.Rat
}

// NewNormalForm makes a game with the given strategy counts and zero payoffs.
// It panics unless there is one non-empty strategy list per player.
func NewNormalForm(players []string, strategies [][]string) *NormalForm {
	if len(strategies) != len(players) {
		panic("game: NewNormalForm: one strategy list per player needed")
	}
	g := &NormalForm{Players: players, Strategies: strategies}
	n := 1
	for _, s := range strategies {
		if len(s) == 0 {
			panic("game: NewNormalForm: a player without strategies")
		}
		n *= len(s)
	}
	g.payoffs = make([][]*big.Rat, n)
	for i := range g.payoffs {
		g.payoffs[i] = make([]*big.Rat, len(players))
		for p := range players {
			g.payoffs[i][p] = new(big.Rat)
		}
	}
	return g
}

// Profiles is the number of pure strategy profiles.
func (g *NormalForm) Profiles() int { return len(g.payoffs) }

// Index returns the profile index of the pure profile s (one strategy
// index per player).
func (g *NormalForm) Index(s []int) int {
	idx, mul := 0, 1
	for p, k := range s {
		idx += k * mul
		mul *= len(g.Strategies[p])
	}
	return idx
}

// Profile is the inverse of Index.
func (g *NormalForm) Profile(idx int) []int {
	s := make([]int, len(g.Players))
	for p := range s {
		n := len(g.Strategies[p])
		s[p] = idx % n
		idx /= n
	}
	return s
}

// Payoff returns player p's payoff at pure profile s.
func (g *NormalForm) Payoff(s []int, p int) *big.Rat { return g.payoffs[g.Index(s)][p] }

// SetPayoff sets player p's payoff at pure profile s.
func (g *NormalForm) SetPayoff(s []int, p int, v *big.Rat) { g.payoffs[g.Index(s)][p].Set(v) }

// MixedProfile gives each player a probability vector over its strategies.
type MixedProfile [][]*big.Rat

func (m MixedProfile) String() string {
	var b strings.Builder
	for p, v := range m {
		if p > 0 {
			b.WriteString(" ; ")
		}
		for i, x := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(x.RatString())
		}
	}
	return b.String()
}

// Equal reports whether two profiles are exactly equal.
func (m MixedProfile) Equal(o MixedProfile) bool {
	if len(m) != len(o) {
		return false
	}
	for p := range m {
		if len(m[p]) != len(o[p]) {
			return false
		}
		for i := range m[p] {
			if m[p][i].Cmp(o[p][i]) != 0 {
				return false
			}
		}
	}
	return true
}

// pure returns the mixed profile that plays pure profile s.
func (g *NormalForm) pure(s []int) MixedProfile {
	m := make(MixedProfile, len(s))
	for p, k := range s {
		m[p] = make([]*big.Rat, len(g.Strategies[p]))
		for i := range m[p] {
			m[p][i] = new(big.Rat)
		}
		m[p][k].SetInt64(1)
	}
	return m
}

// PureNash returns every pure-strategy Nash equilibrium, in profile order.
func PureNash(g *NormalForm) []MixedProfile {
	var out []MixedProfile
	for idx := range g.Profiles() {
		s := g.Profile(idx)
		ok := true
		for p := range g.Players {
			cur := g.payoffs[idx][p]
			dev := append([]int(nil), s...)
			for k := range g.Strategies[p] {
				dev[p] = k
				if g.payoffs[g.Index(dev)][p].Cmp(cur) > 0 {
					ok = false
					break
				}
			}
			if !ok {
				break
			}
		}
		if ok {
			out = append(out, g.pure(s))
		}
	}
	return out
}

func (g *NormalForm) String() string {
	return fmt.Sprintf("%q: %d players, strategies %v", g.Title, len(g.Players), g.counts())
}

func (g *NormalForm) counts() []int {
	c := make([]int, len(g.Strategies))
	for p, s := range g.Strategies {
		c[p] = len(s)
	}
	return c
}
