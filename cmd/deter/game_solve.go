package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"deter/game"
)

// solveOpts are the flags of 'deter game solve'.
type solveOpts struct {
	method                 string
	float, behavior, agent bool
	lambdas                []float64
}

// solveMethods lists the methods in the order the help gives them.
const solveMethods = "enumpure, enummixed, enumpoly, lh, lp, logit, seqform, lcp, tracing, spe or bayes"

// newGameSolveCmd is 'deter game solve': the equilibria of a game file.
func newGameSolveCmd() *cobra.Command {
	var o solveOpts
	solve := &cobra.Command{
		Use:   "solve FILE.nfg|FILE.efg",
		Short: "List Nash equilibria in Gambit's output style (NE,p1,p2,...)",
		Long: `solve reads a game in Gambit's .nfg or .efg format (an extensive game is
solved in its reduced strategic form) and prints its equilibria, one per line,
as Gambit's command-line tools do: "NE," then every player's strategy
probabilities, exact rationals.

  --method enumpure    every pure-strategy equilibrium (any number of players)
  --method enumpure --agent
                       with an .efg game: every pure equilibrium of the agent
                       form (no player gains by changing one action)
  --method enummixed   every extreme equilibrium of a two-player game (vertex
                       enumeration by fraction-free pivoting, exact; --float
                       for the float64 path, printed as decimals)
  --method enumpoly    every isolated equilibrium of a game with any number of
                       players (support enumeration, polynomial systems
                       solved by interval subdivision, as Gambit's
                       enumpoly): exact rationals where the equilibrium is
                       rational (verified exactly), else decimals; supports
                       not resolved (a continuum of equilibria, or beyond
                       the subdivision's budget) are counted on stderr
  --method lh          Lemke-Howson from every dropped label (two players,
                       exact); the distinct equilibria reached
  --method logit       the logit quantal response equilibrium on the principal
                       branch at each --lambda (any number of players;
                       float64): "λ," then every player's probabilities
  --method lp          a two-player zero-sum game: one equilibrium and the
                       game's value to player 1 (exact simplex)
  --method seqform     a two-player constant-sum .efg game solved in its
                       sequence form (Koller-Megiddo-von Stengel LP, exact,
                       set up and pivoted as Gambit's lp_solve, so the same
                       profile where there are several): behaviour
                       strategies (per information set) and the value; far
                       smaller than the strategic form
  --method lcp         a two-player .efg game, general-sum: one equilibrium by
                       Lemke's algorithm on the sequence form as Gambit's
                       lcp_solve sets it up (the equilibrium Gambit prints;
                       exact), as behaviour strategies; linear in the
                       tree's size
  --method tracing     the same from the uniform strategies (the linear
                       tracing procedure, von Stengel, van den Elzen and
                       Talman 2002): a normal-form perfect equilibrium
  --method spe         an .efg game of perfect information: every
                       subgame-perfect equilibrium in pure strategies
                       (backward induction keeping every tie), as
                       behaviour strategies
  --method bayes       an .efg game where only chance moves are hidden (games
                       of incomplete information: nature draws types, players
                       then see each other's moves): one sequential
                       equilibrium in pure behaviour strategies by Bayesian
                       backward induction, and each player's value
  --behavior           with an .efg game: print each equilibrium as behaviour
                       strategies (action probabilities per information set,
                       Kuhn's theorem) instead of reduced strategies`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := readGameFile(args[0])
			if err != nil {
				return err
			}
			if tree, ok := treeMethods[o.method]; ok && (o.method != "enumpure" || o.agent) {
				eg, err := readTree(args[0], b, tree.notEFG(o.method))
				if err != nil {
					return err
				}
				lines, err := tree.solve(eg)
				if err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				for _, l := range lines {
					fmt.Fprintln(cmd.OutOrStdout(), l)
				}
				return nil
			}
			return solveStrategic(cmd, args[0], b, o)
		},
	}
	solve.Flags().StringVar(&o.method, "method", "enumpure", solveMethods)
	solve.Flags().BoolVar(&o.float, "float", false, "enummixed in float64 arithmetic")
	solve.Flags().BoolVar(&o.behavior, "behavior", false, "print behaviour strategies (extensive games)")
	solve.Flags().Float64SliceVar(&o.lambdas, "lambda", []float64{1, 10, 100}, "with --method logit: the λ values (comma-separated)")
	solve.Flags().BoolVar(&o.agent, "agent", false, "with enumpure and an .efg: the pure equilibria of the agent form (Gambit's enumpure -A)")
	return solve
}

// treeMethod is a method that works on the tree itself, not on its
// strategic form: it returns the lines to print.
type treeMethod struct {
	solve func(eg *game.Extensive) ([]string, error)
	// hint is added to the message for a file that is not an .efg.
	hint string
}

func (m treeMethod) notEFG(method string) error {
	if method == "enumpure" {
		return fmt.Errorf("--agent needs an extensive game (.efg)")
	}
	return fmt.Errorf("--method %s needs an extensive game (.efg)%s", method, m.hint)
}

// treeMethods are the methods solved on the tree (enumpure only with
// --agent).
var treeMethods = map[string]treeMethod{
	"enumpure": {solve: solveAgent},
	"spe":      {solve: solveSPE},
	"bayes":    {solve: solveBayes},
	"lcp":      {solve: func(eg *game.Extensive) ([]string, error) { return behaviorLine(eg.GambitLCP()) }, hint: "; for a .nfg use --method lh"},
	"tracing":  {solve: func(eg *game.Extensive) ([]string, error) { return behaviorLine(eg.SequenceFormLCP()) }, hint: "; for a .nfg use --method lh"},
	"seqform":  {solve: solveSeqForm},
}

// behaviorLine prints one behaviour profile as Gambit does.
func behaviorLine(beh game.Behavior, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	return []string{"NE," + strings.Join(behaviorParts(beh), ",")}, nil
}

// solveAgent: every pure equilibrium of the agent form.
func solveAgent(eg *game.Extensive) ([]string, error) {
	eqs, err := eg.AgentPureNash()
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, beh := range eqs {
		lines = append(lines, "NE,"+strings.Join(behaviorParts(beh), ","))
	}
	return lines, nil
}

// pureParts prints a pure behaviour profile (one chosen action per
// information set) as probabilities 1 and 0.
func pureParts(eg *game.Extensive, choice [][]int) []string {
	var parts []string
	for p, ch := range choice {
		for is, a := range ch {
			for k := range eg.Actions(p, is) {
				parts = append(parts, map[bool]string{true: "1", false: "0"}[k == a])
			}
		}
	}
	return parts
}

// solveSPE: every subgame-perfect equilibrium in pure strategies.
func solveSPE(eg *game.Extensive) ([]string, error) {
	all, err := eg.AllSubgamePerfect()
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, e := range all {
		lines = append(lines, "NE,"+strings.Join(pureParts(eg, e.Choice), ","))
	}
	return lines, nil
}

// solveBayes: one sequential equilibrium by Bayesian backward induction,
// and each player's value.
func solveBayes(eg *game.Extensive) ([]string, error) {
	a, err := eg.BayesianBackwardInduction()
	if err != nil {
		return nil, err
	}
	var parts, vals []string
	for p, pl := range a.ActionValues {
		for is, acts := range pl {
			for k := range acts {
				parts = append(parts, map[bool]string{true: "1", false: "0"}[a.Choice[p][is] == k])
			}
		}
		vals = append(vals, a.Value[p].RatString())
	}
	return []string{"NE," + strings.Join(parts, ","), "value," + strings.Join(vals, ",")}, nil
}

// solveSeqForm: a constant-sum tree by its sequence form, with the value.
func solveSeqForm(eg *game.Extensive) ([]string, error) {
	beh, err := eg.GambitLP()
	if err != nil {
		return nil, err
	}
	v := eg.BehaviorPayoff(beh)[0]
	return []string{"NE," + strings.Join(behaviorParts(beh), ","), "value," + v.RatString()}, nil
}

// solveStrategic solves a game in its (reduced) strategic form.
func solveStrategic(cmd *cobra.Command, path string, b []byte, o solveOpts) error {
	var g *game.NormalForm
	var eg *game.Extensive
	var err error
	switch {
	case strings.HasSuffix(path, ".nfg"):
		g, err = game.ReadNFG(string(b))
	case strings.HasSuffix(path, ".efg"):
		if eg, err = game.ReadEFG(string(b)); err == nil {
			g, err = eg.ReducedNormalForm()
		}
	default:
		return fmt.Errorf("%s: the file must end in .nfg or .efg", path)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	w := cmd.OutOrStdout()
	var eqs []game.MixedProfile
	switch o.method {
	case "enumpure":
		eqs = game.PureNash(g)
	case "enummixed":
		if o.float {
			if o.behavior {
				return fmt.Errorf("--float prints strategic-form equilibria only: drop --behavior, or --float for exact behaviour strategies")
			}
			return printFloatEquilibria(w, g)
		}
		if eqs, err = game.ExtremeEquilibria(g); err != nil {
			return err
		}
	case "lh":
		if eqs, err = lemkeHowsonAll(cmd, g); err != nil {
			return err
		}
	case "logit":
		return printLogit(cmd, g, o.lambdas)
	case "enumpoly":
		return printEnumPoly(cmd, g, eg, o.behavior)
	case "lp":
		v, eq, err := game.ZeroSumValue(g)
		if err != nil {
			return err
		}
		eqs = []game.MixedProfile{eq}
		defer fmt.Fprintf(w, "value,%s\n", v.RatString())
	default:
		return fmt.Errorf("--method must be %s, not %q", solveMethods, o.method)
	}
	if o.behavior {
		return printBehaviors(w, eg, eqs)
	}
	for _, e := range eqs {
		var parts []string
		for _, v := range e {
			for _, x := range v {
				parts = append(parts, x.RatString())
			}
		}
		fmt.Fprintf(w, "NE,%s\n", strings.Join(parts, ","))
	}
	return nil
}

// printFloatEquilibria: enummixed in float64, printed as decimals.
func printFloatEquilibria(w io.Writer, g *game.NormalForm) error {
	fl, err := game.ExtremeEquilibriaFloat(g)
	if err != nil {
		return err
	}
	for _, e := range fl {
		var parts []string
		for _, v := range e {
			for _, x := range v {
				parts = append(parts, strconv.FormatFloat(x, 'g', 10, 64))
			}
		}
		fmt.Fprintf(w, "NE,%s\n", strings.Join(parts, ","))
	}
	return nil
}

// lemkeHowsonAll runs Lemke-Howson from every dropped label and keeps the
// distinct equilibria reached; it stops between labels when interrupted.
func lemkeHowsonAll(cmd *cobra.Command, g *game.NormalForm) ([]game.MixedProfile, error) {
	if len(g.Players) != 2 {
		return nil, fmt.Errorf("--method lh needs a two-player game, not %d players", len(g.Players))
	}
	var eqs []game.MixedProfile
	m, n := len(g.Strategies[0]), len(g.Strategies[1])
	for k := range m + n {
		if err := cmd.Context().Err(); err != nil {
			return nil, fmt.Errorf("lh stopped after %d of %d labels: %w", k, m+n, err)
		}
		e, err := game.LemkeHowson(g, k)
		if err != nil {
			return nil, err
		}
		dup := false
		for _, x := range eqs {
			if x.Equal(e) {
				dup = true
			}
		}
		if !dup {
			eqs = append(eqs, e)
		}
	}
	return eqs, nil
}

// printLogit prints the logit QRE at each λ: "λ," then the probabilities.
func printLogit(cmd *cobra.Command, g *game.NormalForm, lambdas []float64) error {
	qre, err := game.LogitQREContext(cmd.Context(), g, lambdas)
	if err != nil {
		return err
	}
	for k, prof := range qre {
		parts := []string{strconv.FormatFloat(lambdas[k], 'g', -1, 64)}
		for _, v := range prof {
			for _, x := range v {
				parts = append(parts, strconv.FormatFloat(x, 'g', 10, 64))
			}
		}
		fmt.Fprintln(cmd.OutOrStdout(), strings.Join(parts, ","))
	}
	return nil
}

// printEnumPoly prints every isolated equilibrium enumpoly finds (exact
// where rational), with a progress bar on a terminal and a note of the
// supports it could not resolve.
func printEnumPoly(cmd *cobra.Command, g *game.NormalForm, eg *game.Extensive, behavior bool) error {
	// The bar is made at the first call, which brings the total.
	var bar func(done, total int)
	started := false
	progress := func(done, total int) {
		if !started {
			started = true
			bar = progressFunc(cmd.ErrOrStderr(), total, false, "enumpoly", "supports")
		}
		if bar != nil {
			bar(done, total)
		}
	}
	res, err := game.EnumPolyProgress(cmd.Context(), g, progress)
	if err != nil {
		return err
	}
	w := cmd.OutOrStdout()
	printed := map[string]bool{}
	for _, e := range res.Equilibria {
		parts, err := enumPolyParts(eg, e, behavior)
		if err != nil {
			return err
		}
		// Realisation-equivalent mixed strategies give the same
		// behaviour strategies: print each once.
		line := "NE," + strings.Join(parts, ",")
		if !printed[line] {
			printed[line] = true
			fmt.Fprintln(w, line)
		}
	}
	if n := len(res.Singular); n > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "note: %d of %d supports were not resolved and are not listed: their equilibria, if any, are not isolated (a continuum, as in degenerate games), or the subdivision ran out of its budget (supports with many unknowns)\n", n, res.Supports)
	}
	return nil
}

// enumPolyParts lists one enumpoly equilibrium's probabilities: as
// behaviour strategies, exact rationals, or decimals.
func enumPolyParts(eg *game.Extensive, e game.PolyEquilibrium, behavior bool) ([]string, error) {
	var parts []string
	switch {
	case behavior:
		if eg == nil {
			return nil, fmt.Errorf("--behavior needs an extensive game (.efg)")
		}
		mp := e.Exact
		if mp == nil {
			mp = floatProfile(e.Profile)
		}
		beh, _, err := eg.BehaviorFromMixed(mp)
		if err != nil {
			return nil, err
		}
		for _, pl := range beh {
			for _, is := range pl {
				for _, x := range is {
					parts = append(parts, formatProb(x, e.Exact != nil))
				}
			}
		}
	case e.Exact != nil:
		for _, v := range e.Exact {
			for _, x := range v {
				parts = append(parts, x.RatString())
			}
		}
	default:
		for _, v := range e.Profile {
			for _, x := range v {
				parts = append(parts, strconv.FormatFloat(x, 'g', 10, 64))
			}
		}
	}
	return parts, nil
}

// printBehaviors prints strategic-form equilibria of a tree as behaviour
// strategies, each distinct one once.
func printBehaviors(w io.Writer, eg *game.Extensive, eqs []game.MixedProfile) error {
	if eg == nil {
		return fmt.Errorf("--behavior needs an extensive game (.efg)")
	}
	printed := map[string]bool{}
	for _, e := range eqs {
		beh, _, err := eg.BehaviorFromMixed(e)
		if err != nil {
			return err
		}
		// Realisation-equivalent mixed strategies give the same
		// behaviour strategies: print each once.
		line := "NE," + strings.Join(behaviorParts(beh), ",")
		if !printed[line] {
			printed[line] = true
			fmt.Fprintln(w, line)
		}
	}
	return nil
}
