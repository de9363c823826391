package validation

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"

	"deter/campaign"
)

// IwoJima is Engel's (1954) square-law set-up of the battle of Iwo Jima,
// read from ../shared/data/iwo-jima-engel/engel1954_parameters.txt:
//
//	dUS/dt = −a·J + f(t),  dJ/dt = −b·US
//
// a = 0.0544/day (Japanese effectiveness on US), b = 0.0106/day, J(0) =
// 21,500, US(0) = 0, US landings 54,000 on day 1, 6,000 on day 3 and 13,000
// on day 6, no Japanese reinforcement.
//
// Reference: Engel, J. H. (1954). A verification of Lanchester's law.
// Journal of the Operations Research Society of America 2(2):163-171.
type IwoJima struct {
	A, B     float64
	J0       float64
	Landings []campaign.Pulse
	// ActualUS is a coarse step function of the observed US strength by day
	// range, as used by public re-implementations (secondary source).
	ActualUS []StepObs
}

// StepObs is an observed value holding over the days [From, To].
type StepObs struct {
	From, To int
	Value    float64
}

const iwoFile = "iwo-jima-engel/engel1954_parameters.txt"

// LoadIwoJima parses the Engel parameter file.
func LoadIwoJima(path string) (*IwoJima, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	txt := string(b)
	num := func(re string) (float64, error) {
		m := regexp.MustCompile(re).FindStringSubmatch(txt)
		if m == nil {
			return 0, fmt.Errorf("validation: %s: no match for %q", path, re)
		}
		return strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	}
	iw := &IwoJima{}
	if iw.A, err = num(`a \(Japanese effectiveness on US\) = ([0-9.]+)`); err != nil {
		return nil, err
	}
	if iw.B, err = num(`b \(US effectiveness on Japanese\) = ([0-9.]+)`); err != nil {
		return nil, err
	}
	if iw.J0, err = num(`J\(0\) = ([0-9,]+)`); err != nil {
		return nil, err
	}
	land := regexp.MustCompile(`([0-9,]+) on day \d+ \(([0-9]+)<=t<([0-9]+)\)`).FindAllStringSubmatch(txt, -1)
	if len(land) != 3 {
		return nil, fmt.Errorf("validation: %s: want 3 landings, found %d", path, len(land))
	}
	for _, m := range land {
		amt, _ := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
		from, _ := strconv.ParseFloat(m[2], 64)
		to, _ := strconv.ParseFloat(m[3], 64)
		iw.Landings = append(iw.Landings, campaign.Pulse{From: from, To: to, Amount: amt})
	}
	steps := regexp.MustCompile(`([0-9,]+) \((?:days? )?(\d+)(?:-(\d+))?\)|([0-9,]+) \(>=(\d+)\)`).FindAllStringSubmatch(txt, -1)
	for _, m := range steps {
		if m[1] != "" {
			v, _ := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
			from, _ := strconv.Atoi(m[2])
			to := from
			if m[3] != "" {
				to, _ = strconv.Atoi(m[3])
			}
			iw.ActualUS = append(iw.ActualUS, StepObs{from, to, v})
		} else {
			v, _ := strconv.ParseFloat(strings.ReplaceAll(m[4], ",", ""), 64)
			from, _ := strconv.Atoi(m[5])
			iw.ActualUS = append(iw.ActualUS, StepObs{from, 36, v})
		}
	}
	if len(iw.ActualUS) < 4 {
		return nil, fmt.Errorf("validation: %s: want the 4-step US strength series, found %d steps", path, len(iw.ActualUS))
	}
	return iw, nil
}

// Duel returns the battle as a campaign.Duel with X = US, Y = Japanese.
func (iw *IwoJima) Duel() campaign.Duel {
	return campaign.Duel{Law: campaign.Square, A: iw.A, B: iw.B, X0: 0, Y0: iw.J0, XIn: iw.Landings, StepDays: 0.01}
}

// ActualAt returns the coarse observed US strength on day t, or NaN.
func (iw *IwoJima) ActualAt(t int) float64 {
	for _, s := range iw.ActualUS {
		if t >= s.From && t <= s.To {
			return s.Value
		}
	}
	return math.NaN()
}

func loadIwo(env Env) (*IwoJima, error) {
	p, err := env.DataFile(iwoFile)
	if err != nil {
		return nil, err
	}
	return LoadIwoJima(p)
}

// annihilationDay is the first time (days, linear interpolation between
// whole days) at which the Japanese force falls to `left` or fewer.
func annihilationDay(iw *IwoJima, left float64) float64 {
	d := iw.Duel()
	_, j := d.Trajectory(60)
	for t := 1; t < len(j); t++ {
		if j[t] <= left {
			return float64(t-1) + (j[t-1]-left)/(j[t-1]-j[t])
		}
	}
	return math.Inf(1)
}

// iwoCases are the Iwo Jima validation cases.
func iwoCases() []Case {
	usAt := func(day int) func(Env) (float64, error) {
		return func(env Env) (float64, error) {
			iw, err := loadIwo(env)
			if err != nil {
				return 0, err
			}
			d := iw.Duel()
			us, _ := d.Trajectory(day)
			return us[day], nil
		}
	}
	const coarse = "coarse actual US strength (Engel 1954 via pose/ss2009 american.m; secondary)"
	return []Case{
		{
			ID: "campaign/iwo-jima-end-day", Model: "campaign",
			What:      "day the Japanese garrison is down to the 216 taken prisoner, square law with Engel's coefficients",
			Source:    "Engel 1954, Operations Research 2(2): battle lasted 36 days, garrison annihilated (216 prisoners)",
			Published: 36, Unit: "days", Compare: Within, Tol: 1,
			// Engel set b from the Japanese losses over these 36 days.
			Sample: Calibrated,
			Run: func(env Env) (float64, error) {
				iw, err := loadIwo(env)
				if err != nil {
					return 0, err
				}
				return annihilationDay(iw, 216), nil
			},
		},
		{ID: "campaign/iwo-jima-us-day10", Model: "campaign", What: "US strength on day 10",
			Source: coarse, Published: 62000, Unit: "people", Compare: RelWithin, Tol: 0.05, Sample: InSample, Run: usAt(10)},
		{ID: "campaign/iwo-jima-us-day20", Model: "campaign", What: "US strength on day 20",
			Source: coarse, Published: 54000, Unit: "people", Compare: RelWithin, Tol: 0.05, Sample: InSample, Run: usAt(20)},
		{ID: "campaign/iwo-jima-us-day36", Model: "campaign", What: "US strength on day 36",
			Source: coarse, Published: 54000, Unit: "people", Compare: RelWithin, Tol: 0.05, Sample: InSample, Run: usAt(36)},
	}
}

// refitTargets are the calibration targets of the public re-fit of Engel's
// model (antononcube/SystemModeling, "Generalized Lanchester combat models",
// commit 327e4eb): US strength interpolated linearly from 73,000 on day 0 to
// 51,300 on day 35, Japanese from 21,000 to 0; the model starts at US 0,
// Japanese 21,000 with Engel's landings and lets strengths go negative.
func refitTargets(iw *IwoJima, endpointsOnly bool) (campaign.Duel, campaign.Series) {
	d := iw.Duel()
	d.Y0 = 21000
	d.NoClamp = true
	d.A, d.B = 0.05, 0.01 // starting guess
	var s campaign.Series
	for t := 0; t <= 35; t++ {
		if endpointsOnly && t != 0 && t != 35 {
			continue
		}
		s.Days = append(s.Days, t)
		s.X = append(s.X, 73000+(51300-73000)*float64(t)/35)
		s.Y = append(s.Y, 21000*(1-float64(t)/35))
	}
	return d, s
}

// refitCase fits the re-fit targets and returns one number of the result.
func refitCase(id, what, src string, endpoints bool, published float64, cmp Compare, tol float64, pick func(campaign.FitResult) float64) Case {
	return Case{
		ID: id, Model: "campaign", What: what, Source: src, Published: published,
		Compare: cmp, Tol: tol,
		// Our fitter against another implementation's fit of the same
		// targets, and against Engel's own coefficients: nothing in the
		// fitter was set from either.
		Sample: OutOfSample,
		Run: func(env Env) (float64, error) {
			iw, err := loadIwo(env)
			if err != nil {
				return 0, err
			}
			d, s := refitTargets(iw, endpoints)
			r, err := campaign.Fit(d, s, campaign.FitOptions{Unweighted: true})
			if err != nil {
				return 0, err
			}
			return pick(r), nil
		},
	}
}

// fitCases check the fitter against the published re-fit of Engel's model.
// The published coefficients (0.0399577/0.00990159 on linear targets,
// 0.0547895/0.0106351 on end points) are not reproduced to 2%: evaluated in
// this package's RK4 model they give distances 82,920 and 73,017 people, not
// the 83,614.5 and 73,000 reported, so the published model evaluation
// differs slightly from ours (likely its ODE solver's handling of the
// landing pulses). What is invariant is the quality of the fit, so the cases
// compare distances: ours must be no worse than the published one. The end
// points alone must also give coefficients close to Engel's own.
func fitCases() []Case {
	const refit = "antononcube/SystemModeling (2023) re-fit of Engel 1954, Nelder-Mead"
	const engel = "Engel 1954, Operations Research 2(2): a = 0.0544, b = 0.0106 per day"
	dist := func(r campaign.FitResult) float64 { return r.Distance }
	return []Case{
		refitCase("campaign/iwo-jima-refit-linear-distance", "distance of the fit to the 36-day linear targets (no worse than published)",
			refit+": distance 83,614.5", false, 83614.5, AtMost, 0, dist),
		refitCase("campaign/iwo-jima-refit-endpoints-distance", "distance of the end-point fit (73,000 is the irreducible day-0 gap)",
			refit+": distance 73,000", true, 73000, Within, 1, dist),
		refitCase("campaign/iwo-jima-refit-endpoints-a", "Japanese effectiveness on US fitted to the end points vs Engel's",
			engel, true, 0.0544, RelWithin, 0.10, func(r campaign.FitResult) float64 { return r.A }),
		refitCase("campaign/iwo-jima-refit-endpoints-b", "US effectiveness on Japanese fitted to the end points vs Engel's",
			engel, true, 0.0106, RelWithin, 0.05, func(r campaign.FitResult) float64 { return r.B }),
	}
}

// campaignCases returns the campaign model's validation cases.
func campaignCases() []Case {
	return append(iwoCases(), fitCases()...)
}
