package deterrence

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"deter/game"
)

// MaxTreeGuarantors is the largest number of guarantors for which Solve
// builds and solves the game tree: the tree has 2ⁿ type profiles, each
// with up to 2·2ⁿ endings, so about 4ⁿ⁺¹ nodes (n = 8: about 260,000).
// With more guarantors Solve uses the closed form, which gives the same
// answer (TestTreeMatchesClosedForm).
const MaxTreeGuarantors = 8

// Action names of the tree.
const (
	actKeep      = "keep the cease-fire"
	actAttack    = "attack"
	actHonour    = "honour"
	actRenege    = "renege"
	typeResolved = "resolved"
	typeSoft     = "irresolute"
)

// Tree is the deterrence game in extensive form, with what is needed to
// read its solution.
type Tree struct {
	Game *game.Extensive
	// PResolved[g] is the probability nature makes guarantor g resolved,
	// Φ(Δ̄g/σg); Resolved[g] and Soft[g] are its expected value of
	// honouring (US$ bn) as each type, E[Δg | type].
	PResolved, Resolved, Soft []float64
	attacker                  int
}

// BuildTree writes the deterrence game of in as an extensive-form game of
// incomplete information (Harsanyi 1967):
//
//  1. Nature draws each guarantor's type, resolved (εg > −Δ̄g, probability
//     Φ(Δ̄g/σg)) or irresolute; each guarantor learns its own type.
//  2. The attacker, not knowing the types, keeps the cease-fire (every
//     payoff 0) or attacks.
//  3. After an attack nature decides whether the sanctions snap back
//     (probability ps; only when there are sanctions and 0 < ps < 1).
//  4. The guarantors, in the order of the package, honour or renege, each
//     knowing its type and seeing the earlier guarantors' choices. Allies
//     consult once attacked: each also knows the earlier guarantors' types
//     (the attacker does not). This keeps the game one where only chance
//     moves are hidden, which Bayesian backward induction solves; as each
//     guarantor's payoff depends only on its own choice, what it knows of
//     the others changes nothing in the equilibrium.
//
// Payoffs (US$ bn): a guarantor that honours gets its type's expected net
// value of honouring, E[Δg | resolved] = Δ̄g + σg·φ(c)/(1 − Φ(c)) or
// E[Δg | irresolute] = Δ̄g − σg·φ(c)/Φ(c) with c = −Δ̄g/σg (the means of
// the truncated normal), and 0 if it reneges. The attacker at its average
// resolve (εa = 0) gets W(intervene) if any guarantor honours and W(stay
// out) if none does, less the sanctions if they snap back, the energy
// revenue cut off, plus its drive μ (see the package doc). The defender,
// who makes no move here, loses v·ground taken. A type that has
// probability 0 in float64 is left out.
//
// The attacker's own resolve εa is not drawn in the tree: it shifts the
// attacker's payoff from attacking by εa and nothing else, so the solved
// tree's value of attacking over keeping the cease-fire, Ū, gives
// P(attack) = P(εa > −Ū) = Φ(Ū/σa) exactly.
func BuildTree(in *Input) (*Tree, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if len(in.Guarantors) > MaxTreeGuarantors {
		return nil, fmt.Errorf("deterrence: %d guarantors; the game tree is built for at most %d", len(in.Guarantors), MaxTreeGuarantors)
	}
	p := &in.Params
	n := len(in.Guarantors)
	t := &Tree{attacker: 0}
	players := []string{"attacker"}
	for _, g := range in.Guarantors {
		players = append(players, g.ID)
		net := 0.0
		for _, term := range guarantorTerms(g, p) {
			net += term.Value
		}
		ph := Phi(net / p.SigmaG)
		c := -net / p.SigmaG
		res, soft := math.NaN(), math.NaN()
		if ph > 0 {
			res = net + p.SigmaG*tailHazard(c)
		}
		if ph < 1 {
			soft = net - p.SigmaG*tailHazard(-c)
		}
		t.PResolved = append(t.PResolved, ph)
		t.Resolved = append(t.Resolved, res)
		t.Soft = append(t.Soft, soft)
	}
	players = append(players, "defender")
	np := len(players)
	// The leaves share a few payoff values: convert each once.
	rats := map[float64]*big.Rat{}
	rat := func(x float64) *big.Rat {
		r, ok := rats[x]
		if !ok {
			r = new(big.Rat).SetFloat64(x)
			rats[x] = r
		}
		return r
	}
	one := big.NewRat(1, 1)
	war := func(w War, withGuarantors bool) float64 {
		v := p.ValuePerKm2*w.GroundKm2 - in.WarCost - p.CostPerLoss*w.AttackerLosses
		if withGuarantors {
			v -= in.FightGuarantors
		}
		return v - in.Energy + in.Drive
	}
	wOut, wIn := war(in.StayOut, false), war(in.Intervene, true)
	// Information sets of each guarantor, numbered in order of creation.
	sets := make([]map[string]int, np)
	for i := range sets {
		sets[i] = map[string]int{}
	}
	infoset := func(pl int, key string) int {
		k, ok := sets[pl][key]
		if !ok {
			k = len(sets[pl])
			sets[pl][key] = k
		}
		return k
	}
	// guarantors builds the guarantors' moves from guarantor i on; types
	// holds each guarantor's type (true: resolved), honoured whether any
	// earlier one honoured, sanctioned whether the sanctions snapped back.
	var guarantors func(i int, types []bool, seen string, honoured, sanctioned bool, pays []float64) *game.Node
	guarantors = func(i int, types []bool, seen string, honoured, sanctioned bool, pays []float64) *game.Node {
		if i == n {
			w, ground := wOut, in.StayOut.GroundKm2
			if honoured {
				w, ground = wIn, in.Intervene.GroundKm2
			}
			if sanctioned {
				w -= in.Sanctions
			}
			leaf := &game.Node{Player: -2, Payoff: make([]*big.Rat, np)}
			leaf.Payoff[0] = rat(w)
			for g := range n {
				leaf.Payoff[g+1] = rat(pays[g])
			}
			leaf.Payoff[np-1] = rat(-p.ValuePerKm2 * ground)
			return leaf
		}
		val := t.Soft[i]
		if types[i] {
			val = t.Resolved[i]
		}
		// The guarantor knows its own and the earlier guarantors' types
		// and sees their choices.
		known := ""
		for _, r := range types[:i+1] {
			known += map[bool]string{true: "R", false: "I"}[r]
		}
		node := &game.Node{Player: i + 1, Infoset: infoset(i+1, known+"|"+seen), Actions: []string{actHonour, actRenege}}
		for k, act := range node.Actions {
			next := append([]float64(nil), pays...)
			if k == 0 {
				next[i] = val
			}
			node.Children = append(node.Children, guarantors(i+1, types, seen+act[:1], honoured || k == 0, sanctioned, next))
		}
		return node
	}
	attack := func(types []bool) *game.Node {
		pays := make([]float64, n)
		if in.Sanctions == 0 || in.SanctionsProb == 0 || in.SanctionsProb == 1 {
			return guarantors(0, types, "", false, in.Sanctions != 0 && in.SanctionsProb == 1, pays)
		}
		ps := rat(in.SanctionsProb)
		return &game.Node{Player: -1, Actions: []string{"sanctions snap back", "no sanctions"},
			Probs: []*big.Rat{ps, new(big.Rat).Sub(one, ps)},
			Children: []*game.Node{
				guarantors(0, types, "", false, true, pays),
				guarantors(0, types, "", false, false, pays),
			}}
	}
	var nature func(i int, types []bool) *game.Node
	nature = func(i int, types []bool) *game.Node {
		if i == n {
			zero := make([]*big.Rat, np)
			for k := range zero {
				zero[k] = new(big.Rat)
			}
			return &game.Node{Player: 0, Infoset: 0, Actions: []string{actKeep, actAttack},
				Children: []*game.Node{{Player: -2, Payoff: zero}, attack(types)}}
		}
		node := &game.Node{Player: -1}
		ph := t.PResolved[i]
		for _, resolved := range []bool{true, false} {
			pr := rat(ph)
			if !resolved {
				pr = new(big.Rat).Sub(one, pr)
			}
			if pr.Sign() == 0 {
				continue
			}
			node.Actions = append(node.Actions, in.Guarantors[i].ID+" "+map[bool]string{true: typeResolved, false: typeSoft}[resolved])
			node.Probs = append(node.Probs, pr)
			node.Children = append(node.Children, nature(i+1, append(append([]bool(nil), types...), resolved)))
		}
		return node
	}
	g, err := game.NewExtensive("deterrence game", players, nature(0, nil))
	if err != nil {
		return nil, fmt.Errorf("deterrence: %w", err)
	}
	t.Game = g
	return t, nil
}

// treeAnswer is what the solved tree says.
type treeAnswer struct {
	pHonour []float64 // P(g honours | attack)
	pI      float64   // P(some guarantor honours | attack)
	utility float64   // Ū, value of attacking over keeping the cease-fire
	path    []string
}

// solveTree solves the tree by Bayesian backward induction (package game)
// and reads the answer off the equilibrium.
func (t *Tree) solve() (*treeAnswer, error) {
	a, err := t.Game.BayesianBackwardInduction()
	if err != nil {
		return nil, fmt.Errorf("deterrence: %w", err)
	}
	n := len(t.Game.Players) - 2
	ans := &treeAnswer{pHonour: make([]float64, n)}
	av := a.ActionValues[t.attacker][0]
	u, _ := new(big.Rat).Sub(av[1], av[0]).Float64()
	ans.utility = u
	// Walk the tree with the attacker attacking, the guarantors playing
	// their equilibrium choices and chance its probabilities.
	honour := make([]*big.Rat, n)
	for i := range honour {
		honour[i] = new(big.Rat)
	}
	any := new(big.Rat)
	// byType[g][0|1]: how the resolved and irresolute types of g play.
	byType := make([][2]map[string]bool, n)
	var walk func(nd *game.Node, pr *big.Rat, honoured bool, types []bool)
	walk = func(nd *game.Node, pr *big.Rat, honoured bool, types []bool) {
		switch {
		case nd.Player == -2:
			if honoured {
				any.Add(any, pr)
			}
		case nd.Player == -1:
			for i, c := range nd.Children {
				ty := types
				if strings.HasSuffix(nd.Actions[i], typeResolved) {
					ty = append(append([]bool(nil), types...), true)
				} else if strings.HasSuffix(nd.Actions[i], typeSoft) {
					ty = append(append([]bool(nil), types...), false)
				}
				walk(c, new(big.Rat).Mul(pr, nd.Probs[i]), honoured, ty)
			}
		case nd.Player == t.attacker:
			walk(nd.Children[1], pr, honoured, types)
		default:
			g := nd.Player - 1
			ch := a.Choice[nd.Player][nd.Infoset]
			k := 1
			if types[g] {
				k = 0
			}
			if byType[g][k] == nil {
				byType[g][k] = map[string]bool{}
			}
			byType[g][k][nd.Actions[ch]] = true
			if ch == 0 {
				honour[g].Add(honour[g], pr)
			}
			walk(nd.Children[ch], pr, honoured || ch == 0, types)
		}
	}
	walk(t.Game.Root, big.NewRat(1, 1), false, nil)
	for i := range honour {
		ans.pHonour[i], _ = honour[i].Float64()
	}
	ans.pI, _ = any.Float64()
	// The equilibrium path in words.
	for g := range n {
		line := fmt.Sprintf("%s: resolved (p %.2f)", t.Game.Players[g+1], t.PResolved[g])
		for k, name := range []string{"", "irresolute"} {
			acts := byType[g][k]
			if acts == nil {
				continue
			}
			val := t.Resolved[g]
			if k == 1 {
				val = t.Soft[g]
				line += ", " + name
			}
			line += fmt.Sprintf(" %s if attacked (honouring worth %+.0f bn to it)", joinKeys(acts), val)
		}
		ans.path = append(ans.path, line)
	}
	choice := "keeps the cease-fire"
	if u > 0 {
		choice = "attacks"
	}
	who := "attacker, not knowing their types"
	if n == 0 {
		who = "attacker, facing no guarantor"
	}
	ans.path = append(ans.path, fmt.Sprintf("%s: attacking worth %+.0f bn a year against the cease-fire, so at its average resolve it %s", who, u, choice))
	return ans, nil
}

func joinKeys(m map[string]bool) string {
	var out []string
	for _, k := range []string{actHonour, actRenege} {
		if m[k] {
			out = append(out, k+"s")
		}
	}
	return strings.Join(out, " or ")
}

// tailHazard is the normal distribution's hazard (inverse Mills ratio)
//
//	λ(c) = φ(c) / (1 − Φ(c)),
//
// the mean of a standard normal truncated to (c, ∞) (Johnson, Kotz and
// Balakrishnan 1994, Continuous Univariate Distributions 1, §13.10.1). For
// c ≥ 5 it uses Laplace's continued fraction for the tail (Abramowitz and
// Stegun 1964, 26.2.14),
//
//	(1 − Φ(c))/φ(c) = 1/(c + 1/(c + 2/(c + 3/(c + …)))),
//
// evaluated from 60 terms, where the direct ratio loses accuracy and
// finally underflows to 0/0.
func tailHazard(c float64) float64 {
	if c < 5 {
		return math.Exp(-c*c/2) / math.Sqrt(2*math.Pi) / Phi(-c)
	}
	t := c
	for k := 60.0; k >= 1; k-- {
		t = c + k/t
	}
	return t
}

// RADG builds Zagare and Kilgour's (2000, app. 3) rudimentary asymmetric
// deterrence game as an extensive-form game: nature makes B hard
// (probability pB) or soft; A, not knowing which, keeps the status quo
// ("C", outcome SQ) or demands ("D"); B, knowing its type, concedes ("C",
// outcome DC) or resists ("D", outcome DD). Payoffs (A, B): SQ (aSQ, bSQ),
// DC (aDC, bDC), DD (aDD, bHard) or (aDD, bSoft). B's information sets are
// 0 (hard) and 1 (soft). The model's game is this one with many
// guarantors, sanctions and continuous resolve; the RADG is its check.
func RADG(pB *big.Rat, aSQ, aDC, aDD, bSQ, bDC, bHard, bSoft int64) (*game.Extensive, error) {
	pay := func(a, b int64) *game.Node {
		return &game.Node{Player: -2, Payoff: []*big.Rat{big.NewRat(a, 1), big.NewRat(b, 1)}}
	}
	a := func(bIs int, bDD int64) *game.Node {
		b := &game.Node{Player: 1, Infoset: bIs, Actions: []string{"C", "D"}, Children: []*game.Node{pay(aDC, bDC), pay(aDD, bDD)}}
		return &game.Node{Player: 0, Infoset: 0, Actions: []string{"C", "D"}, Children: []*game.Node{pay(aSQ, bSQ), b}}
	}
	root := &game.Node{Player: -1, Actions: []string{"hard", "soft"}, Probs: []*big.Rat{pB, new(big.Rat).Sub(big.NewRat(1, 1), pB)},
		Children: []*game.Node{a(0, bHard), a(1, bSoft)}}
	return game.NewExtensive("RADG (Zagare and Kilgour 2000)", []string{"A", "B"}, root)
}
