package deterrence

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"

	"deter/game"
)

// MaxTreeNodes is the largest game tree Solve builds and solves: the tree
// has one branch per profile of the guarantors' types (2 types each, 3
// with a limited offensive on offer), each with up to 2·2ⁿ endings per way
// of attacking: five guarantors give 4,159 nodes, or about 62,000 with a
// limited offensive. Above it Solve uses the closed form, which gives the
// same answer (TestTreeMatchesClosedForm).
const MaxTreeNodes = 1_000_000

// Action names of the tree.
const (
	actKeep   = "keep the cease-fire"
	actHonour = "honour"
	actRenege = "renege"
)

// Type is one type of a guarantor: an interval of its private resolve εg.
type Type struct {
	Name string
	// P is the probability nature draws it.
	P float64
	// Value[k] is its expected net value of honouring, E[Δg | type] (US$
	// bn), against the k-th extent of attack (Input.Extents).
	Value []float64
}

// Tree is the deterrence game in extensive form, with what is needed to
// read its solution.
type Tree struct {
	Game *game.Extensive
	// Extents are the attacker's ways of attacking, in the order of its
	// actions after "keep the cease-fire".
	Extents []string
	// Types[g] are guarantor g's types, most resolved first.
	Types   [][]Type
	days    float64
	weights []float64
}

// guarantorTypes splits guarantor resolve εg ~ N(0, σ²) at the thresholds
// −Δ̄ (one per extent of attack: it honours an attack of extent k iff
// εg > −Δ̄_k) into intervals, and returns each interval's probability and
// the mean of εg on it, E[εg | a < εg < b] = σ·(φ(a/σ) − φ(b/σ)) / P; in the
// tails σ·λ(a/σ) and −σ·λ(−b/σ) with λ the normal hazard (tailHazard).
// Intervals of probability 0 in float64 are left out.
func guarantorTypes(nets []float64, sigma float64, extents []string) []Type {
	cuts := make([]float64, 0, len(nets))
	for _, n := range nets {
		cuts = append(cuts, -n/sigma) // standardised thresholds
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	phi := func(x float64) float64 { return math.Exp(-x*x/2) / math.Sqrt(2*math.Pi) }
	var out []Type
	// From the most resolved (above the highest cut) down.
	for i := len(cuts); i >= 0; i-- {
		lo, hi := math.Inf(-1), math.Inf(1)
		if i > 0 {
			lo = cuts[i-1]
		}
		if i < len(cuts) {
			hi = cuts[i]
		}
		var pr, mean float64
		switch {
		case math.IsInf(hi, 1):
			pr, mean = Phi(-lo), tailHazard(lo)
		case math.IsInf(lo, -1):
			pr, mean = Phi(hi), -tailHazard(-hi)
		default:
			if lo > 0 {
				pr = Phi(-lo) - Phi(-hi)
			} else {
				pr = Phi(hi) - Phi(lo)
			}
			mean = (phi(lo) - phi(hi)) / pr
			mean = math.Max(lo, math.Min(hi, mean)) // rounding in the far tail
		}
		if !(pr > 0) {
			continue
		}
		t := Type{P: pr}
		honours := 0
		for k, n := range nets {
			v := n + sigma*mean
			t.Value = append(t.Value, v)
			if -n/sigma <= lo {
				honours |= 1 << k
			}
		}
		switch {
		case honours == 1<<len(nets)-1:
			t.Name = "resolved"
		case honours == 0:
			t.Name = "irresolute"
		default:
			var which []string
			for k := range nets {
				if honours&(1<<k) != 0 {
					which = append(which, extentName(extents[k], 0))
				}
			}
			t.Name = "resolved against " + strings.Join(which, " and ") + " only"
		}
		out = append(out, t)
	}
	return out
}

func extentName(ext string, days float64) string {
	if ext == LimitedWar {
		if days > 0 {
			return fmt.Sprintf("a limited offensive (%.0f days)", days)
		}
		return "a limited offensive"
	}
	return "a full offensive"
}

// BuildTree writes the deterrence game of in as an extensive-form game of
// incomplete information (Harsanyi 1967):
//
//  1. Nature draws each guarantor's type: an interval of its private
//     resolve εg ~ N(0, σg²) cut where honouring starts to pay against each
//     way of attacking (εg = −Δ̄g); with a full offensive only, resolved
//     (εg > −Δ̄g, probability Φ(Δ̄g/σg)) or irresolute. Each guarantor
//     learns its own type.
//  2. The attacker, not knowing the types, keeps the cease-fire (every
//     payoff 0), attacks with a full offensive, or, if in.Limited is set,
//     with a limited one.
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
// value of honouring against that attack, E[Δg | type] (the mean of εg on
// the type's interval added to Δ̄g; see guarantorTypes), and 0 if it
// reneges. The attacker at its average resolve (εa = 0) gets W(intervene)
// of that attack if any guarantor honours and W(stay out) if none does,
// less the sanctions if they snap back, the energy revenue cut off, plus
// its drive μ (see the package doc). The defender, who makes no move here,
// loses v·ground taken.
//
// The attacker's own resolve εa is not drawn in the tree: it shifts the
// attacker's payoff from every attack by εa and nothing else, so with Ū
// the solved tree's value of the best attack over keeping the cease-fire,
// P(attack) = P(εa > −Ū) = Φ(Ū/σa) exactly.
func BuildTree(in *Input) (*Tree, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	p := &in.Params
	n := len(in.Guarantors)
	t := &Tree{Extents: in.Extents(), weights: in.Weights}
	if in.Limited != nil {
		t.days = in.Limited.Days
	}
	type attack struct {
		wOut, wIn, groundOut, groundIn float64
	}
	var attacks []attack
	for _, ext := range t.Extents {
		stayOut, intervene, warCost, _ := in.option(ext)
		war := func(w War, withGuarantors bool) float64 {
			v := p.ValuePerKm2*w.GroundKm2 - warCost - p.CostPerLoss*w.AttackerLosses
			if withGuarantors {
				v -= in.FightGuarantors
			}
			return v - in.Energy + in.Drive
		}
		attacks = append(attacks, attack{war(stayOut, false), war(intervene, true), stayOut.GroundKm2, intervene.GroundKm2})
	}
	players := []string{"attacker"}
	profiles := 1.0
	for g := range in.Guarantors {
		players = append(players, in.Guarantors[g].ID)
		var nets []float64
		for _, ext := range t.Extents {
			_, _, _, gs := in.option(ext)
			net := 0.0
			for _, term := range guarantorTerms(gs[g], p) {
				net += term.Value
			}
			nets = append(nets, net)
		}
		t.Types = append(t.Types, guarantorTypes(nets, p.SigmaG, t.Extents))
		profiles *= float64(len(t.Types[g]))
	}
	players = append(players, "defender")
	np := len(players)
	sanctionsChance := in.Sanctions != 0 && in.SanctionsProb > 0 && in.SanctionsProb < 1
	per := math.Exp2(float64(n+1)) - 1 // the guarantors' subtree
	if sanctionsChance {
		per = 2*per + 1
	}
	if nodes := profiles * (2 + float64(len(t.Extents))*per); nodes > MaxTreeNodes {
		return nil, fmt.Errorf("deterrence: the game tree would have about %.0f nodes; at most %d are built", nodes, MaxTreeNodes)
	}
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
	// guarantors builds the guarantors' moves from guarantor i on after an
	// attack of extent k; types holds each guarantor's type index.
	// phi is the share of the intervention the honouring guarantors bring:
	// 1 once any honours in the pooled model, the sum of their weights in
	// the force-weighted one.
	var guarantors func(k, i int, types []int, seen string, phi float64, sanctioned bool, pays []float64) *game.Node
	guarantors = func(k, i int, types []int, seen string, phi float64, sanctioned bool, pays []float64) *game.Node {
		if i == n {
			a := attacks[k]
			w := a.wOut + (a.wIn-a.wOut)*phi
			ground := a.groundOut + (a.groundIn-a.groundOut)*phi
			if phi == 1 { // exactly the intervention campaign
				w, ground = a.wIn, a.groundIn
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
		// The guarantor knows its own and the earlier guarantors' types
		// and sees the attack and their choices.
		kb := make([]byte, 0, 2*i+len(seen)+4)
		for _, ty := range types[:i+1] {
			kb = append(kb, byte('0'+ty))
		}
		kb = append(append(append(kb, '|', byte('0'+k), '|'), seen...), 0)
		key := string(kb)
		node := &game.Node{Player: i + 1, Infoset: infoset(i+1, key), Actions: []string{actHonour, actRenege}}
		for c := range node.Actions {
			next := append([]float64(nil), pays...)
			if c == 0 {
				next[i] = t.Types[i][types[i]].Value[k]
			}
			nphi := phi
			if c == 0 {
				nphi = 1
				if in.Weights != nil {
					nphi = phi + in.Weights[i]
				}
			}
			node.Children = append(node.Children, guarantors(k, i+1, types, seen+node.Actions[c][:1], nphi, sanctioned, next))
		}
		return node
	}
	attackNode := func(k int, types []int) *game.Node {
		pays := make([]float64, n)
		if !sanctionsChance {
			return guarantors(k, 0, types, "", 0, in.Sanctions != 0 && in.SanctionsProb == 1, pays)
		}
		ps := rat(in.SanctionsProb)
		return &game.Node{Player: -1, Actions: []string{"sanctions snap back", "no sanctions"},
			Probs: []*big.Rat{ps, new(big.Rat).Sub(one, ps)},
			Children: []*game.Node{
				guarantors(k, 0, types, "", 0, true, pays),
				guarantors(k, 0, types, "", 0, false, pays),
			}}
	}
	var nature func(i int, types []int) *game.Node
	nature = func(i int, types []int) *game.Node {
		if i == n {
			zero := make([]*big.Rat, np)
			for k := range zero {
				zero[k] = new(big.Rat)
			}
			node := &game.Node{Player: 0, Infoset: 0, Actions: []string{actKeep}, Children: []*game.Node{{Player: -2, Payoff: zero}}}
			for k, ext := range t.Extents {
				node.Actions = append(node.Actions, "attack: "+extentName(ext, t.days))
				node.Children = append(node.Children, attackNode(k, types))
			}
			return node
		}
		node := &game.Node{Player: -1}
		rest := new(big.Rat).Set(one)
		for j, ty := range t.Types[i] {
			pr := rat(ty.P)
			if j == len(t.Types[i])-1 {
				pr = rest // the probabilities must add up to 1 exactly
			}
			rest = new(big.Rat).Sub(rest, pr)
			node.Actions = append(node.Actions, in.Guarantors[i].ID+" "+ty.Name)
			node.Probs = append(node.Probs, pr)
			node.Children = append(node.Children, nature(i+1, append(slices.Clone(types), j)))
		}
		if rest.Sign() < 0 { // float64 probabilities summing to a hair over 1
			last := len(node.Probs) - 1
			node.Probs[last] = new(big.Rat).Add(node.Probs[last], rest)
			if node.Probs[last].Sign() < 0 {
				node.Probs[last] = new(big.Rat)
			}
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

// treeAnswer is what the solved tree says, per extent of attack.
type treeAnswer struct {
	utility []float64   // Ū_k, value of the attack over keeping the cease-fire
	pHonour [][]float64 // [k][g]: P(g honours | attack of extent k)
	pI      []float64   // P(some guarantor honours | attack of extent k)
	best    int         // the extent worth most to the attacker
	path    []string
}

// solve solves the tree by Bayesian backward induction (package game, in
// float64: the tree of five guarantors with a limited offensive has about
// 62,000 nodes) and reads the answer off the equilibrium.
func (t *Tree) solve() (*treeAnswer, error) {
	a, err := t.Game.BayesianBackwardInductionFloat()
	if err != nil {
		return nil, fmt.Errorf("deterrence: %w", err)
	}
	n := len(t.Types)
	ne := len(t.Extents)
	ans := &treeAnswer{utility: make([]float64, ne), pHonour: make([][]float64, ne), pI: make([]float64, ne)}
	av := a.ActionValues[0][0]
	for k := range ne {
		ans.utility[k] = av[k+1] - av[0]
		if ans.utility[k] > ans.utility[ans.best] {
			ans.best = k
		}
	}
	// does[g][type][k]: the actions type plays against extent k.
	does := make([][][]map[string]bool, n)
	for g := range n {
		does[g] = make([][]map[string]bool, len(t.Types[g]))
		for j := range does[g] {
			does[g][j] = make([]map[string]bool, ne)
		}
	}
	for k := range ne {
		ans.pHonour[k] = make([]float64, n)
		// Walk the tree with the attacker attacking with extent k, the
		// guarantors playing their equilibrium choices and chance its
		// probabilities.
		var walk func(nd *game.Node, pr, phi float64, types []int)
		walk = func(nd *game.Node, pr, phi float64, types []int) {
			switch {
			case nd.Player == -2:
				ans.pI[k] += pr * phi
			case nd.Player == -1:
				for i, c := range nd.Children {
					q, _ := nd.Probs[i].Float64()
					ty := types
					if len(types) < n { // nature drawing the next guarantor's type
						ty = append(slices.Clone(types), i)
					}
					walk(c, pr*q, phi, ty)
				}
			case nd.Player == 0:
				walk(nd.Children[k+1], pr, phi, types)
			default:
				g := nd.Player - 1
				ch := a.Choice[nd.Player][nd.Infoset]
				m := &does[g][types[g]][k]
				if *m == nil {
					*m = map[string]bool{}
				}
				(*m)[nd.Actions[ch]] = true
				nphi := phi
				if ch == 0 {
					ans.pHonour[k][g] += pr
					nphi = 1
					if t.weights != nil {
						nphi = phi + t.weights[g]
					}
				}
				walk(nd.Children[ch], pr, nphi, types)
			}
		}
		walk(t.Game.Root, 1, 0, nil)
	}
	// The equilibrium path in words.
	for g := range n {
		var parts []string
		for j, ty := range t.Types[g] {
			if ty.P < 0.005 && len(t.Types[g]) > 1 {
				continue // too rare to print at two decimals; it is in the tree
			}
			part := fmt.Sprintf("%s (p %.2f)", ty.Name, ty.P)
			var acts []string
			same := true
			for k, ext := range t.Extents {
				a := joinKeys(does[g][j][k])
				same = same && a == joinKeys(does[g][j][0])
				if ne > 1 {
					a += " " + extentName(ext, 0)
				}
				acts = append(acts, a)
			}
			if same {
				acts = []string{joinKeys(does[g][j][0])} // the same against every attack
			}
			part += " " + strings.Join(acts, ", ")
			if ne == 1 {
				part += fmt.Sprintf(" if attacked (honouring worth %+.0f bn to it)", ty.Value[0])
			}
			parts = append(parts, part)
		}
		ans.path = append(ans.path, t.Game.Players[g+1]+": "+strings.Join(parts, "; "))
	}
	who := "attacker, not knowing their types"
	if n == 0 {
		who = "attacker, facing no guarantor"
	}
	var vals []string
	for k, ext := range t.Extents {
		vals = append(vals, fmt.Sprintf("%s worth %+.0f bn a year", extentName(ext, t.days), ans.utility[k]))
	}
	choice := "keeps the cease-fire"
	if ans.utility[ans.best] > 0 {
		choice = "attacks with " + extentName(t.Extents[ans.best], t.days)
	}
	ans.path = append(ans.path, fmt.Sprintf("%s: %s against the cease-fire, so at its average resolve it %s", who, strings.Join(vals, ", "), choice))
	return ans, nil
}

func joinKeys(m map[string]bool) string {
	var out []string
	for _, k := range []string{actHonour, actRenege} {
		if m[k] {
			out = append(out, k+"s")
		}
	}
	if len(out) == 0 {
		return "(never reached)"
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
