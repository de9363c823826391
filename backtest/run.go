package backtest

import "context"

// Row is one case's predictions: in sample (the fit to all cases), leave-
// one-out (the fit without it), at the priors' centres (no fit), and the
// baselines.
type Row struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Attacked bool    `json:"attacked"`
	Window   float64 `json:"window_years"`
	Date     string  `json:"date,omitempty"`
	Source   string  `json:"source"`
	Prior    float64 `json:"p_prior"`
	InSample float64 `json:"p_in_sample"`
	LOO      float64 `json:"p_leave_one_out"`
	BaseRate float64 `json:"p_base_rate"`
	Record   float64 `json:"p_ceasefire_record"`
}

// Coefficient is one fitted coefficient with its prior and posterior.
type Coefficient struct {
	Key     string  `json:"key"`
	Source  string  `json:"prior_source"`
	Prior   float64 `json:"prior_median"`
	PriorLo float64 `json:"prior_lo95"`
	PriorHi float64 `json:"prior_hi95"`
	Mode    float64 `json:"posterior_mode"`
	Lo      float64 `json:"posterior_lo95"`
	Hi      float64 `json:"posterior_hi95"`
	// SD is the posterior sd on the prior's scale (Laplace); Shrinkage is
	// SD over the prior's sd: near 1, the prior decided; near 0, the data.
	SD        float64 `json:"posterior_sd_theta"`
	Shrinkage float64 `json:"sd_ratio"`
	// WidePrior is the mode when this coefficient's prior sd is tripled
	// (the others as they are).
	WidePrior float64 `json:"mode_with_prior_sd_x3"`
}

// Result is a backtest.
type Result struct {
	Cases        []Row         `json:"cases"`
	Coefficients []Coefficient `json:"coefficients"`
	LOO          Scores        `json:"leave_one_out"`
	InSample     Scores        `json:"in_sample"`
	Prior        Scores        `json:"at_prior_centres"`
	BaseRate     Scores        `json:"base_rate_leave_one_out"`
	Record       Scores        `json:"ceasefire_record"`
	Attacked     int           `json:"attacked"`
	Priors       []Prior       `json:"-"`
}

// Options tune a backtest.
type Options struct {
	Priors []Prior // nil: DefaultPriors
	// Progress, if not nil, is called after each fit with the number done
	// and the total.
	Progress func(done, total int)
}

// Run fits the coefficients to every case, then once without each case,
// and scores the predictions.
func Run(ctx context.Context, cases []*Case, opt Options) (*Result, error) {
	priors := opt.Priors
	if priors == nil {
		priors = DefaultPriors()
	}
	total := 1 + len(cases) + len(priors)
	done := 0
	step := func() {
		done++
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
	}
	full, err := fitWithout(cases, priors, -1, nil, true)
	if err != nil {
		return nil, err
	}
	step()
	res := &Result{Priors: priors}
	centre := make([]float64, len(priors))
	for j, p := range priors {
		centre[j] = p.Centre
	}
	var y []bool
	var pPrior, pIn, pLOO, pBase, pRec []float64
	for i, c := range cases {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		loo, err := fitWithout(cases, priors, i, full.Theta, false)
		if err != nil {
			return nil, err
		}
		step()
		r := Row{ID: c.ID, Name: c.Name, Attacked: c.Attacked, Window: c.Window, Date: c.Date, Source: c.Source, Record: c.Record}
		if r.Prior, err = c.Predict(priors, centre); err != nil {
			return nil, err
		}
		if r.InSample, err = c.Predict(priors, full.X); err != nil {
			return nil, err
		}
		if r.LOO, err = c.Predict(priors, loo.X); err != nil {
			return nil, err
		}
		n, k := 0.0, 0.0
		for j, d := range cases {
			if j != i {
				n++
				if d.Attacked {
					k++
				}
			}
		}
		r.BaseRate = k / n
		if c.Attacked {
			res.Attacked++
		}
		res.Cases = append(res.Cases, r)
		y = append(y, c.Attacked)
		pPrior, pIn, pLOO = append(pPrior, r.Prior), append(pIn, r.InSample), append(pLOO, r.LOO)
		pBase, pRec = append(pBase, r.BaseRate), append(pRec, r.Record)
	}
	res.Prior, res.InSample, res.LOO = Score(pPrior, y), Score(pIn, y), Score(pLOO, y)
	res.BaseRate, res.Record = Score(pBase, y), Score(pRec, y)
	for j, p := range priors {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		wide := append([]Prior(nil), priors...)
		wide[j].S *= 3
		wf, err := fitWithout(cases, wide, -1, full.Theta, false)
		if err != nil {
			return nil, err
		}
		step()
		res.Coefficients = append(res.Coefficients, Coefficient{Key: p.Key, Source: p.Source, Prior: p.Centre,
			PriorLo: p.value(p.M() - 1.96*p.S), PriorHi: p.value(p.M() + 1.96*p.S),
			Mode: full.X[j], Lo: full.Lo[j], Hi: full.Hi[j], SD: full.SD[j], Shrinkage: full.SD[j] / p.S, WidePrior: wf.X[j]})
	}
	return res, nil
}

// Fitted returns the fitted coefficients' modes and 95% intervals by key.
func (r *Result) Fitted() map[string][3]float64 {
	m := map[string][3]float64{}
	for _, c := range r.Coefficients {
		m[c.Key] = [3]float64{c.Mode, c.Lo, c.Hi}
	}
	return m
}
