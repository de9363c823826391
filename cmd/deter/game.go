package main

import (
	"bytes"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"deter/engine"
	"deter/game"
	"deter/internal/fsutil"
)

func newGameCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "game",
		Short: "Game-theory tools on Gambit .nfg and .efg files",
	}
	var method string
	var float, behavior, agent bool
	var lambdas []float64
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
			b, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("cannot open game: %w", err)
			}
			if len(b) > 64<<20 {
				return fmt.Errorf("%s is larger than 64 MiB", args[0])
			}
			if method == "enumpure" && agent {
				eg, err := readTree(args[0], b, fmt.Errorf("--agent needs an extensive game (.efg)"))
				if err != nil {
					return err
				}
				eqs, err := eg.AgentPureNash()
				if err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				for _, beh := range eqs {
					parts := behaviorParts(beh)
					fmt.Fprintf(cmd.OutOrStdout(), "NE,%s\n", strings.Join(parts, ","))
				}
				return nil
			}
			if method == "spe" {
				eg, err := readTree(args[0], b, fmt.Errorf("--method spe needs an extensive game (.efg)"))
				if err != nil {
					return err
				}
				all, err := eg.AllSubgamePerfect()
				if err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				for _, e := range all {
					var parts []string
					for p, ch := range e.Choice {
						for is, a := range ch {
							for k := range eg.Actions(p, is) {
								parts = append(parts, map[bool]string{true: "1", false: "0"}[k == a])
							}
						}
					}
					fmt.Fprintf(cmd.OutOrStdout(), "NE,%s\n", strings.Join(parts, ","))
				}
				return nil
			}
			if method == "bayes" {
				eg, err := readTree(args[0], b, fmt.Errorf("--method bayes needs an extensive game (.efg)"))
				if err != nil {
					return err
				}
				a, err := eg.BayesianBackwardInduction()
				if err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
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
				fmt.Fprintf(cmd.OutOrStdout(), "NE,%s\nvalue,%s\n", strings.Join(parts, ","), strings.Join(vals, ","))
				return nil
			}
			if method == "lcp" || method == "tracing" {
				eg, err := readTree(args[0], b, fmt.Errorf("--method %s needs an extensive game (.efg); for a .nfg use --method lh", method))
				if err != nil {
					return err
				}
				solve := eg.GambitLCP
				if method == "tracing" {
					solve = eg.SequenceFormLCP
				}
				beh, err := solve()
				if err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				parts := behaviorParts(beh)
				fmt.Fprintf(cmd.OutOrStdout(), "NE,%s\n", strings.Join(parts, ","))
				return nil
			}
			if method == "seqform" {
				eg, err := readTree(args[0], b, fmt.Errorf("--method seqform needs an extensive game (.efg)"))
				if err != nil {
					return err
				}
				beh, err := eg.GambitLP()
				if err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				v := eg.BehaviorPayoff(beh)[0]
				parts := behaviorParts(beh)
				fmt.Fprintf(cmd.OutOrStdout(), "NE,%s\nvalue,%s\n", strings.Join(parts, ","), v.RatString())
				return nil
			}
			var g *game.NormalForm
			var eg *game.Extensive
			switch {
			case strings.HasSuffix(args[0], ".nfg"):
				g, err = game.ReadNFG(string(b))
			case strings.HasSuffix(args[0], ".efg"):
				if eg, err = game.ReadEFG(string(b)); err == nil {
					g, err = eg.ReducedNormalForm()
				}
			default:
				return fmt.Errorf("%s: the file must end in .nfg or .efg", args[0])
			}
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			var eqs []game.MixedProfile
			switch method {
			case "enumpure":
				eqs = game.PureNash(g)
			case "enummixed":
				if float {
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
						fmt.Fprintf(cmd.OutOrStdout(), "NE,%s\n", strings.Join(parts, ","))
					}
					return nil
				}
				if eqs, err = game.ExtremeEquilibria(g); err != nil {
					return err
				}
			case "lh":
				if len(g.Players) != 2 {
					return fmt.Errorf("--method lh needs a two-player game, not %d players", len(g.Players))
				}
				m, n := len(g.Strategies[0]), len(g.Strategies[1])
				for k := range m + n {
					if err := cmd.Context().Err(); err != nil {
						return fmt.Errorf("lh stopped after %d of %d labels: %w", k, m+n, err)
					}
					e, err := game.LemkeHowson(g, k)
					if err != nil {
						return err
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
			case "logit":
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
			case "enumpoly":
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
					var parts []string
					if behavior {
						if eg == nil {
							return fmt.Errorf("--behavior needs an extensive game (.efg)")
						}
						mp := e.Exact
						if mp == nil {
							mp = floatProfile(e.Profile)
						}
						beh, _, err := eg.BehaviorFromMixed(mp)
						if err != nil {
							return err
						}
						for _, pl := range beh {
							for _, is := range pl {
								for _, x := range is {
									parts = append(parts, formatProb(x, e.Exact != nil))
								}
							}
						}
					} else if e.Exact != nil {
						for _, v := range e.Exact {
							for _, x := range v {
								parts = append(parts, x.RatString())
							}
						}
					} else {
						for _, v := range e.Profile {
							for _, x := range v {
								parts = append(parts, strconv.FormatFloat(x, 'g', 10, 64))
							}
						}
					}
					// Realisation-equivalent mixed strategies give the
					// same behaviour strategies: print each once.
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
			case "lp":
				v, eq, err := game.ZeroSumValue(g)
				if err != nil {
					return err
				}
				eqs = []game.MixedProfile{eq}
				defer fmt.Fprintf(cmd.OutOrStdout(), "value,%s\n", v.RatString())
			default:
				return fmt.Errorf("--method must be enumpure, enummixed, enumpoly, lh, lp, logit, seqform, lcp, tracing, spe or bayes, not %q", method)
			}
			w := cmd.OutOrStdout()
			if behavior {
				if eg == nil {
					return fmt.Errorf("--behavior needs an extensive game (.efg)")
				}
				printed := map[string]bool{}
				for _, e := range eqs {
					beh, _, err := eg.BehaviorFromMixed(e)
					if err != nil {
						return err
					}
					// Realisation-equivalent mixed strategies give the
					// same behaviour strategies: print each once.
					line := "NE," + strings.Join(behaviorParts(beh), ",")
					if !printed[line] {
						printed[line] = true
						fmt.Fprintln(w, line)
					}
				}
				return nil
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
		},
	}
	solve.Flags().StringVar(&method, "method", "enumpure", "enumpure, enummixed, enumpoly, lh, lp, logit, seqform, lcp, tracing, spe or bayes")
	solve.Flags().BoolVar(&float, "float", false, "enummixed in float64 arithmetic")
	solve.Flags().BoolVar(&behavior, "behavior", false, "print behaviour strategies (extensive games)")
	solve.Flags().Float64SliceVar(&lambdas, "lambda", []float64{1, 10, 100}, "with --method logit: the λ values (comma-separated)")
	solve.Flags().BoolVar(&agent, "agent", false, "with enumpure and an .efg: the pure equilibria of the agent form (Gambit's enumpure -A)")
	root.AddCommand(solve)
	var pkg, out string
	deter := &cobra.Command{
		Use:   "deterrence SCENARIO",
		Short: "Write a package's deterrence game as a Gambit .efg file",
		Long: `deterrence builds the deterrence game of one package of a scenario (the
first unless --package names one) as deter run does, from the campaign
model's results, and writes it in Gambit's .efg format, to stdout or to
--out. Gambit opens the file; 'deter game solve FILE --method bayes' solves it.
Players: the attacker, each guarantor, the defender; payoffs in US$ bn.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := loadScenario(cmd, args[0])
			if err != nil {
				return err
			}
			s := in.Scenario
			t, err := engine.DeterrenceTree(s, pkg)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := t.Game.WriteEFG(&buf); err != nil {
				return err
			}
			if out == "" {
				_, err = cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			if err := fsutil.WriteAtomic(out, buf.Bytes()); err != nil {
				return fmt.Errorf("cannot write game: %w", err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d nodes)\n", out, t.Game.Nodes())
			return nil
		},
	}
	deter.Flags().StringVar(&pkg, "package", "", "package id (default: the first)")
	deter.Flags().StringVarP(&out, "out", "o", "", "write to this file instead of stdout")
	root.AddCommand(deter)
	var nfgOut string
	strategicCmd := &cobra.Command{
		Use:   "strategic FILE.efg",
		Short: "Write a tree's reduced strategic form as a Gambit .nfg file",
		Long: `strategic reads an extensive game in Gambit's .efg format and writes its
reduced strategic form (the form the strategic solvers of 'deter game solve'
work on: strategies that differ only where their own choices make an
information set unreachable are merged, '*' marking such sets in the names)
in Gambit's .nfg format, payoffs exact, to stdout or to --out.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !strings.HasSuffix(args[0], ".efg") {
				return fmt.Errorf("%s: strategic needs an extensive game (.efg)", args[0])
			}
			b, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("cannot open game: %w", err)
			}
			if len(b) > 64<<20 {
				return fmt.Errorf("%s is larger than 64 MiB", args[0])
			}
			eg, err := readTree(args[0], b, nil)
			if err != nil {
				return err
			}
			g, err := eg.ReducedNormalForm()
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			var buf bytes.Buffer
			if err := g.WriteNFG(&buf); err != nil {
				return err
			}
			if nfgOut == "" {
				_, err = cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			if err := fsutil.WriteAtomic(nfgOut, buf.Bytes()); err != nil {
				return fmt.Errorf("cannot write game: %w", err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d strategy profiles)\n", nfgOut, g.Profiles())
			return nil
		},
	}
	strategicCmd.Flags().StringVarP(&nfgOut, "out", "o", "", "write to this file instead of stdout")
	root.AddCommand(strategicCmd)
	return root
}

// readTree parses an .efg game read from path, or returns notEFG if the
// path does not name one.
func readTree(path string, b []byte, notEFG error) (*game.Extensive, error) {
	if !strings.HasSuffix(path, ".efg") {
		return nil, notEFG
	}
	eg, err := game.ReadEFG(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return eg, nil
}

// floatProfile turns float64 probabilities into rationals (their exact
// binary values), for conversions that need rationals.
func floatProfile(p [][]float64) game.MixedProfile {
	mp := make(game.MixedProfile, len(p))
	for i, v := range p {
		for _, x := range v {
			mp[i] = append(mp[i], new(big.Rat).SetFloat64(x))
		}
	}
	return mp
}

// formatProb prints a probability as a rational when it is exact, else as
// a decimal.
func formatProb(x *big.Rat, exact bool) string {
	if exact {
		return x.RatString()
	}
	f, _ := x.Float64()
	return strconv.FormatFloat(f, 'g', 10, 64)
}

// behaviorParts lists a behaviour profile's probabilities, player by
// player, information set by information set, as Gambit prints them.
func behaviorParts(beh game.Behavior) []string {
	var parts []string
	for _, pl := range beh {
		for _, is := range pl {
			for _, x := range is {
				parts = append(parts, x.RatString())
			}
		}
	}
	return parts
}
