package game

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"
)

// maxBuildNodes bounds the trees NewExtensive accepts, as ReadEFG does.
const maxBuildNodes = 1_000_000

// NewExtensive checks a game tree built in code and returns it as an
// Extensive game, ready for the solvers and for WriteEFG. The tree must
// satisfy what ReadEFG enforces of a file: every decision node has as many
// children as actions, and the nodes of one information set carry the same
// action names; chance probabilities are non-negative and add up to 1;
// payoff vectors have one entry per player. Information sets are numbered
// 0, 1, 2, ... per player, without gaps. The tree is used as is, not copied.
func NewExtensive(title string, players []string, root *Node) (*Extensive, error) {
	if len(players) == 0 {
		return nil, errors.New("game: no players")
	}
	if root == nil {
		return nil, errors.New("game: no root node")
	}
	g := &Extensive{Title: title, Players: players, infosets: make([]map[int][]string, len(players))}
	for i := range g.infosets {
		g.infosets[i] = map[int][]string{}
	}
	count := 0
	var walk func(n *Node, path string) error
	walk = func(n *Node, path string) error {
		count++
		if count > maxBuildNodes {
			return fmt.Errorf("game: more than %d nodes", maxBuildNodes)
		}
		if n.Payoff != nil && len(n.Payoff) != len(players) {
			return fmt.Errorf("game: node %s: %d payoffs for %d players", path, len(n.Payoff), len(players))
		}
		for _, v := range n.Payoff {
			if v == nil {
				return fmt.Errorf("game: node %s: nil payoff", path)
			}
		}
		switch {
		case n.Player == -2:
			if len(n.Children) != 0 || len(n.Actions) != 0 {
				return fmt.Errorf("game: terminal node %s has children", path)
			}
			return nil
		case n.Player == -1:
			if len(n.Probs) != len(n.Actions) {
				return fmt.Errorf("game: chance node %s: %d probabilities for %d actions", path, len(n.Probs), len(n.Actions))
			}
			sum := new(big.Rat)
			for _, p := range n.Probs {
				if p == nil || p.Sign() < 0 {
					return fmt.Errorf("game: chance node %s: negative or missing probability", path)
				}
				sum.Add(sum, p)
			}
			if sum.Cmp(big.NewRat(1, 1)) != 0 {
				return fmt.Errorf("game: chance node %s: probabilities add up to %s, not 1", path, sum.RatString())
			}
		case n.Player >= 0 && n.Player < len(players):
			if n.Infoset < 0 {
				return fmt.Errorf("game: node %s: negative information set", path)
			}
			prev, ok := g.infosets[n.Player][n.Infoset]
			if ok && !equalStrings(prev, n.Actions) {
				return fmt.Errorf("game: node %s: information set %d of player %s has other actions elsewhere (%q, %q)",
					path, n.Infoset+1, players[n.Player], prev, n.Actions)
			}
			g.infosets[n.Player][n.Infoset] = n.Actions
		default:
			return fmt.Errorf("game: node %s: player %d out of range", path, n.Player)
		}
		if len(n.Actions) == 0 || len(n.Children) != len(n.Actions) {
			return fmt.Errorf("game: node %s: %d children for %d actions", path, len(n.Children), len(n.Actions))
		}
		for i, c := range n.Children {
			if c == nil {
				return fmt.Errorf("game: node %s: child %d is nil", path, i+1)
			}
			if err := walk(c, path+"/"+n.Actions[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, "root"); err != nil {
		return nil, err
	}
	if err := g.checkInfosets(); err != nil {
		return nil, err
	}
	g.Root = root
	return g, nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Nodes returns the number of nodes of the tree.
func (g *Extensive) Nodes() int {
	var count func(n *Node) int
	count = func(n *Node) int {
		k := 1
		for _, c := range n.Children {
			k += count(c)
		}
		return k
	}
	return count(g.Root)
}

// WriteEFG writes the game in Gambit's .efg text format (version 2,
// rational numbers), which ReadEFG and Gambit read back. Every node with a
// payoff gets an outcome of its own; nodes carry no names.
func (g *Extensive) WriteEFG(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "EFG 2 R %s { ", quoteEFG(g.Title))
	for _, p := range g.Players {
		fmt.Fprintf(bw, "%s ", quoteEFG(p))
	}
	bw.WriteString("}\n\"\"\n\n")
	outcome, chance := 0, 0
	writeOutcome := func(n *Node) {
		if n.Payoff == nil {
			bw.WriteString("0\n")
			return
		}
		outcome++
		fmt.Fprintf(bw, "%d \"\" { ", outcome)
		for i, v := range n.Payoff {
			if i > 0 {
				bw.WriteString(", ")
			}
			bw.WriteString(v.RatString())
		}
		bw.WriteString(" }\n")
	}
	var node func(n *Node)
	node = func(n *Node) {
		switch n.Player {
		case -2:
			bw.WriteString("t \"\" ")
		case -1:
			// Each chance node is an information set of its own: chance
			// nodes built in code need not share action lists.
			chance++
			fmt.Fprintf(bw, "c \"\" %d \"\" { ", chance)
			for i, a := range n.Actions {
				fmt.Fprintf(bw, "%s %s ", quoteEFG(a), n.Probs[i].RatString())
			}
			bw.WriteString("} ")
		default:
			fmt.Fprintf(bw, "p \"\" %d %d \"\" { ", n.Player+1, n.Infoset+1)
			for _, a := range n.Actions {
				fmt.Fprintf(bw, "%s ", quoteEFG(a))
			}
			bw.WriteString("} ")
		}
		writeOutcome(n)
		for _, c := range n.Children {
			node(c)
		}
	}
	node(g.Root)
	return bw.Flush()
}

// WriteNFG writes the game in Gambit's .nfg text format (version 1, payoff
// version, rational numbers): the players, their strategy names, then
// every profile's payoffs with player 1's strategy varying fastest. ReadNFG
// and Gambit read it back.
func (g *NormalForm) WriteNFG(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "NFG 1 R %s { ", quoteEFG(g.Title))
	for _, p := range g.Players {
		fmt.Fprintf(bw, "%s ", quoteEFG(p))
	}
	bw.WriteString("}\n{ ")
	for _, ss := range g.Strategies {
		bw.WriteString("{ ")
		for _, s := range ss {
			fmt.Fprintf(bw, "%s ", quoteEFG(s))
		}
		bw.WriteString("}\n")
	}
	bw.WriteString("}\n\"\"\n\n")
	for _, pay := range g.payoffs {
		for i, v := range pay {
			if i > 0 {
				bw.WriteByte(' ')
			}
			bw.WriteString(v.RatString())
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func quoteEFG(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// compactInfosets renumbers each player's information sets 0, 1, 2, ... in
// the order of the numbers the file gave them: Gambit's .efg numbers are
// labels and may have gaps (textbook files often skip numbers).
func (g *Extensive) compactInfosets() {
	remap := make([]map[int]int, len(g.infosets))
	for p, sets := range g.infosets {
		nums := make([]int, 0, len(sets))
		for is := range sets {
			nums = append(nums, is)
		}
		slices.Sort(nums)
		remap[p] = map[int]int{}
		compact := map[int][]string{}
		for k, is := range nums {
			remap[p][is] = k
			compact[k] = sets[is]
		}
		g.infosets[p] = compact
	}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Player >= 0 {
			n.Infoset = remap[n.Player][n.Infoset]
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(g.Root)
}

// checkInfosets reports a player whose information sets are not numbered
// without gaps (the solvers index them 0, 1, 2, ...).
func (g *Extensive) checkInfosets() error {
	for p, sets := range g.infosets {
		hi := -1
		for is := range sets {
			hi = max(hi, is)
		}
		for is := range hi {
			if _, ok := sets[is]; !ok {
				return fmt.Errorf("game: player %s uses information set %d but not %d (number them from 1 without gaps)",
					g.Players[p], hi+1, is+1)
			}
		}
	}
	return nil
}
