package bargain

import (
	"errors"
	"fmt"
	"math"
)

// The spatial model of politics (SMP) of KAPSARC's Toolkit for Agent-Based
// modelling (KTAB; Wise, Lester, Efird et al., KAPSARC 2015-2017), in the
// family of the expected-utility model of Bueno de Mesquita (1985, 2011):
// actors with positions on several issue dimensions, saliences and
// capabilities challenge one another; each challenge is settled by a
// bargain; the new positions form the next state, until positions settle.
// This file implements the variant with KTAB's options
//
//	VictoryProbModel Linear, VotingRule Proportional, PCEModel Conditional,
//	StateTransitions Deterministic, BigRRange Mid, BigRAdjust OneThird,
//	ThirdPartyCommit SemiCommit, InterVecBrgn S2P2, BargnModel InitOnlyInterp
//
// — the settings of KTAB's reference run on its dummyData_3Dim example,
// which it reproduces (TestSMPReproducesKTAB; deter check). The equations,
// with positions x and saliences s on [0, 1] (a scenario's 0-100 values
// divided by 100), capabilities c:
//
// Distance and utility. Actor i's salience-weighted distance to a position
// y, and the utility of that distance for risk attitude R ∈ [−½, 1]:
//
//	d_i(y) = √( Σ_k (s_ik (x_ik − y_k))² / Σ_k s_ik² )
//	u(d, R) = (1 − d)(1 + d R)
//
// Votes and coalitions. Actor k's vote between options a and b is
// proportional: v_k(a:b) = w_k (u_k(a) − u_k(b)); the coalition for a
// against b sums the positive votes, C(a:b) = 10⁻⁸ + Σ_k max(0, v_k(a:b)).
// Linear victory probability: P(a > b) = C(a:b) / (C(a:b) + C(b:a)).
// Conditional probabilistic Condorcet election (PCE): the chance option a
// wins is Π_b P(a > b), normalised to sum 1 over the options.
//
// Risk attitudes (Bueno de Mesquita 1985; BigRRange Mid). With every
// actor's position an option, risk-neutral utilities and weights w = c,
// the PCE gives p_i; then
//
//	R_i = (3 p_i − (p_max + 2 p_min)) / (2 (p_max − p_min))
//
// so the likeliest actor is risk-acceptant (1) and the least likely
// risk-averse (−½). Actor h's estimate of i's attitude is (2 R_h + R_i)/3
// (BigRAdjust OneThird), and U^h_ij = u(d_i(x_j), (2 R_h + R_i)/3).
//
// Challenges. h's estimate of what k gains when i challenges j (all
// utilities U^h): the principals add their own weight s·c (s the sum of
// saliences): i votes s_i c_i (U_ii − U_ij), j votes s_j c_j (U_ji − U_jj);
// each third party n looks at the little contest of i, j and itself: with
// P_n = P(i > j) once n's own vote s_n c_n (U_ni − U_nj) is added to the
// principals', it votes s_n c_n (E_n[i with n wins] − E_n[j wins alone])
// where, with semi-commitment, E_n[i with n] = P_n(2U_ni + U_nn) + (1−P_n)
// 3U_nj and E_n[i alone] = P_n 3U_ni + (1−P_n)(2U_nj + U_nn). Summing
// every vote into the two coalitions gives P_hij. Then
//
//	EU(contest) = P_hij 2U_ki + (1 − P_hij) 2U_kj
//	EU(challenge) = (1 − s_j) 2U_ki + s_j EU(contest)
//	ΔEU = EU(challenge) − (U_ki + U_kj)
//
// Each actor i challenges the j with the largest ΔEU (by its own
// estimate, h = k = i) if that exceeds 10⁻⁵.
//
// Bargains (InitOnlyInterp, S2P2). From i's perspective, with p = P_iij,
// on each dimension the two positions move to the weighted mean with
// weights s_ik² p² (+10⁻⁶ for the side whose position it is) and
// s_jk² (1−p)², rounded to 4 decimals; both i and j then have this
// bargain among their options, beside their status quo.
//
// Resolution. For each actor k, the value to actor a of the state after a
// bargain is the mean over all actors' positions (the bargain's two new
// positions in place of the old) of a's utility; a conditional PCE over
// k's options (weights c) gives their chances, and k moves to the likeliest
// (deterministic transitions).
//
// Stopping. With D(t) = Σ_i ‖x_i(t) − x_i(t−1)‖, the run stops at
// iteration t ≥ 2 when D(t) / (D(1) + 10⁻⁴) < 0.02, or at 100 iterations.
//
// Differences from KTAB: the order in which bargains are listed (KTAB
// builds them in parallel threads, so its order varies) matters only for
// ties, which are broken here by the lowest actor index; numbers within
// a relative 10⁻¹² of each other count as tied (smpTie), where KTAB
// compares exactly. KTAB's
// ideal-point accommodation (ideals drifting towards positions) is the
// identity here, as in the reference run: ideals are the current positions.
//
// References:
//
//   - Bueno de Mesquita, B. (1985). The War Trap Revisited. American
//     Political Science Review 79(1):156-177 (risk attitudes from security
//     positions).
//   - Wise, B. et al. (2015-2017). KTAB: the KAPSARC Toolkit for
//     Agent-Based modelling; Spatial Model of Politics (examples/smp),
//     MIT licence; "Markov Voting with Incentives in KTAB" and the SMP
//     tutorial. Reference run: 20170530_ref-dummyData_3Dim.txt.
//   - Scholz, J. B., Calbert, G. J. and Smith, G. A. (2011). Unravelling
//     Bueno De Mesquita's group decision model. Journal of Theoretical
//     Politics 23(4):510-531.

// SMPActor is one actor of the spatial model: positions and saliences on
// [0, 1] per dimension (the saliences of one actor sum to at most 1),
// capability > 0.
type SMPActor struct {
	Name       string
	Capability float64
	Position   []float64
	Salience   []float64
}

// SMPState is one state of a run: every actor's position, the inferred
// risk attitudes, and the challenges made from it.
type SMPState struct {
	Positions  [][]float64    `json:"positions"`
	Risk       []float64      `json:"risk_attitudes"`
	Challenges []SMPChallenge `json:"challenges,omitempty"`
}

// SMPChallenge is one actor's challenge in a state: the target, the
// challenger's estimate of winning and of its gain, and the bargain
// proposed.
type SMPChallenge struct {
	Actor, Target int
	PWin, Gain    float64
	// Init and Rcvr are the bargain's positions for the challenger and
	// the target.
	Init, Rcvr []float64
}

// SMP limits and tolerances, KTAB's own values (smp.cpp, demosmp.cpp).
const (
	smpMinIter       = 2
	smpMaxIter       = 100
	smpMinDeltaRatio = 0.02
	smpMinSigDelta   = 1e-4
	smpMinCoalition  = 1e-8  // coalitions (kmodel.cpp)
	smpMinChallenge  = 1e-10 // principals' coalitions in a challenge
	smpMinGain       = 1e-5  // smallest expected gain worth a challenge
	smpMinBargainW   = 1e-6  // bargain interpolation weight floor
)

// smpTie is the relative difference below which two computed
// probabilities or gains count as equal. It is not KTAB's (KTAB compares
// doubles exactly): numbers that are equal in exact arithmetic (a
// coalition of 108 against one of 3 + 105, two actors at one position)
// come out of sums taken in different orders a few units in the last
// place apart (≈ 10⁻¹⁶ relative), and comparing them exactly would let
// rounding, that is the order in which the actors are listed, decide a
// challenge, a move, or every actor's risk attitude (whose formula
// divides by p_max − p_min). 10⁻¹² is far above that rounding for the
// few hundred terms of these sums and far below any difference the
// inputs (two or three significant figures) can mean.
const smpTie = 1e-12

// above reports whether a exceeds b by more than smpTie relative to the
// larger magnitude of the two (and at least smpTie absolutely).
func above(a, b float64) bool {
	return a-b > smpTie*max(1, math.Abs(a), math.Abs(b))
}

// pref is a − b, or 0 when the two are equal to within smpTie: a
// difference of utilities that is rounding alone casts no vote. (Without
// it two identical options get votes of ±10⁻¹⁵ against coalition floors
// of 10⁻⁸, and their chances differ by 10⁻⁶ on rounding alone.)
func pref(a, b float64) float64 {
	if above(a, b) || above(b, a) {
		return a - b
	}
	return 0
}

// ValidateSMP reports impossible actor data.
func ValidateSMP(actors []SMPActor) error {
	if len(actors) < 2 {
		return errors.New("bargain: the spatial model needs at least two actors")
	}
	nd := len(actors[0].Position)
	if nd == 0 {
		return errors.New("bargain: the spatial model needs at least one dimension")
	}
	for _, a := range actors {
		if len(a.Position) != nd || len(a.Salience) != nd {
			return fmt.Errorf("bargain: actor %s has %d positions and %d saliences, want %d", a.Name, len(a.Position), len(a.Salience), nd)
		}
		if !(a.Capability > 0) || math.IsInf(a.Capability, 0) {
			return fmt.Errorf("bargain: actor %s: capability %v must be positive and finite", a.Name, a.Capability)
		}
		sum := 0.0
		for k := range nd {
			if !(a.Position[k] >= 0 && a.Position[k] <= 1) {
				return fmt.Errorf("bargain: actor %s: position %v outside [0, 1]", a.Name, a.Position[k])
			}
			if !(a.Salience[k] >= 0 && a.Salience[k] <= 1) {
				return fmt.Errorf("bargain: actor %s: salience %v outside [0, 1]", a.Name, a.Salience[k])
			}
			sum += a.Salience[k]
		}
		if sum > 1+1e-9 || sum <= 0 {
			return fmt.Errorf("bargain: actor %s: saliences sum to %v, want (0, 1]", a.Name, sum)
		}
	}
	return nil
}

// RunSMP runs the spatial model from the actors' positions to
// convergence and returns every state, the first being the start.
func RunSMP(actors []SMPActor) ([]SMPState, error) {
	if err := ValidateSMP(actors); err != nil {
		return nil, err
	}
	m := newSMP(actors)
	pos := make([][]float64, len(actors))
	for i, a := range actors {
		pos[i] = append([]float64(nil), a.Position...)
	}
	states := []SMPState{{Positions: pos}}
	for iter := 1; ; iter++ {
		next, risk, ch := m.step(states[len(states)-1].Positions)
		states[len(states)-1].Risk = risk
		states[len(states)-1].Challenges = ch
		states = append(states, SMPState{Positions: next})
		if iter >= smpMaxIter {
			break
		}
		d01 := stateDist(states[0].Positions, states[1].Positions) + smpMinSigDelta
		dxy := stateDist(states[iter-1].Positions, states[iter].Positions)
		if iter >= smpMinIter && dxy/d01 < smpMinDeltaRatio {
			break
		}
	}
	last := &states[len(states)-1]
	last.Risk = m.setUtilities(last.Positions)
	return states, nil
}

type smp struct {
	a      []SMPActor
	n, nd  int
	sumSal []float64
	// per state
	pos  [][]float64
	risk []float64
	diff [][]float64   // diff[i][j] = d_i(x_j)
	util [][][]float64 // util[h][i][j] = U^h_ij
}

func newSMP(actors []SMPActor) *smp {
	m := &smp{a: actors, n: len(actors), nd: len(actors[0].Position)}
	m.sumSal = make([]float64, m.n)
	for i, a := range actors {
		for _, s := range a.Salience {
			m.sumSal[i] += s
		}
	}
	m.diff = square(m.n)
	m.util = make([][][]float64, m.n)
	for h := range m.util {
		m.util[h] = square(m.n)
	}
	return m
}

func square(n int) [][]float64 {
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, n)
	}
	return out
}

// wdist is d_i(y) for salience s and position x.
func wdist(x, y, s []float64) float64 {
	var ds, ss float64
	for k := range x {
		d := (x[k] - y[k]) * s[k]
		ds += d * d
		ss += s[k] * s[k]
	}
	return math.Sqrt(ds / ss)
}

// utility is u(d, R) = (1 − d)(1 + d R); distances above 1 (round-off)
// use (1 − d)(1 + R), as KTAB does.
func utility(d, r float64) float64 {
	if d <= 1 {
		return (1 - d) * (1 + d*r)
	}
	return (1 - d) * (1 + r)
}

func stateDist(a, b [][]float64) float64 {
	s := 0.0
	for i := range a {
		d := 0.0
		for k := range a[i] {
			d += (a[i][k] - b[i][k]) * (a[i][k] - b[i][k])
		}
		s += math.Sqrt(d)
	}
	return s
}

// condPCE returns the conditional PCE distribution over options from
// utilities u[actor][option] and weights w.
func condPCE(u [][]float64, w []float64) []float64 {
	no := len(u[0])
	c := square(no)
	for i := range no {
		for j := range i {
			cij, cji := smpMinCoalition, smpMinCoalition
			for k := range u {
				v := w[k] * pref(u[k][i], u[k][j])
				if v > 0 {
					cij += v
				} else if v < 0 {
					cji -= v
				}
			}
			c[i][j], c[j][i] = cij, cji
		}
	}
	p := make([]float64, no)
	sum := 0.0
	for i := range no {
		pi := 1.0
		for j := range no {
			if i == j {
				pi *= 0.5
				continue
			}
			pi *= c[i][j] / (c[i][j] + c[j][i])
		}
		p[i] = pi
		sum += pi
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

// setUtilities computes distances, risk attitudes and every actor's
// estimate of every utility for positions pos; it returns the attitudes.
func (m *smp) setUtilities(pos [][]float64) []float64 {
	m.pos = pos
	n := m.n
	rn := square(n)
	for i := range n {
		for j := range n {
			m.diff[i][j] = wdist(pos[i], pos[j], m.a[i].Salience)
			rn[i][j] = utility(m.diff[i][j], 0)
		}
	}
	w := make([]float64, n)
	for i, a := range m.a {
		w[i] = a.Capability
	}
	p := condPCE(rn, w)
	pmin, pmax := 1.0, 0.0
	for _, x := range p {
		pmin, pmax = min(pmin, x), max(pmax, x)
	}
	m.risk = make([]float64, n)
	for i, x := range p {
		if pmax-pmin > smpTie*pmax {
			m.risk[i] = (3*x - (pmax + 2*pmin)) / (2 * (pmax - pmin))
		}
	}
	for h := range n {
		for i := range n {
			r := (2*m.risk[h] + m.risk[i]) / 3
			for j := range n {
				m.util[h][i][j] = utility(m.diff[i][j], r)
			}
		}
	}
	return m.risk
}

// challenge returns h's estimate of P(i beats j) and of k's gain from i
// challenging j.
func (m *smp) challenge(h, k, i, j int) (pWin, gain float64) {
	U := m.util[h]
	euSQ := U[k][i] + U[k][j]
	uVict := 2 * U[k][i]
	uLoss := 2 * U[k][j]
	si, sj := m.sumSal[i], m.sumSal[j]
	ci, cj := m.a[i].Capability, m.a[j].Capability
	chij, chji := smpMinChallenge, smpMinChallenge
	add := func(v float64) {
		if v > 0 {
			chij += v
		} else if v < 0 {
			chji -= v
		}
	}
	add(si * ci * pref(U[i][i], U[i][j]))
	add(sj * cj * pref(U[j][i], U[j][j]))
	pi, pj := chij, chji // the principals' contributions
	for n := range m.n {
		if n == i || n == j {
			continue
		}
		wn := m.sumSal[n] * m.a[n].Capability
		uni, unj, unn := U[n][i], U[n][j], U[n][n]
		// the little contest (i, j, n)
		v := wn * pref(uni, unj)
		cni, cnj := pi, pj
		if v > 0 {
			cni += v
		}
		if v < 0 {
			cnj -= v
		}
		pin := cni / (cni + cnj)
		pjn := 1 - pin
		withI := pin*(2*uni+unn) + pjn*3*unj
		alone := pin*3*uni + pjn*(2*unj+unn)
		add(wn * pref(withI, alone))
	}
	pWin = chij / (chij + chji)
	contest := pWin*uVict + (1-pWin)*uLoss
	chlg := (1-sj)*uVict + sj*contest
	return pWin, chlg - euSQ
}

func round4(x float64) float64 { return float64(int(0.5+x*10000)) / 10000 }

// bargainS2P2 interpolates i's and j's positions with weights s² p².
func (m *smp) bargainS2P2(i, j int, pI float64) (bi, bj []float64) {
	pJ := 1 - pI
	bi = make([]float64, m.nd)
	bj = make([]float64, m.nd)
	for k := range m.nd {
		ti, tj := m.pos[i][k], m.pos[j][k]
		si, sj := m.a[i].Salience[k], m.a[j].Salience[k]
		wi := si * si * pI * pI
		wj := sj * sj * pJ * pJ
		den := wi + smpMinBargainW + wj
		bi[k] = round4(((wi+smpMinBargainW)*ti + wj*tj) / den)
		bj[k] = round4((wi*ti + (smpMinBargainW+wj)*tj) / den)
	}
	return bi, bj
}

type smpBargain struct {
	init, rcvr   int // -1, -1 for the status quo
	pInit, pRcvr []float64
}

// step computes the next positions from pos.
func (m *smp) step(pos [][]float64) ([][]float64, []float64, []SMPChallenge) {
	risk := append([]float64(nil), m.setUtilities(pos)...)
	n := m.n
	options := make([][]smpBargain, n)
	for k := range n {
		options[k] = []smpBargain{{init: -1, rcvr: -1}}
	}
	var chs []SMPChallenge
	for i := range n {
		best, bestJ, pBest := -1.0, -1, 0.0
		for j := range n {
			if j == i {
				continue
			}
			p, g := m.challenge(i, i, i, j)
			if g > smpMinGain && (bestJ < 0 || above(g, best)) {
				best, bestJ, pBest = g, j, p
			}
		}
		if bestJ < 0 {
			continue
		}
		bi, bj := m.bargainS2P2(i, bestJ, pBest)
		b := smpBargain{init: i, rcvr: bestJ, pInit: bi, pRcvr: bj}
		options[i] = append(options[i], b)
		options[bestJ] = append(options[bestJ], b)
		chs = append(chs, SMPChallenge{Actor: i, Target: bestJ, PWin: pBest, Gain: best, Init: bi, Rcvr: bj})
	}
	w := make([]float64, n)
	for i, a := range m.a {
		w[i] = a.Capability
	}
	// own[a] = Σ_n U^a_an, the value to a of the unchanged positions
	own := make([]float64, n)
	for a := range n {
		for j := range n {
			own[a] += m.util[a][a][j]
		}
	}
	next := make([][]float64, n)
	u := square(n)
	for k := range n {
		opts := options[k]
		for a := range n {
			u[a] = u[a][:0]
			ra := m.risk[a]
			for _, b := range opts {
				if b.init < 0 {
					u[a] = append(u[a], own[a]/float64(n))
					continue
				}
				v := own[a] - m.util[a][a][b.init] - m.util[a][a][b.rcvr]
				v += utility(wdist(pos[a], b.pInit, m.a[a].Salience), ra)
				v += utility(wdist(pos[a], b.pRcvr, m.a[a].Salience), ra)
				u[a] = append(u[a], v/float64(n))
			}
		}
		p := condPCE(u, w)
		best := 0
		for o := range p {
			if above(p[o], p[best]) {
				best = o
			}
		}
		switch b := opts[best]; {
		case b.init < 0:
			next[k] = append([]float64(nil), pos[k]...)
		case b.init == k:
			next[k] = b.pInit
		default:
			next[k] = b.pRcvr
		}
	}
	return next, risk, chs
}

// SMPForecast is the settlement a run forecasts on each dimension: the
// mean of the final positions weighted by capability × salience on that
// dimension (the weight KTAB and Bueno de Mesquita give an actor's say on
// an issue). An actor with zero salience on a dimension has no weight in
// it. (Through the dynamics it can still have moved others there: their
// utilities count where it stands.)
func SMPForecast(actors []SMPActor, final [][]float64) []float64 {
	nd := len(actors[0].Position)
	out := make([]float64, nd)
	for k := range nd {
		var num, den float64
		for i, a := range actors {
			w := a.Capability * a.Salience[k]
			num += w * final[i][k]
			den += w
		}
		if den > 0 {
			out[k] = num / den
		}
	}
	return out
}
