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

// Type is one type of a guarantor: an interval of its private resolve εg
// on which its best option against each extent of attack is the same.
type Type struct {
	Name string
	// P is the probability nature draws it.
	P float64
	// Value[k][j] is its expected value over reneging of option j
	// (Tree.Options; option 0, reneging, is worth 0) against the k-th
	// extent of attack (Input.Extents): E[a_j + b_j·εg | type] in US$ bn;
	// without Input.Help option 1, honouring, is worth E[Δg | type].
	Value [][]float64
	// Choice[k] is the option it takes against the k-th extent.
	Choice []int
}

// Tree is the deterrence game in extensive form, with what is needed to
// read its solution.
type Tree struct {
	Game *game.Extensive
	// Extents are the attacker's ways of attacking, in the order of its
	// actions after "keep the cease-fire".
	Extents []string
	// Types[g] are guarantor g's types, most resolved first.
	Types [][]Type
	// Options[g] names guarantor g's options, reneging first; its actions
	// in the tree are the same from the last (the most it can do) to the
	// first.
	Options [][]string
	days    float64
	// force[g][j] is the share of the intervention option j of guarantor g
	// brings; with pooled, any option but reneging brings all of it.
	force [][]float64
	// war[g][j] is the share of the guarantors option j puts at war.
	war    [][]float64
	pooled bool
	// honours[g][j]: option j honours guarantor g's commitment.
	honours [][]bool
}

// guarantorTypes splits guarantor resolve εg ~ N(0, σ²) at every point
// where its best option against some extent of attack changes (lines[k]
// holds its n options' payoffs a + b·εg against extent k; see best) into
// intervals, and returns each interval's probability, its best option per
// extent and the options' expected values on it, using the mean of εg on
// the interval, E[εg | a < εg < b] = σ·(φ(a/σ) − φ(b/σ)) / P; in the tails
// σ·λ(a/σ) and −σ·λ(−b/σ) with λ the normal hazard (tailHazard). Without
// forms of help the one cut per extent is εg = −Δ̄g: it honours an attack
// of extent k iff εg > −Δ̄_k. Intervals of probability 0 in float64 are
// left out.
func guarantorTypes(lines [][maxOptions]line, n int, sigma float64, extents []string, names []string) []Type {
	var cuts []float64
	los := make([][maxOptions]float64, len(lines))
	his := make([][maxOptions]float64, len(lines))
	for k := range lines {
		los[k], his[k] = best(&lines[k], n, sigma)
		for j := range n {
			for _, c := range []float64{los[k][j], his[k][j]} {
				if los[k][j] < his[k][j] && !math.IsInf(c, 0) {
					cuts = append(cuts, c) // standardised thresholds
				}
			}
		}
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
			pr = probBetween(lo, hi)
			mean = (phi(lo) - phi(hi)) / pr
			mean = math.Max(lo, math.Min(hi, mean)) // rounding in the far tail
		}
		if !(pr > 0) {
			continue
		}
		t := Type{P: pr}
		for k := range lines {
			v := make([]float64, n)
			choice := 0
			for j := range n {
				v[j] = lines[k][j].a + lines[k][j].b*sigma*mean
				if los[k][j] <= lo && hi <= his[k][j] && los[k][j] < his[k][j] {
					choice = j
				}
			}
			t.Value = append(t.Value, v)
			t.Choice = append(t.Choice, choice)
		}
		t.Name = typeName(t.Choice, extents, names)
		out = append(out, t)
	}
	return out
}

// typeName names a type by what it does: resolved, irresolute, or
// resolved against some extents only, when its only options are honouring
// and reneging; otherwise by the help it gives.
func typeName(choice []int, extents []string, names []string) string {
	same := !slices.ContainsFunc(choice, func(c int) bool { return c != choice[0] })
	if len(names) == 2 {
		var which []string
		for k, c := range choice {
			if c == 1 {
				which = append(which, extentName(extents[k], 0))
			}
		}
		switch {
		case len(which) == len(choice):
			return "resolved"
		case len(which) == 0:
			return "irresolute"
		}
		return "resolved against " + strings.Join(which, " and ") + " only"
	}
	ready := func(c int) string {
		if c == 0 {
			return "irresolute"
		}
		return "ready to give " + names[c]
	}
	if same {
		return ready(choice[0])
	}
	var parts []string
	for k, c := range choice {
		parts = append(parts, ready(c)+" against "+extentName(extents[k], 0))
	}
	return strings.Join(parts, ", ")
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
//     (εg > −Δ̄g, probability Φ(Δ̄g/σg)) or irresolute; with forms of
//     help, cut wherever its best form of help changes. Each guarantor
//     learns its own type.
//  2. The attacker, not knowing the types, keeps the cease-fire (every
//     payoff 0), attacks with a full offensive, or, if in.Limited is set,
//     with a limited one.
//  3. After an attack nature decides whether the sanctions snap back
//     (probability ps; only when there are sanctions and 0 < ps < 1).
//  4. The guarantors, in the order of the package, honour or renege (with
//     Input.Help: give one of their forms of help, the most first, or
//     renege), each
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
// reneges (with forms of help, E[Δg,h | type] for help h). The attacker at
// its average resolve (εa = 0) gets W(intervene) of that attack if any
// guarantor honours and W(stay out) if none does (with weights or forms of
// help, W(stay out) plus the share of the guarantors' forces that fight
// times W(intervene) − W(stay out)),
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
	b := &treeBuilder{in: in, p: &in.Params, n: len(in.Guarantors), rats: map[float64]*big.Rat{}, one: big.NewRat(1, 1)}
	t := &Tree{Extents: in.Extents(), pooled: in.Help == nil && in.Weights == nil}
	b.t = t
	if in.Limited != nil {
		t.days = in.Limited.Days
	}
	b.warValues()
	players := []string{"attacker"}
	profiles, per := 1.0, b.guarantorOptions()
	for g := range in.Guarantors {
		players = append(players, in.Guarantors[g].ID)
		profiles *= float64(len(t.Types[g]))
	}
	players = append(players, "defender")
	b.np = len(players)
	b.sanctionsChance = in.Sanctions != 0 && in.SanctionsProb > 0 && in.SanctionsProb < 1
	if b.sanctionsChance {
		per = 2*per + 1
	}
	if nodes := profiles * (2 + float64(len(t.Extents))*per); nodes > MaxTreeNodes {
		return nil, fmt.Errorf("deterrence: the game tree would have about %.0f nodes; at most %d are built", nodes, MaxTreeNodes)
	}
	b.sets = make([]map[string]int, b.np)
	for i := range b.sets {
		b.sets[i] = map[string]int{}
	}
	b.typeProbabilities()
	g, err := game.NewExtensive("deterrence game", players, b.nature(0, nil))
	if err != nil {
		return nil, fmt.Errorf("deterrence: %w", err)
	}
	t.Game = g
	return t, nil
}

// treeBuilder holds what BuildTree's recursive steps share.
type treeBuilder struct {
	in *Input
	p  *Params
	t  *Tree
	n  int // guarantors
	np int // players: attacker, guarantors, defender
	// attacks are the attacker's war values and ground per extent.
	attacks         []warValue
	sanctionsChance bool
	rats            map[float64]*big.Rat
	one             *big.Rat
	sets            []map[string]int
	typeProbs       [][]*big.Rat
}

// warValue is the attacker's war with the guarantors staying out and
// with all of them fighting, before the cost of fighting them (e).
type warValue struct {
	wOut, wIn, groundOut, groundIn float64
}

func (b *treeBuilder) warValues() {
	in, p := b.in, b.p
	for _, ext := range b.t.Extents {
		stayOut, intervene, warCost, _ := in.option(ext)
		war := func(w War) float64 {
			return in.GroundValue(w.GroundKm2) - warCost - p.CostPerLoss*w.AttackerLosses - in.Energy + in.Drive
		}
		b.attacks = append(b.attacks, warValue{war(stayOut), war(intervene), stayOut.GroundKm2, intervene.GroundKm2})
	}
}

// guarantorOptions sets each guarantor's options, their force and war
// shares, and its types; it returns the number of nodes of the
// guarantors' subtree after one attack.
func (b *treeBuilder) guarantorOptions() float64 {
	in, p, t := b.in, b.p, b.t
	per, width := 1.0, 1.0
	for g := range in.Guarantors {
		names, force, war, honours := []string{actRenege, actHonour}, []float64{0, 1}, []float64{0, 1}, []bool{false, true}
		switch {
		case in.Help != nil:
			names, force, war, honours = names[:1], force[:1], war[:1], honours[:1]
			for _, h := range in.Help[g] {
				names = append(names, h.Means.String())
				force = append(force, h.Force)
				war = append(war, h.War)
				honours = append(honours, p.honours(in.Guarantors[g].Commitment, h.Means))
			}
		case in.Weights != nil:
			force[1], war[1] = in.Weights[g], in.Weights[g]
		}
		t.Options = append(t.Options, names)
		t.force = append(t.force, force)
		t.war = append(t.war, war)
		t.honours = append(t.honours, honours)
		var lines [][maxOptions]line
		for _, ext := range t.Extents {
			var ls [maxOptions]line
			in.options(g, ext == LimitedWar, &ls)
			lines = append(lines, ls)
		}
		t.Types = append(t.Types, guarantorTypes(lines, len(names), p.SigmaG, t.Extents, names))
		width *= float64(len(names))
		per += width
	}
	return per
}

// rat converts a payoff to an exact fraction once: the leaves share a few
// values.
func (b *treeBuilder) rat(x float64) *big.Rat {
	r, ok := b.rats[x]
	if !ok {
		r = new(big.Rat).SetFloat64(x)
		b.rats[x] = r
	}
	return r
}

func (b *treeBuilder) infoset(pl int, key string) int {
	k, ok := b.sets[pl][key]
	if !ok {
		k = len(b.sets[pl])
		b.sets[pl][key] = k
	}
	return k
}

// guarantors builds the guarantors' moves from guarantor i on after an
// attack of extent k; types holds each guarantor's type index. phi is the
// share of the intervention the honouring guarantors bring: 1 once any
// honours in the pooled model, the sum of their weights in the
// force-weighted one.
func (b *treeBuilder) guarantors(k, i int, types []int, seen string, phi shares, sanctioned bool, pays []float64) *game.Node {
	t := b.t
	if i == b.n {
		return b.leaf(k, phi, sanctioned, pays)
	}
	// The guarantor knows its own and the earlier guarantors' types and
	// sees the attack and their choices.
	kb := make([]byte, 0, 2*i+len(seen)+4)
	for _, ty := range types[:i+1] {
		kb = append(kb, byte('0'+ty))
	}
	kb = append(append(append(kb, '|', byte('0'+k), '|'), seen...), 0)
	key := string(kb)
	opts := t.Options[i]
	node := &game.Node{Player: i + 1, Infoset: b.infoset(i+1, key)}
	for c := range opts {
		j := len(opts) - 1 - c // the most it can do first
		node.Actions = append(node.Actions, opts[j])
		next := append([]float64(nil), pays...)
		next[i] = t.Types[i][types[i]].Value[k][j]
		node.Children = append(node.Children, b.guarantors(k, i+1, types, seen+string(rune('0'+c)), t.share(i, j, phi), sanctioned, next))
	}
	return node
}

// leaf is the end of play after an attack of extent k: the attacker's war
// interpolated by the share of the guarantors' forces that fight, less the
// cost of fighting them and the sanctions if they snapped back; each
// guarantor's payoff; the defender's ground lost.
func (b *treeBuilder) leaf(k int, phi shares, sanctioned bool, pays []float64) *game.Node {
	in := b.in
	a := b.attacks[k]
	w := a.wOut + (a.wIn-a.wOut)*phi.force
	ground := a.groundOut + (a.groundIn-a.groundOut)*phi.force
	if phi.force == 1 { // exactly the intervention campaign
		w, ground = a.wIn, a.groundIn
	}
	w -= in.FightGuarantors * phi.war
	if sanctioned {
		w -= in.Sanctions
	}
	leaf := &game.Node{Player: -2, Payoff: make([]*big.Rat, b.np)}
	leaf.Payoff[0] = b.rat(w)
	for g := range b.n {
		leaf.Payoff[g+1] = b.rat(pays[g])
	}
	leaf.Payoff[b.np-1] = b.rat(-b.p.ValuePerKm2 * ground)
	return leaf
}

// attackNode is an attack of extent k: nature decides whether sanctions
// snap back (when that is uncertain), then the guarantors move.
func (b *treeBuilder) attackNode(k int, types []int) *game.Node {
	in := b.in
	pays := make([]float64, b.n)
	if !b.sanctionsChance {
		return b.guarantors(k, 0, types, "", shares{}, in.Sanctions != 0 && in.SanctionsProb == 1, pays)
	}
	ps := b.rat(in.SanctionsProb)
	return &game.Node{Player: -1, Actions: []string{"sanctions snap back", "no sanctions"},
		Probs: []*big.Rat{ps, new(big.Rat).Sub(b.one, ps)},
		Children: []*game.Node{
			b.guarantors(k, 0, types, "", shares{}, true, pays),
			b.guarantors(k, 0, types, "", shares{}, false, pays),
		}}
}

// typeProbabilities sets each guarantor's type probabilities as exact
// fractions adding up to 1: the last is 1 minus the others; if float64
// rounding made the others add up to a hair over 1, the excess comes off
// the likeliest.
func (b *treeBuilder) typeProbabilities() {
	b.typeProbs = make([][]*big.Rat, b.n)
	for i, types := range b.t.Types {
		rest, likeliest := new(big.Rat).Set(b.one), 0
		for j, ty := range types[:len(types)-1] {
			b.typeProbs[i] = append(b.typeProbs[i], b.rat(ty.P))
			rest.Sub(rest, b.typeProbs[i][j])
			if ty.P > types[likeliest].P {
				likeliest = j
			}
		}
		if rest.Sign() < 0 && len(types) > 1 {
			b.typeProbs[i][likeliest] = new(big.Rat).Add(b.typeProbs[i][likeliest], rest)
			rest = new(big.Rat)
		}
		b.typeProbs[i] = append(b.typeProbs[i], rest)
	}
}

// nature draws guarantor i's type, then the next's; after the last, the
// attacker keeps the cease-fire or attacks.
func (b *treeBuilder) nature(i int, types []int) *game.Node {
	t := b.t
	if i == b.n {
		zero := make([]*big.Rat, b.np)
		for k := range zero {
			zero[k] = new(big.Rat)
		}
		node := &game.Node{Player: 0, Infoset: 0, Actions: []string{actKeep}, Children: []*game.Node{{Player: -2, Payoff: zero}}}
		for k, ext := range t.Extents {
			node.Actions = append(node.Actions, "attack: "+extentName(ext, t.days))
			node.Children = append(node.Children, b.attackNode(k, types))
		}
		return node
	}
	node := &game.Node{Player: -1}
	for j, ty := range t.Types[i] {
		node.Actions = append(node.Actions, b.in.Guarantors[i].ID+" "+ty.Name)
		node.Probs = append(node.Probs, b.typeProbs[i][j])
		node.Children = append(node.Children, b.nature(i+1, append(slices.Clone(types), j)))
	}
	return node
}

// share is the share of the intervention that the guarantors bring when
// guarantor g takes option j after those before it brought phi.
func (t *Tree) share(g, j int, phi shares) shares {
	switch {
	case j == 0:
		return phi
	case t.pooled:
		return shares{1, 1}
	}
	return shares{phi.force + t.force[g][j], phi.war + t.war[g][j]}
}

// shares are the share of the intervention campaign the guarantors bring
// and the share of them at war with the attacker (the same but with forms
// of help; see Help.War).
type shares struct{ force, war float64 }

// treeAnswer is what the solved tree says, per extent of attack.
type treeAnswer struct {
	utility []float64     // Ū_k, value of the attack over keeping the cease-fire
	pHonour [][]float64   // [k][g]: P(g honours | attack of extent k)
	pI      []float64     // expected share of the intervention | attack of extent k
	pWar    []float64     // expected share of the guarantors at war | attack of extent k
	pOption [][][]float64 // [k][g][j]: P(g takes option j | attack of extent k)
	best    int           // the extent worth most to the attacker
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
	ans := &treeAnswer{utility: make([]float64, ne), pHonour: make([][]float64, ne), pI: make([]float64, ne), pWar: make([]float64, ne), pOption: make([][][]float64, ne)}
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
		ans.pOption[k] = make([][]float64, n)
		for g := range n {
			ans.pOption[k][g] = make([]float64, len(t.Options[g]))
		}
		// Walk the tree with the attacker attacking with extent k, the
		// guarantors playing their equilibrium choices and chance its
		// probabilities.
		var walk func(nd *game.Node, pr float64, phi shares, types []int)
		walk = func(nd *game.Node, pr float64, phi shares, types []int) {
			switch {
			case nd.Player == -2:
				ans.pI[k] += pr * phi.force
				ans.pWar[k] += pr * phi.war
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
				opt := len(nd.Actions) - 1 - ch
				ans.pOption[k][g][opt] += pr
				if t.honours[g][opt] {
					ans.pHonour[k][g] += pr
				}
				walk(nd.Children[ch], pr, t.share(g, opt, phi), types)
			}
		}
		walk(t.Game.Root, 1, shares{}, nil)
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
			opts := t.Options[g]
			for k, ext := range t.Extents {
				a := joinKeys(does[g][j][k], opts)
				same = same && a == joinKeys(does[g][j][0], opts)
				if ne > 1 {
					a += " against " + extentName(ext, 0)
				}
				acts = append(acts, a)
			}
			if same {
				acts = []string{joinKeys(does[g][j][0], opts)} // the same against every attack
			}
			part += " " + strings.Join(acts, ", ")
			if c := ty.Choice[0]; ne == 1 && len(opts) == 2 {
				part += fmt.Sprintf(" if attacked (honouring worth %+.0f bn to it)", ty.Value[0][1])
			} else if ne == 1 && c > 0 {
				part += fmt.Sprintf(" if attacked (worth %+.0f bn to it over reneging)", ty.Value[0][c])
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

// joinKeys lists the options (names, reneging first) a type takes, the
// most it does first, as verbs.
func joinKeys(m map[string]bool, names []string) string {
	var out []string
	for j := len(names) - 1; j >= 0; j-- {
		switch k := names[j]; {
		case !m[k]:
		case k == actHonour || k == actRenege:
			out = append(out, k+"s")
		default:
			out = append(out, "gives "+k)
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
