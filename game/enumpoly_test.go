package game

import (
	"context"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deter/internal/refdata"

	"gonum.org/v1/gonum/mat"
)

// TestEnumPolyGambitStrategy: Gambit's enumpoly_solve on the strategic game
// 2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg (test_enumpoly_strategy_5)
// has exactly two pure equilibria and the mixed one (1/2, 1/2) for every
// player. EnumPoly must find exactly that set, each equilibrium recovered
// exactly (the floats within 1e-9).
func TestEnumPolyGambitStrategy(t *testing.T) {
	dir, cases := loadExpected(t, "ENUMPOLY_STRATEGY_CASES")
	if len(cases) == 0 {
		t.Fatal("no enumpoly strategy case in the reference data")
	}
	for _, c := range cases {
		g := strategic(t, findGameFile(dir, c.file))
		res, err := EnumPoly(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		var got []MixedProfile
		for _, e := range res.Equilibria {
			if e.Exact == nil {
				t.Fatalf("%s: %v not recovered exactly", c.name, e.Profile)
			}
			for pl := range e.Profile {
				for k, x := range e.Profile[pl] {
					if f, _ := e.Exact[pl][k].Float64(); math.Abs(f-x) > 1e-9 {
						t.Errorf("%s: float %v and exact %v differ", c.name, x, e.Exact[pl][k])
					}
				}
			}
			got = append(got, e.Exact)
		}
		if !sameSet(got, c.expected) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.expected)
		}
	}
}

// parseProfiles reads Gambit's expected behaviour profiles in either of the
// two notations of the test file, d(1, '1/2') or ['1/2', 1]: profiles →
// players → information sets → probabilities.
func parseProfiles(t *testing.T, s string) [][][][]*big.Rat {
	t.Helper()
	s = strings.NewReplacer("d(", "[", ")", "]").Replace(s)
	var out [][][][]*big.Rat
	var prof [][][]*big.Rat
	var player [][]*big.Rat
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
			switch depth {
			case 2:
				prof = nil
			case 3:
				player = nil
			case 4:
				j := strings.IndexByte(s[i:], ']')
				var v []*big.Rat
				for _, x := range strings.Split(s[i+1:i+j], ",") {
					x = strings.Trim(strings.TrimSpace(x), "'")
					r, ok := new(big.Rat).SetString(x)
					if !ok {
						t.Fatalf("bad number %q", x)
					}
					v = append(v, r)
				}
				player = append(player, v)
				i += j
				depth--
			}
		case ']':
			switch depth {
			case 3:
				prof = append(prof, player)
			case 2:
				out = append(out, prof)
			}
			depth--
		}
	}
	return out
}

func sameBehavior(a, b [][][]*big.Rat) bool {
	if len(a) != len(b) {
		return false
	}
	for p := range a {
		if len(a[p]) != len(b[p]) {
			return false
		}
		for is := range a[p] {
			if len(a[p][is]) != len(b[p][is]) {
				return false
			}
			for k := range a[p][is] {
				if a[p][is][k].Cmp(b[p][is][k]) != 0 {
					return false
				}
			}
		}
	}
	return true
}

// leafDistribution returns the probability of reaching each terminal node
// that behaviour profile b reaches: the play of the game.
func leafDistribution(g *Extensive, b Behavior) map[*Node]*big.Rat {
	out := map[*Node]*big.Rat{}
	g.reach(b, func(n *Node, w *big.Rat) {
		if len(n.Children) == 0 {
			out[n] = w
		}
	})
	return out
}

// TestEnumPolyGambitBehavior runs the enumpoly cases of Gambit's test suite
// whose expected results are behaviour profiles (test_enumpoly_behavior_4
// to _18 and the unordered case) through EnumPoly on the reduced strategic
// form, each equilibrium recovered exactly and turned into behaviour
// strategies (Kuhn's theorem). Gambit's enumpoly works on behaviour supports
// and lists one representative where equilibria differ only at information
// sets the play never reaches (a continuum of behaviour there); the reduced
// strategic form lists each pure choice at such sets. So the test requires:
//
//   - every profile Gambit expects is among ours (exactly);
//   - every one of ours is played like one of Gambit's: the same
//     probability of every terminal node, so the two lists differ only off
//     the equilibrium path;
//   - the same set exactly where no equilibrium leaves an information set
//     unreached: mixed_behavior_game.efg (nine equilibria, one information
//     set per player) and the games with one equilibrium.
func TestEnumPolyGambitBehavior(t *testing.T) {
	dir, err := refdata.Path("gambit-games")
	if err != nil {
		t.Skip(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "expected_equilibria_from_test_nash.txt"))
	if err != nil {
		t.Fatal(err)
	}
	exactSets := map[string]bool{
		"mixed_behavior_game.efg":                        true,
		"2_player_non_zero_sum.efg":                      true,
		"2_player_non_zero_sum_missing_term_outcome.efg": true,
		"chance_in_middle.efg":                           true,
		"chance_in_middle_with_nonterm_outcomes.efg":     true,
	}
	lines := strings.Split(string(b), "\n")
	ran := 0
	solved := map[string]*EnumPolyResult{}
	for i, line := range lines {
		m := caseRe.FindStringSubmatch(line)
		if m == nil || !strings.HasPrefix(m[1], "ENUMPOLY_BEHAVIOR") || i+2 >= len(lines) {
			continue
		}
		want := parseProfiles(t, strings.TrimPrefix(strings.TrimSpace(lines[i+2]), "expected="))
		src, err := os.ReadFile(findGameFile(dir, m[3]))
		if err != nil {
			t.Fatal(err)
		}
		eg, err := ReadEFG(string(src))
		if err != nil {
			t.Fatal(err)
		}
		nf, err := eg.ReducedNormalForm()
		if err != nil {
			t.Fatal(err)
		}
		res, ok := solved[m[3]] // two cases share a game
		if !ok {
			if res, err = EnumPoly(context.Background(), nf); err != nil {
				t.Fatal(err)
			}
			solved[m[3]] = res
		}
		var ours []Behavior
		for _, e := range res.Equilibria {
			if e.Exact == nil {
				t.Fatalf("%s: %v not recovered exactly", m[2], e.Profile)
			}
			bh, _, err := eg.BehaviorFromMixed(e.Exact)
			if err != nil {
				t.Fatal(err)
			}
			if !isBehaviorNash(eg, bh) {
				t.Errorf("%s: %v is not an equilibrium of the tree", m[2], bh)
			}
			dup := false
			for _, o := range ours {
				dup = dup || sameBehavior(o, bh)
			}
			if !dup {
				ours = append(ours, bh)
			}
		}
		for _, w := range want {
			in := false
			for _, o := range ours {
				in = in || sameBehavior(o, w)
			}
			if !in {
				t.Errorf("%s (%s): Gambit's %v not found; ours %v", m[2], m[3], w, ours)
			}
		}
		for _, o := range ours {
			lo := leafDistribution(eg, o)
			played := false
			for _, w := range want {
				lw := leafDistribution(eg, w)
				same := len(lo) == len(lw)
				for n, p := range lo {
					same = same && lw[n] != nil && p.Cmp(lw[n]) == 0
				}
				played = played || same
			}
			if !played {
				t.Errorf("%s (%s): our %v is played unlike every profile of Gambit's", m[2], m[3], o)
			}
		}
		if exactSets[m[3]] && len(ours) != len(want) {
			t.Errorf("%s (%s): %d equilibria, Gambit %d", m[2], m[3], len(ours), len(want))
		}
		ran++
	}
	if ran < 12 {
		t.Errorf("only %d enumpoly behaviour cases ran", ran)
	}
}

// randomGame draws a game with payoffs uniform on {0, …, 999999}: generic
// (nondegenerate) with probability close to 1.
func randomGame(r *rand.Rand, counts ...int) *NormalForm {
	players := make([]string, len(counts))
	strats := make([][]string, len(counts))
	for p, c := range counts {
		players[p] = string(rune('A' + p))
		for k := range c {
			strats[p] = append(strats[p], string(rune('a'+k)))
		}
	}
	g := NewNormalForm(players, strats)
	for idx := range g.Profiles() {
		for p := range counts {
			g.SetPayoff(g.Profile(idx), p, big.NewRat(r.Int64N(1000000), 1))
		}
	}
	return g
}

// TestEnumPolyTwoPlayers: in a nondegenerate two-player game every
// equilibrium is isolated and an extreme one, so EnumPoly must return the
// very set ExtremeEquilibria (exact vertex enumeration, an independent
// method) returns, to 1e-9, on 150 random games from 2×2 to 4×4.
func TestEnumPolyTwoPlayers(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 0))
	for n := range 150 {
		g := randomGame(r, 2+n%3, 2+(n/3)%3)
		res, err := EnumPoly(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		ext, err := ExtremeEquilibria(g)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Equilibria) != len(ext) || len(res.Singular) != 0 {
			t.Fatalf("game %d %v: %d equilibria (%d singular supports), vertex enumeration %d", n, g.counts(), len(res.Equilibria), len(res.Singular), len(ext))
		}
		for _, x := range ext {
			found := false
			for _, e := range res.Equilibria {
				d := 0.0
				for p := range x {
					for k := range x[p] {
						f, _ := x[p][k].Float64()
						d = max(d, math.Abs(f-e.Profile[p][k]))
					}
				}
				found = found || d < 1e-9
			}
			if !found {
				t.Errorf("game %d: %v not found by EnumPoly", n, x)
			}
		}
	}
}

// floatRegret is the largest gain any player has from a pure deviation at
// profile p, computed by brute force over all pure profiles.
func floatRegret(g *NormalForm, p [][]float64) float64 {
	worst := 0.0
	for pl := range g.Players {
		u := make([]float64, len(g.Strategies[pl]))
		for idx := range g.Profiles() {
			s := g.Profile(idx)
			w := 1.0
			for q := range s {
				if q != pl {
					w *= p[q][s[q]]
				}
			}
			f, _ := g.Payoff(s, pl).Float64()
			u[s[pl]] += w * f
		}
		val := 0.0
		for k := range u {
			val += p[pl][k] * u[k]
		}
		for k := range u {
			worst = max(worst, u[k]-val)
		}
	}
	return worst
}

// TestEnumPolyGenericGames checks EnumPoly on random games of three and four
// players against theorems that do not depend on how it solves them:
//
//   - every profile returned is an equilibrium (regret below 1e-6 of the
//     payoff range, checked by brute force);
//   - a generic game has an odd number of equilibria (Wilson 1971), so the
//     count is odd and no support is singular;
//   - a generic 2×2×2 game has at most two totally mixed equilibria
//     (McKelvey and McLennan 1997, "The maximal number of regular totally
//     mixed Nash equilibria", Journal of Economic Theory 72:411-425).
func TestEnumPolyGenericGames(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 0))
	shapes := [][]int{{2, 2, 2}, {3, 2, 2}, {3, 3, 2}, {2, 2, 2, 2}}
	for n := range 80 {
		shape := shapes[n%len(shapes)]
		g := randomGame(r, shape...)
		res, err := EnumPoly(context.Background(), g)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Singular) != 0 {
			t.Errorf("game %d %v: singular supports %v in a generic game", n, shape, res.Singular)
		}
		if len(res.Equilibria)%2 != 1 {
			t.Errorf("game %d %v: %d equilibria, an even number", n, shape, len(res.Equilibria))
		}
		mixed := 0
		for _, e := range res.Equilibria {
			if reg := floatRegret(g, e.Profile); reg > 1e-6*1e6 {
				t.Errorf("game %d: %v has regret %g", n, e.Profile, reg)
			}
			full := true
			for _, v := range e.Profile {
				for _, x := range v {
					full = full && x > 0
				}
			}
			if full {
				mixed++
			}
		}
		if len(shape) == 3 && shape[0] == 2 && shape[1] == 2 && mixed > 2 {
			t.Errorf("game %d: %d totally mixed equilibria in a 2×2×2 game", n, mixed)
		}
	}
}

// TestEnumPolyLimits: a game with too many supports is refused at once,
// and a cancelled context stops the enumeration.
func TestEnumPolyLimits(t *testing.T) {
	big := NewNormalForm([]string{"1", "2"}, [][]string{make([]string, 10), make([]string, 10)})
	if _, err := EnumPoly(context.Background(), big); err == nil || !strings.Contains(err.Error(), "support profiles") {
		t.Errorf("10×10: %v, want a refusal naming the support profiles", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := randomGame(rand.New(rand.NewPCG(1, 1)), 2, 2, 2)
	if _, err := EnumPoly(ctx, g); err == nil {
		t.Error("cancelled context: no error")
	}
}

// TestEnumPolyDegenerate: in the 2×2 game whose payoffs are all zero every
// profile is an equilibrium. The four pure ones are isolated in their
// supports and listed; every support with a mixed player holds a continuum
// and is reported singular, never listed point by point.
func TestEnumPolyDegenerate(t *testing.T) {
	g := NewNormalForm([]string{"1", "2"}, [][]string{{"a", "b"}, {"a", "b"}})
	res, err := EnumPoly(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Equilibria) != 4 || len(res.Singular) != 5 {
		t.Errorf("%d equilibria, %d singular supports; want 4 and 5", len(res.Equilibria), len(res.Singular))
	}
}

// TestEnumPolyJordan: three-player matching pennies (Jordan 1993, "Three
// problems in learning mixed-strategy Nash equilibria", Games and Economic
// Behavior 5:368-386; testdata/games/jordan3.nfg) has exactly one
// equilibrium, every player mixing 1/2, 1/2, and no pure one.
func TestEnumPolyJordan(t *testing.T) {
	g := strategic(t, "../testdata/games/jordan3.nfg")
	res, err := EnumPoly(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	half := big.NewRat(1, 2)
	want := MixedProfile{{half, half}, {half, half}, {half, half}}
	if len(res.Equilibria) != 1 || !res.Equilibria[0].Exact.Equal(want) || len(res.Singular) != 0 {
		t.Errorf("got %+v", res)
	}
	if len(PureNash(g)) != 0 {
		t.Error("a pure equilibrium in matching pennies")
	}
}

// TestLogitQREContext: a cancelled context stops the branch with its error.
func TestLogitQREContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := randomGame(rand.New(rand.NewPCG(2, 2)), 3, 3)
	if _, err := LogitQREContext(ctx, g, []float64{5}); err == nil || !strings.Contains(err.Error(), "canceled") {
		t.Errorf("got %v, want the context's error", err)
	}
}

// TestLogitJacobian: the analytic Jacobian of the logit system equals
// central finite differences of its residual (to 1e-6 relative) on random
// games of two to four players at λ = 0.7 and 12.
func TestLogitJacobian(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for n, shape := range [][]int{{3, 2}, {2, 3, 2}, {2, 2, 2, 3}, {4, 4}} {
		g := randomGame(r, shape...)
		q := &qreSystem{g: g}
		for idx := range g.Profiles() {
			row := make([]float64, len(shape))
			for pl := range shape {
				row[pl], _ = g.payoffs[idx][pl].Float64()
				row[pl] /= 1e6
			}
			q.pay = append(q.pay, row)
		}
		for _, k := range shape {
			q.offset = append(q.offset, q.n)
			q.n += k
		}
		y := make([]float64, q.n)
		for i := range y {
			y[i] = -0.2 - r.Float64()
		}
		for _, lam := range []float64{0.7, 12} {
			J := mat.NewDense(q.n, q.n, nil)
			q.jacobian(y, lam, J)
			r1, r2 := make([]float64, q.n), make([]float64, q.n)
			for j := range q.n {
				h := 1e-6
				y[j] += h
				q.residual(y, lam, r1)
				y[j] -= 2 * h
				q.residual(y, lam, r2)
				y[j] += h
				for i := range q.n {
					fd := (r1[i] - r2[i]) / (2 * h)
					if d := math.Abs(fd - J.At(i, j)); d > 1e-6*max(1, math.Abs(fd)) {
						t.Errorf("game %d λ=%v: J[%d][%d] = %v, finite differences %v", n, lam, i, j, J.At(i, j), fd)
					}
				}
			}
		}
	}
}

// TestEnumPolyProgress: progress counts every support profile, from 0 to
// the total (7 × 3 × 3 for a 3×2×2 game), in order.
func TestEnumPolyProgress(t *testing.T) {
	g := randomGame(rand.New(rand.NewPCG(3, 3)), 3, 2, 2)
	var seen []int
	if _, err := EnumPolyProgress(context.Background(), g, func(done, total int) {
		if total != 63 {
			t.Fatalf("total %d, want 63", total)
		}
		seen = append(seen, done)
	}); err != nil {
		t.Fatal(err)
	}
	for i, d := range seen {
		if d != i {
			t.Fatalf("call %d reported %d done", i, d)
		}
	}
	if len(seen) != 64 {
		t.Errorf("%d calls, want 64 (0..63)", len(seen))
	}
}
