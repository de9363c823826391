package game

import (
	"fmt"
	"math/big"
	"strconv"
)

// Assessment is a pure-strategy sequential equilibrium of a game in which
// only chance moves are hidden, with the beliefs that support it.
type Assessment struct {
	// Choice[player][infoset] is the index of the action chosen.
	Choice [][]int
	// ActionValues[player][infoset][action] is the mover's expected payoff
	// of each action at the information set, given its beliefs there and
	// the equilibrium play that follows. Outcomes on the nodes above the
	// information set are not included.
	ActionValues [][][]*big.Rat
	// Beliefs[player][infoset] is the probability of each node of the
	// information set, the nodes in depth-first (file) order.
	Beliefs [][][]*big.Rat
	// Value is each player's expected payoff from the root.
	Value []*big.Rat
}

// BayesianBackwardInduction solves a game whose only hidden moves are
// chance moves: the nodes of every information set are reached by the
// same moves of the players (the same player, information set and action
// at every step) and differ only in what chance did. Games of incomplete
// information in Harsanyi's (1967) form, where nature draws types and the
// players then move in turn seeing each other's moves, are of this kind.
//
// In such a game the players' part of the probability of reaching a node
// is the same for all the nodes of an information set, so Bayes' rule
// gives beliefs proportional to chance's probabilities,
//
//	μ(x | I) = π_c(x) / Σ_{y ∈ I} π_c(y),
//
// whatever the strategies, on and off the equilibrium path; they are also
// the limit of the beliefs under any sequence of completely mixed
// strategies, so they are consistent in the sense of Kreps and Wilson
// (1982). Going from the last information sets up, the mover picks at each
// the action that maximises
//
//	Σ_{x ∈ I} μ(x | I) · u_i(a | x)
//
// where u_i(a | x) is its payoff from taking a at x and the equilibrium
// play below. Every choice is sequentially rational given consistent
// beliefs, so the result is a sequential equilibrium (hence perfect
// Bayesian and Nash). Ties go to the first action. With perfect information
// it is BackwardInduction. If chance reaches an information set with
// probability 0, the belief there is uniform.
//
// Games where an information set hides a player's move (simultaneous
// moves, unobserved actions) are refused with an error: use the sequence
// form or the reduced strategic form for those.
//
// References:
//
//   - Harsanyi, J. C. (1967). Games with incomplete information played by
//     "Bayesian" players, I. Management Science 14(3):159-182.
//   - Kreps, D. M. and Wilson, R. (1982). Sequential equilibria.
//     Econometrica 50(4):863-894.
//   - Fudenberg, D. and Tirole, J. (1991). Game Theory, ch. 8. MIT Press.
func (g *Extensive) BayesianBackwardInduction() (*Assessment, error) {
	a, err := bayesBI(g, ratArith)
	if err != nil {
		return nil, err
	}
	return &Assessment{Choice: a.choice, ActionValues: a.actionValues, Beliefs: a.beliefs, Value: a.value}, nil
}

// AssessmentFloat is an Assessment in float64.
type AssessmentFloat struct {
	Choice       [][]int
	ActionValues [][][]float64
	Beliefs      [][][]float64
	Value        []float64
}

// BayesianBackwardInductionFloat is BayesianBackwardInduction in float64
// arithmetic (payoffs and probabilities rounded to float64 once): much
// faster on large trees. Where two actions' values differ by rounding
// only, the choice can differ from the exact solver's; the values agree
// to rounding (TestBayesianFloatMatchesExact).
func (g *Extensive) BayesianBackwardInductionFloat() (*AssessmentFloat, error) {
	a, err := bayesBI(g, floatArith)
	if err != nil {
		return nil, err
	}
	return &AssessmentFloat{Choice: a.choice, ActionValues: a.actionValues, Beliefs: a.beliefs, Value: a.value}, nil
}

// arith is the arithmetic bayesBI runs in; every operation returns a new
// value and leaves its operands alone.
type arith[T any] struct {
	zero    func() T
	fromRat func(*big.Rat) T
	add     func(a, b T) T
	mul     func(a, b T) T
	quo     func(a, b T) T
	cmp     func(a, b T) int
	inv     func(k int) T // 1/k
}

var ratArith = arith[*big.Rat]{
	zero:    func() *big.Rat { return new(big.Rat) },
	fromRat: func(r *big.Rat) *big.Rat { return r },
	add:     func(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) },
	mul:     func(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) },
	quo:     func(a, b *big.Rat) *big.Rat { return new(big.Rat).Quo(a, b) },
	cmp:     func(a, b *big.Rat) int { return a.Cmp(b) },
	inv:     func(k int) *big.Rat { return big.NewRat(1, int64(k)) },
}

var floatArith = arith[float64]{
	zero:    func() float64 { return 0 },
	fromRat: func(r *big.Rat) float64 { f, _ := r.Float64(); return f },
	add:     func(a, b float64) float64 { return a + b },
	mul:     func(a, b float64) float64 { return a * b },
	quo:     func(a, b float64) float64 { return a / b },
	cmp: func(a, b float64) int {
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	},
	inv: func(k int) float64 { return 1 / float64(k) },
}

type assessment[T any] struct {
	choice       [][]int
	actionValues [][][]T
	beliefs      [][][]T
	value        []T
}

// bayesBI is Bayesian backward induction in the arithmetic ar.
func bayesBI[T any](g *Extensive, ar arith[T]) (*assessment[T], error) {
	np := len(g.Players)
	// Trees built in code share payoff and probability values: convert
	// each once.
	conv := map[*big.Rat]T{}
	from := ar.fromRat
	ar.fromRat = func(r *big.Rat) T {
		v, ok := conv[r]
		if !ok {
			v = from(r)
			conv[r] = v
		}
		return v
	}
	b := &bayesSolver[T]{g: g, ar: ar, np: np, sets: make([]map[int]*bayesInfoset[T], np), values: map[*Node][]T{}}
	for p := range b.sets {
		b.sets[p] = map[int]*bayesInfoset[T]{}
	}
	if err := b.walk(g.Root, ar.fromRat(big.NewRat(1, 1)), ""); err != nil {
		return nil, err
	}
	a := &assessment[T]{choice: make([][]int, np), actionValues: make([][][]T, np), beliefs: make([][][]T, np)}
	for p := range np {
		k := len(g.infosets[p])
		a.choice[p] = make([]int, k)
		a.actionValues[p] = make([][]T, k)
		a.beliefs[p] = make([][]T, k)
	}
	b.a = a
	root := b.value(g.Root)
	a.value = make([]T, np)
	for p, v := range root {
		a.value[p] = ar.add(ar.zero(), v) // a copy
	}
	// Information sets below actions nobody takes are decided too.
	for p := range np {
		for is, s := range b.sets[p] {
			b.decide(p, s, is)
		}
	}
	return a, nil
}

// bayesInfoset is an information set as Bayesian backward induction sees
// it.
type bayesInfoset[T any] struct {
	nodes   []*Node
	chance  []T    // chance's probability of reaching each node
	history string // the players' moves leading to it
	done    bool
}

// bayesSolver holds what the steps of bayesBI share.
type bayesSolver[T any] struct {
	g      *Extensive
	ar     arith[T]
	np     int
	sets   []map[int]*bayesInfoset[T]
	a      *assessment[T]
	values map[*Node][]T
}

// walk collects each information set's nodes with chance's probability of
// reaching them, and refuses sets that hide a player's move.
func (b *bayesSolver[T]) walk(n *Node, pc T, hist string) error {
	if n.Player >= 0 {
		s := b.sets[n.Player][n.Infoset]
		if s == nil {
			s = &bayesInfoset[T]{history: hist}
			b.sets[n.Player][n.Infoset] = s
		} else if s.history != hist {
			return fmt.Errorf("game: information set %d of player %s hides a player's move (it is reached by different moves); "+
				"Bayesian backward induction needs games where only chance moves are hidden", n.Infoset+1, b.g.Players[n.Player])
		}
		s.nodes = append(s.nodes, n)
		s.chance = append(s.chance, pc)
	}
	for i, c := range n.Children {
		switch {
		case n.Player == -1:
			if err := b.walk(c, b.ar.mul(pc, b.ar.fromRat(n.Probs[i])), hist); err != nil {
				return err
			}
		default:
			h := hist + strconv.Itoa(n.Player) + "." + strconv.Itoa(n.Infoset) + "." + strconv.Itoa(i) + ";"
			if err := b.walk(c, pc, h); err != nil {
				return err
			}
		}
	}
	return nil
}

// value is the payoff vector below n (its own outcome included) under the
// equilibrium play; callers must not change it.
func (b *bayesSolver[T]) value(n *Node) []T {
	ar := b.ar
	if v, ok := b.values[n]; ok {
		return v
	}
	v := make([]T, b.np)
	for p := range v {
		v[p] = ar.zero()
		if n.Payoff != nil {
			v[p] = ar.fromRat(n.Payoff[p])
		}
	}
	switch {
	case n.Player == -1:
		for i, c := range n.Children {
			cv := b.value(c)
			pr := ar.fromRat(n.Probs[i])
			for p := range v {
				v[p] = ar.add(v[p], ar.mul(pr, cv[p]))
			}
		}
	case n.Player >= 0:
		s := b.sets[n.Player][n.Infoset]
		b.decide(n.Player, s, n.Infoset)
		cv := b.value(n.Children[b.a.choice[n.Player][n.Infoset]])
		for p := range v {
			v[p] = ar.add(v[p], cv[p])
		}
	}
	b.values[n] = v
	return v
}

// decide sets player p's choice at information set is: beliefs from
// chance (uniform where chance never reaches it), and the action of the
// highest expected value, the first on ties.
func (b *bayesSolver[T]) decide(p int, s *bayesInfoset[T], is int) {
	ar := b.ar
	if s.done {
		return
	}
	s.done = true
	total := ar.zero()
	for _, c := range s.chance {
		total = ar.add(total, c)
	}
	belief := make([]T, len(s.nodes))
	for i, c := range s.chance {
		if ar.cmp(total, ar.zero()) == 0 {
			belief[i] = ar.inv(len(s.nodes))
		} else {
			belief[i] = ar.quo(c, total)
		}
	}
	nact := len(s.nodes[0].Children)
	av := make([]T, nact)
	best := 0
	for act := range nact {
		av[act] = ar.zero()
		for i, x := range s.nodes {
			av[act] = ar.add(av[act], ar.mul(belief[i], b.value(x.Children[act])[p]))
		}
		if ar.cmp(av[act], av[best]) > 0 {
			best = act
		}
	}
	b.a.choice[p][is], b.a.actionValues[p][is], b.a.beliefs[p][is] = best, av, belief
}

// ReducedStrategy returns the index, in ReducedNormalForm's order, of
// player pl's reduced pure strategy that takes action choice[is] at every
// information set is it can reach (as in Assessment.Choice).
func (g *Extensive) ReducedStrategy(pl int, choice []int) (int, error) {
	strats, _, err := g.reducedStrategies()
	if err != nil {
		return 0, err
	}
	if pl < 0 || pl >= len(strats) {
		return 0, fmt.Errorf("game: no player %d", pl+1)
	}
	for k, s := range strats[pl] {
		ok := true
		for is, act := range s {
			if act >= 0 && (is >= len(choice) || act != choice[is]) {
				ok = false
				break
			}
		}
		if ok {
			return k, nil
		}
	}
	return 0, fmt.Errorf("game: player %s has no reduced strategy that plays %v", g.Players[pl], choice)
}

// maxAgentProfiles bounds the pure behaviour profiles AgentPureNash walks.
const maxAgentProfiles = 1 << 20

// AgentPureNash lists every pure-strategy Nash equilibrium of the agent
// form of an extensive game (Selten 1975): the pure behaviour profiles in
// which no player gains, in expected payoff from the root, by changing its
// action at any single information set with everything else fixed. (Every
// pure Nash equilibrium of the game is one; the converse fails when a
// player would gain only by changing several actions at once.) Profiles
// are listed with the first player's first information set varying
// slowest; any number of players, exact.
//
// References:
//
//   - Selten, R. (1975). Reexamination of the perfectness concept for
//     equilibrium points in extensive games. International Journal of Game
//     Theory 4:25-55 (the agent normal form).
func (g *Extensive) AgentPureNash() ([]Behavior, error) {
	var sets [][2]int // (player, infoset)
	total := 1
	for p := range g.Players {
		for is := range len(g.infosets[p]) {
			sets = append(sets, [2]int{p, is})
			total *= len(g.infosets[p][is])
			if total > maxAgentProfiles {
				return nil, fmt.Errorf("game: more than %d pure behaviour profiles", maxAgentProfiles)
			}
		}
	}
	pure := func(choice []int) Behavior {
		b := make(Behavior, len(g.Players))
		for p := range b {
			b[p] = make([][]*big.Rat, len(g.infosets[p]))
		}
		for k, s := range sets {
			acts := make([]*big.Rat, len(g.infosets[s[0]][s[1]]))
			for a := range acts {
				acts[a] = new(big.Rat)
			}
			acts[choice[k]].SetInt64(1)
			b[s[0]][s[1]] = acts
		}
		return b
	}
	var out []Behavior
	choice := make([]int, len(sets))
	for range total {
		b := pure(choice)
		val := g.BehaviorPayoff(b)
		ok := true
		for k, s := range sets {
			for a := range g.infosets[s[0]][s[1]] {
				if a == choice[k] {
					continue
				}
				dev := append([]int(nil), choice...)
				dev[k] = a
				if g.BehaviorPayoff(pure(dev))[s[0]].Cmp(val[s[0]]) > 0 {
					ok = false
					break
				}
			}
			if !ok {
				break
			}
		}
		if ok {
			out = append(out, b)
		}
		for k := len(choice) - 1; k >= 0; k-- {
			choice[k]++
			if choice[k] < len(g.infosets[sets[k][0]][sets[k][1]]) {
				break
			}
			choice[k] = 0
		}
	}
	return out, nil
}
