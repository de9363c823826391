package game

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
)

// token is a lexical element of Gambit's text formats.
type token struct {
	kind byte // 's' string, 'n' number, 'w' word, '{', '}'
	text string
	line int
}

func tokenize(src string) ([]token, error) {
	var out []token
	line := 1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case unicode.IsSpace(rune(c)) || c == ',':
			i++
		case c == '{' || c == '}':
			out = append(out, token{kind: c, text: string(c), line: line})
			i++
		case c == '"':
			var b strings.Builder
			start := line
			i++
			for ; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' && i+1 < len(src) {
					i++
				}
				if src[i] == '\n' {
					line++
				}
				b.WriteByte(src[i])
			}
			if i >= len(src) {
				return nil, fmt.Errorf("line %d: unterminated string", start)
			}
			i++
			out = append(out, token{kind: 's', text: b.String(), line: start})
		default:
			j := i
			for j < len(src) && !unicode.IsSpace(rune(src[j])) && src[j] != ',' && src[j] != '{' && src[j] != '}' && src[j] != '"' {
				j++
			}
			w := src[i:j]
			kind := byte('w')
			if (w[0] >= '0' && w[0] <= '9') || w[0] == '-' || w[0] == '+' || w[0] == '.' {
				kind = 'n'
			}
			out = append(out, token{kind: kind, text: w, line: line})
			i = j
		}
	}
	return out, nil
}

type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() *token {
	if p.pos >= len(p.toks) {
		return nil
	}
	return &p.toks[p.pos]
}

func (p *parser) next() (token, error) {
	if p.pos >= len(p.toks) {
		return token{}, fmt.Errorf("unexpected end of file")
	}
	t := p.toks[p.pos]
	p.pos++
	return t, nil
}

func (p *parser) expect(kind byte) (token, error) {
	t, err := p.next()
	if err != nil {
		return t, err
	}
	if t.kind != kind {
		return t, fmt.Errorf("line %d: expected %q, got %q", t.line, string(kind), t.text)
	}
	return t, nil
}

func (p *parser) strings() ([]string, error) {
	if _, err := p.expect('{'); err != nil {
		return nil, err
	}
	var out []string
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		if t.kind == '}' {
			return out, nil
		}
		if t.kind != 's' {
			return nil, fmt.Errorf("line %d: expected a name, got %q", t.line, t.text)
		}
		out = append(out, t.text)
	}
}

// parseNumber reads an integer, decimal ("0.25", "1e-3") or rational ("1/3").
// Numbers in game files are exact, within a stated range: at most
// maxNumberDigits digits and a decimal exponent of at most maxNumberExp in
// size (a payoff of 1e1000000 would be a million-digit integer that every
// exact solver then carries).
const (
	maxNumberDigits = 100
	maxNumberExp    = 300
)

func parseNumber(t token) (*big.Rat, error) {
	mant, exp, hasExp := strings.Cut(strings.ToLower(t.text), "e")
	digits := 0
	for _, c := range mant {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	if digits > maxNumberDigits {
		return nil, fmt.Errorf("line %d: %q has more than %d digits", t.line, t.text, maxNumberDigits)
	}
	if hasExp {
		if e, err := strconv.Atoi(exp); err != nil || e > maxNumberExp || e < -maxNumberExp {
			return nil, fmt.Errorf("line %d: %q is out of range (exponents from -%d to %d)", t.line, t.text, maxNumberExp, maxNumberExp)
		}
	}
	r, ok := new(big.Rat).SetString(t.text)
	if !ok {
		return nil, fmt.Errorf("line %d: %q is not a number", t.line, t.text)
	}
	return r, nil
}

func (p *parser) numbers() ([]*big.Rat, error) {
	if _, err := p.expect('{'); err != nil {
		return nil, err
	}
	var out []*big.Rat
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		if t.kind == '}' {
			return out, nil
		}
		v, err := parseNumber(t)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}

// ReadNFG parses a game in Gambit's .nfg format, in either its payoff or its
// outcome version.
func ReadNFG(src string) (*NormalForm, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, fmt.Errorf("nfg: %w", err)
	}
	p := &parser{toks: toks}
	fail := func(err error) (*NormalForm, error) { return nil, fmt.Errorf("nfg: %w", err) }
	if t, err := p.next(); err != nil || t.text != "NFG" {
		return fail(fmt.Errorf("not an NFG file"))
	}
	if t, err := p.next(); err != nil || t.text != "1" {
		return fail(fmt.Errorf("only NFG version 1 is supported"))
	}
	if _, err := p.next(); err != nil { // R or D
		return fail(err)
	}
	title, err := p.expect('s')
	if err != nil {
		return fail(err)
	}
	players, err := p.strings()
	if err != nil {
		return fail(err)
	}
	if _, err := p.expect('{'); err != nil {
		return fail(err)
	}
	strat, err := p.nfgStrategies()
	if err != nil {
		return fail(err)
	}
	if len(strat) != len(players) {
		return fail(fmt.Errorf("%d players but %d strategy lists", len(players), len(strat)))
	}
	total := 1
	for _, s := range strat {
		total *= len(s)
		if total > maxStrategicProfiles {
			return fail(fmt.Errorf("game too large: more than %d strategy profiles", maxStrategicProfiles))
		}
	}
	if t := p.peek(); t != nil && t.kind == 's' {
		p.next() // comment
	}
	// Every profile needs at least one token (an outcome index or its
	// payoffs): checking this before allocating keeps memory proportional
	// to the file, whatever strategy counts it claims.
	if rest := len(p.toks) - p.pos; rest < total {
		return fail(fmt.Errorf("the game has %d strategy profiles but only %d payoff tokens follow", total, rest))
	}
	g := NewNormalForm(players, strat)
	g.Title = title.text
	if t := p.peek(); t != nil && t.kind == '{' {
		if err := p.nfgOutcomes(g, total); err != nil {
			return fail(err)
		}
		return g, nil
	}
	for idx := range total {
		for pl := range players {
			t, err := p.next()
			if err != nil {
				return fail(fmt.Errorf("payoff list ends at profile %d of %d", idx+1, total))
			}
			v, err := parseNumber(t)
			if err != nil {
				return fail(err)
			}
			g.payoffs[idx][pl].Set(v)
		}
	}
	return g, nil
}

// nfgStrategies reads the strategy lists of an .nfg file: per player, a
// list of names or a count.
func (p *parser) nfgStrategies() ([][]string, error) {
	var strat [][]string
	for {
		t := p.peek()
		if t == nil {
			return nil, fmt.Errorf("unexpected end in the strategy list")
		}
		if t.kind == '}' {
			p.next()
			return strat, nil
		}
		if t.kind == '{' {
			names, err := p.strings()
			if err != nil {
				return nil, err
			}
			if len(names) == 0 {
				return nil, fmt.Errorf("line %d: player %d has no strategies", t.line, len(strat)+1)
			}
			strat = append(strat, names)
			continue
		}
		nt, _ := p.next()
		k, err := strconv.Atoi(nt.text)
		if err != nil || k < 1 || k > 10000 {
			return nil, fmt.Errorf("line %d: bad strategy count %q", nt.line, nt.text)
		}
		names := make([]string, k)
		for i := range names {
			names[i] = strconv.Itoa(i + 1)
		}
		strat = append(strat, names)
	}
}

// nfgOutcomes reads the outcome version's payoffs: the outcomes, then one
// outcome index per profile (0: no outcome).
func (p *parser) nfgOutcomes(g *NormalForm, total int) error {
	p.next()
	var outcomes [][]*big.Rat
	for {
		t := p.peek()
		if t == nil {
			return fmt.Errorf("unexpected end in the outcome list")
		}
		if t.kind == '}' {
			p.next()
			break
		}
		if _, err := p.expect('{'); err != nil {
			return err
		}
		if _, err := p.expect('s'); err != nil {
			return err
		}
		var pay []*big.Rat
		for {
			t, err := p.next()
			if err != nil {
				return err
			}
			if t.kind == '}' {
				break
			}
			v, err := parseNumber(t)
			if err != nil {
				return err
			}
			pay = append(pay, v)
		}
		if len(pay) != len(g.Players) {
			return fmt.Errorf("an outcome has %d payoffs for %d players", len(pay), len(g.Players))
		}
		outcomes = append(outcomes, pay)
	}
	for idx := range total {
		t, err := p.next()
		if err != nil {
			return fmt.Errorf("%d outcome indices for %d profiles", idx, total)
		}
		k, err := strconv.Atoi(t.text)
		if err != nil || k < 0 || k > len(outcomes) {
			return fmt.Errorf("line %d: bad outcome index %q", t.line, t.text)
		}
		if k > 0 {
			for pl := range g.Players {
				g.payoffs[idx][pl].Set(outcomes[k-1][pl])
			}
		}
	}
	return nil
}

// Node is a node of an extensive-form game.
type Node struct {
	Player   int // 0-based player; -1 chance; -2 terminal
	Infoset  int // 0-based within the player (or chance)
	Actions  []string
	Probs    []*big.Rat // chance moves
	Payoff   []*big.Rat // outcome at this node, or nil
	Children []*Node
}

// Extensive is a game in extensive form.
type Extensive struct {
	Title    string
	Players  []string
	Root     *Node
	infosets []map[int][]string // per player: infoset -> actions
}

// Actions returns the names of the actions at information set infoset
// (0-based) of player p (0-based), or nil if there is no such set.
func (g *Extensive) Actions(p, infoset int) []string {
	if p < 0 || p >= len(g.infosets) {
		return nil
	}
	return g.infosets[p][infoset]
}

// ReadEFG parses a game in Gambit's .efg format (version 2, with chance
// moves, information sets, and outcomes at any node).
func ReadEFG(src string) (*Extensive, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, fmt.Errorf("efg: %w", err)
	}
	p := &parser{toks: toks}
	fail := func(err error) (*Extensive, error) { return nil, fmt.Errorf("efg: %w", err) }
	if t, err := p.next(); err != nil || t.text != "EFG" {
		return fail(fmt.Errorf("not an EFG file"))
	}
	if t, err := p.next(); err != nil || t.text != "2" {
		return fail(fmt.Errorf("only EFG version 2 is supported"))
	}
	if _, err := p.next(); err != nil {
		return fail(err)
	}
	title, err := p.expect('s')
	if err != nil {
		return fail(err)
	}
	players, err := p.strings()
	if err != nil {
		return fail(err)
	}
	if t := p.peek(); t != nil && t.kind == 's' {
		p.next()
	}
	g := &Extensive{Title: title.text, Players: players, infosets: make([]map[int][]string, len(players))}
	for i := range g.infosets {
		g.infosets[i] = map[int][]string{}
	}
	r := &efgReader{p: p, g: g, chanceSets: map[int]*Node{}, outcomes: map[int][]*big.Rat{}}
	root, err := r.node(0)
	if err != nil {
		return fail(err)
	}
	if t := p.peek(); t != nil {
		return fail(fmt.Errorf("line %d: unexpected %q after the tree", t.line, t.text))
	}
	g.Root = root
	g.compactInfosets()
	if err := g.checkInfosets(); err != nil {
		return fail(err)
	}
	g.Root = root
	return g, nil
}

// efgReader reads the tree of an .efg file.
type efgReader struct {
	p          *parser
	g          *Extensive
	chanceSets map[int]*Node      // chance information sets by number, as first defined
	outcomes   map[int][]*big.Rat // outcomes by number, as first defined
	count      int                // nodes read
}

// outcome reads a node's outcome number and, at its first use, its
// payoffs.
func (r *efgReader) outcome(n *Node) error {
	p := r.p
	t, err := p.expect('n')
	if err != nil {
		return err
	}
	k, err := strconv.Atoi(t.text)
	if err != nil || k < 0 {
		return fmt.Errorf("line %d: bad outcome number %q", t.line, t.text)
	}
	if nt := p.peek(); nt != nil && nt.kind == 's' {
		p.next()
		pay, err := p.numbers()
		if err != nil {
			return err
		}
		if len(pay) != len(r.g.Players) {
			return fmt.Errorf("line %d: outcome with %d payoffs for %d players", t.line, len(pay), len(r.g.Players))
		}
		r.outcomes[k] = pay
	}
	if k > 0 {
		pay, ok := r.outcomes[k]
		if !ok {
			return fmt.Errorf("line %d: outcome %d used before it is defined", t.line, k)
		}
		n.Payoff = pay
	}
	return nil
}

// node reads a node and its subtree.
func (r *efgReader) node(depth int) (*Node, error) {
	p := r.p
	r.count++
	if r.count > 1_000_000 || depth > 10000 {
		return nil, fmt.Errorf("tree too large")
	}
	t, err := p.next()
	if err != nil {
		return nil, err
	}
	if _, err := p.expect('s'); err != nil { // node name
		return nil, err
	}
	n := &Node{}
	switch t.text {
	case "t":
		n.Player = -2
		if err := r.outcome(n); err != nil {
			return nil, err
		}
		return n, nil
	case "p":
		if err := r.playerNode(n); err != nil {
			return nil, err
		}
	case "c":
		if err := r.chanceNode(n); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("line %d: unknown node type %q", t.line, t.text)
	}
	if err := r.outcome(n); err != nil {
		return nil, err
	}
	for range n.Actions {
		c, err := r.node(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Children = append(n.Children, c)
	}
	return n, nil
}

// playerNode reads a player node's player, information set and (at the
// set's first node) its actions.
func (r *efgReader) playerNode(n *Node) error {
	p, g := r.p, r.g
	pt, err := p.expect('n')
	if err != nil {
		return err
	}
	pl, err := strconv.Atoi(pt.text)
	if err != nil || pl < 1 || pl > len(g.Players) {
		return fmt.Errorf("line %d: bad player %q", pt.line, pt.text)
	}
	it, err := p.expect('n')
	if err != nil {
		return err
	}
	is, err := strconv.Atoi(it.text)
	if err != nil || is < 1 {
		return fmt.Errorf("line %d: bad information set %q", it.line, it.text)
	}
	n.Player, n.Infoset = pl-1, is-1
	if nt := p.peek(); nt != nil && nt.kind == 's' {
		p.next()
		acts, err := p.strings()
		if err != nil {
			return err
		}
		if prev, ok := g.infosets[pl-1][is-1]; ok && len(prev) != len(acts) {
			return fmt.Errorf("line %d: information set %d of player %d redefined with other actions", it.line, is, pl)
		}
		g.infosets[pl-1][is-1] = acts
	}
	acts, ok := g.infosets[pl-1][is-1]
	if !ok || len(acts) == 0 {
		return fmt.Errorf("line %d: information set %d of player %d has no actions", it.line, is, pl)
	}
	n.Actions = acts
	return nil
}

// chanceNode reads a chance node's information set and (at the set's
// first node) its actions and probabilities.
func (r *efgReader) chanceNode(n *Node) error {
	p := r.p
	it, err := p.expect('n')
	if err != nil {
		return err
	}
	is, err := strconv.Atoi(it.text)
	if err != nil || is < 1 {
		return fmt.Errorf("line %d: bad chance information set %q", it.line, it.text)
	}
	n.Player, n.Infoset = -1, is-1
	if nt := p.peek(); nt != nil && nt.kind == 's' {
		p.next()
		if _, err := p.expect('{'); err != nil {
			return err
		}
		for {
			t, err := p.next()
			if err != nil {
				return err
			}
			if t.kind == '}' {
				break
			}
			if t.kind != 's' {
				return fmt.Errorf("line %d: expected an action name", t.line)
			}
			pt, err := p.next()
			if err != nil {
				return err
			}
			pr, err := parseNumber(pt)
			if err != nil {
				return err
			}
			if pr.Sign() < 0 {
				return fmt.Errorf("line %d: chance action %q has a negative probability %s", pt.line, t.text, pr.RatString())
			}
			n.Actions = append(n.Actions, t.text)
			n.Probs = append(n.Probs, pr)
		}
		sum := new(big.Rat)
		for _, pr := range n.Probs {
			sum.Add(sum, pr)
		}
		// Decimals written to a few places (0.333333) are accepted.
		if d, _ := new(big.Rat).Sub(sum, big.NewRat(1, 1)).Float64(); math.Abs(d) > 1e-6 {
			return fmt.Errorf("line %d: chance probabilities add up to %s, not 1", it.line, sum.FloatString(6))
		}
		r.chanceSets[is] = n
	} else if prev, ok := r.chanceSets[is]; ok {
		n.Actions, n.Probs = prev.Actions, prev.Probs
	}
	if len(n.Actions) == 0 {
		return fmt.Errorf("line %d: chance node without actions", it.line)
	}
	return nil
}

// reducedStrategies lists each player's reduced pure strategies (the
// action per information set, −1 where the strategy's own choices make it
// unreachable) in the order of ReducedNormalForm, with their names.
func (g *Extensive) reducedStrategies() ([][][]int, [][]string, error) {
	np := len(g.Players)
	strats := make([][][]int, np) // per player: list of (action per infoset), -1 unreachable
	names := make([][]string, np)
	for pl := range np {
		k := len(g.infosets[pl])
		sizes := make([]int, k)
		for is := range k {
			acts, ok := g.infosets[pl][is]
			if !ok {
				return nil, nil, fmt.Errorf("game: player %d's information sets are not numbered 1..%d", pl+1, k)
			}
			sizes[is] = len(acts)
		}
		total := 1
		for _, s := range sizes {
			total *= s
			if total > 100000 {
				return nil, nil, fmt.Errorf("game: player %d has too many pure strategies", pl+1)
			}
		}
		seen := map[string]bool{}
		cur := make([]int, k)
		for range total {
			red := g.reduce(pl, cur)
			key := fmt.Sprint(red)
			if !seen[key] {
				seen[key] = true
				strats[pl] = append(strats[pl], red)
				var b strings.Builder
				for is, a := range red {
					if a < 0 {
						b.WriteByte('*')
					} else {
						b.WriteString(g.infosets[pl][is][a])
					}
				}
				names[pl] = append(names[pl], b.String())
			}
			// Increment with the last information set varying fastest.
			for i := k - 1; i >= 0; i-- {
				cur[i]++
				if cur[i] < sizes[i] {
					break
				}
				cur[i] = 0
			}
		}
		if k == 0 {
			strats[pl] = [][]int{{}}
			names[pl] = []string{"-"}
		}
	}
	return strats, names, nil
}

// ReducedNormalForm returns the reduced strategic form of the extensive
// game: a player's pure strategies choose an action at each of its
// information sets (the first information set most significant, its first
// action first), and strategies that differ only at information sets their
// own choices make unreachable are merged, keeping the first. Payoffs are
// expected values over chance; outcomes on non-terminal nodes add up along
// the path.
func (g *Extensive) ReducedNormalForm() (*NormalForm, error) {
	np := len(g.Players)
	strats, names, err := g.reducedStrategies()
	if err != nil {
		return nil, err
	}
	total := 1
	for pl := range np {
		total *= len(strats[pl])
		if total > maxStrategicProfiles {
			return nil, fmt.Errorf("game: the reduced strategic form has more than %d strategy profiles (strategies per player: %v); solve the tree itself (lcp, seqform, bayes, enumpure --agent)", maxStrategicProfiles, strategyCounts(strats))
		}
	}
	nf := NewNormalForm(g.Players, names)
	nf.Title = g.Title
	for idx := range nf.Profiles() {
		s := nf.Profile(idx)
		prof := make([][]int, np)
		for pl := range np {
			prof[pl] = strats[pl][s[pl]]
		}
		pay := make([]*big.Rat, np)
		for i := range pay {
			pay[i] = new(big.Rat)
		}
		g.accumulate(g.Root, prof, big.NewRat(1, 1), pay)
		for pl := range np {
			nf.payoffs[idx][pl].Set(pay[pl])
		}
	}
	return nf, nil
}

// maxStrategicProfiles bounds the reduced strategic form built from a tree,
// as ReadNFG bounds the games it reads: 10 million profiles hold about 1 GB
// of exact payoffs for two players.
const maxStrategicProfiles = 10_000_000

func strategyCounts(strats [][][]int) []int {
	c := make([]int, len(strats))
	for i, s := range strats {
		c[i] = len(s)
	}
	return c
}

// reduce marks with −1 the information sets of player pl that strategy s
// cannot reach.
func (g *Extensive) reduce(pl int, s []int) []int {
	reach := make([]bool, len(s))
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Player == pl {
			reach[n.Infoset] = true
			walk(n.Children[s[n.Infoset]])
			return
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(g.Root)
	out := make([]int, len(s))
	for i := range s {
		out[i] = s[i]
		if !reach[i] {
			out[i] = -1
		}
	}
	return out
}

func (g *Extensive) accumulate(n *Node, prof [][]int, prob *big.Rat, pay []*big.Rat) {
	if n.Payoff != nil {
		tmp := new(big.Rat)
		for pl := range pay {
			pay[pl].Add(pay[pl], tmp.Mul(prob, n.Payoff[pl]))
		}
	}
	switch {
	case n.Player == -1:
		for i, c := range n.Children {
			g.accumulate(c, prof, new(big.Rat).Mul(prob, n.Probs[i]), pay)
		}
	case n.Player >= 0:
		a := prof[n.Player][n.Infoset]
		if a < 0 {
			a = 0 // cannot happen: a node reached is never marked unreachable
		}
		g.accumulate(n.Children[a], prof, prob, pay)
	}
}
