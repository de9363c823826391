// Package cost answers what a guarantee package takes: troops deployed and
// the troops committed to sustain them, shortfalls by nation and what is
// withdrawn from other commitments, money per year and over several years,
// arms delivered under production limits and who pays, and when each
// element reaches full capability.
//
// It is arithmetic on plain inputs, not a model of budgets or industry:
//
//	committed_n = Σ deployed_n,e · r_n                 (rotation; r = 3 is the "rule of three")
//	free_n      = pool_n − Σ commitments_n
//	withdrawn_n = min(Σ commitments_n, max(0, committed_n − free_n)), taken from the last-listed commitment first
//	shortfall_n = max(0, committed_n − pool_n)
//	cost_y      = Σ_e (troops_e · c_soldier,n + fixed_e) · f_e,y + spend_e,y
//	spend_y     = min(rate, remaining) · f_y              (arms: money turns into equipment no faster than industry delivers)
//
// where f_e,y is the share of year y during which element e is in place.
// Arms purchases are paid from frozen assets first, up to what is available,
// then from national budgets.
//
// The rule of three: for each unit deployed, one recovers and one prepares
// (UK House of Commons Defence Committee 2011, "Operations in Afghanistan",
// HC 554: harmony guidelines imply about three units per unit on sustained
// operations); it is the default rotation ratio, and scenarios may set
// their own.
package cost

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Nation is a contributor's force-generation data.
type Nation struct {
	ID          string
	Pool        float64 // deployable people, rotation base included; NaN if unknown
	Rotation    float64 // people committed per person deployed (>= 1)
	SoldierCost float64 // USD per deployed soldier-year
	Commitments []Commitment
}

// Commitment is a standing deployment elsewhere.
type Commitment struct {
	Name   string
	Troops float64 // committed, rotation included
}

// Deployment is troops of one nation in one package element.
type Deployment struct {
	Element  string
	Nation   string
	Troops   float64 // deployed in theatre
	StartDay float64 // days after the cease-fire when in place
}

// Spend is a running cost of an element.
type Spend struct {
	Element  string
	Payer    string
	PerYear  float64 // USD bn per year
	From, To float64 // days after the cease-fire; To may be +Inf
	Ready    float64 // day the element reaches full capability
	// Payers are the nations that pay it, in equal shares (none: it is
	// paid outside the package's nations, e.g. by the defender).
	Payers []string
}

// Purchase is money for arms, delivered no faster than RatePerYear.
type Purchase struct {
	Element     string
	Total       float64 // USD bn
	RatePerYear float64 // USD bn of equipment industry can deliver per year (> 0)
	StartDay    float64
	Payers      []string
	Frozen      float64 // USD bn of frozen assets available to pay for it
	Items       []Item
}

// Item is a kind of equipment within a purchase: a share of each year's
// spending goes to it, but no more units than industry can deliver; money
// that cannot be spent stays for later years.
type Item struct {
	Name       string
	Share      float64 // of each year's spending, in [0, 1]; shares sum to <= 1
	UnitCost   float64 // USD bn per unit (> 0)
	MaxPerYear float64 // units
}

// Input is a package's cost inputs.
type Input struct {
	Nations     []Nation
	Deployments []Deployment
	Spends      []Spend
	Purchases   []Purchase
	Years       int // horizon for money, >= 1
}

// NationResult is one contributor's force generation.
type NationResult struct {
	ID        string       `json:"id"`
	Deployed  float64      `json:"deployed"`
	Committed float64      `json:"committed"`
	Pool      *float64     `json:"pool"` // nil if unknown
	Shortfall float64      `json:"shortfall"`
	Withdrawn []Withdrawal `json:"withdrawn_from_other_commitments"`
}

// ItemResult is the units of one item delivered per year.
type ItemResult struct {
	Name       string    `json:"name"`
	Units      []float64 `json:"units_by_year"`
	MaxPerYear float64   `json:"max_per_year"`
}

// Withdrawal is troops taken from another commitment.
type Withdrawal struct {
	Commitment string  `json:"commitment"`
	Troops     float64 `json:"troops"`
}

// Result is a package's cost.
type Result struct {
	Deployed  float64        `json:"troops_deployed"`
	Committed float64        `json:"troops_committed"`
	Nations   []NationResult `json:"by_nation"`
	// ByElement[e][y] is element e's cost in year y, USD bn.
	Elements  []string    `json:"elements"`
	ByElement [][]float64 `json:"cost_by_element_usd_bn"`
	ByYear    []float64   `json:"cost_by_year_usd_bn"`
	Total     float64     `json:"total_usd_bn"`
	// Arms delivered per year (USD bn of equipment) and how it was paid.
	ArmsDelivered []float64 `json:"arms_delivered_usd_bn"`
	// Units delivered per item and year.
	Items          []ItemResult `json:"items"`
	PaidFromFrozen float64      `json:"paid_from_frozen_assets_usd_bn"`
	PaidNational   float64      `json:"paid_from_national_budgets_usd_bn"`
	// ByPayer is what each nation pays over the horizon, US$ bn: its own
	// troops, its equal share of the spends it pays, and its equal share of
	// the national part of the purchases it funds (frozen assets relieve
	// the funders; sellers pay nothing).
	ByPayer map[string]float64 `json:"cost_by_payer_usd_bn"`
	// FullCapabilityDay is when the last element is in place (days after
	// the cease-fire); 0 for a package of words only. Purchases with
	// production-limited items are complete by the end of a year.
	FullCapabilityDay float64 `json:"full_capability_day"`
	// BeyondHorizon lists elements not complete within the horizon.
	BeyondHorizon []string `json:"not_complete_within_horizon"`
}

const daysPerYear = 365.25

// overlap returns the share of year y (days [365.25y, 365.25(y+1))) that
// lies within [from, to).
func overlap(y int, from, to float64) float64 {
	a := math.Max(float64(y)*daysPerYear, from)
	b := math.Min(float64(y+1)*daysPerYear, to)
	return math.Max(0, b-a) / daysPerYear
}

// Validate reports impossible inputs.
func (in *Input) Validate() error {
	var errs []error
	bad := func(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) || x < 0 }
	if in.Years < 1 || in.Years > 100 {
		errs = append(errs, fmt.Errorf("cost: horizon of %d years is outside 1..100", in.Years))
	}
	known := map[string]bool{}
	for _, n := range in.Nations {
		known[n.ID] = true
		if !math.IsNaN(n.Pool) && bad(n.Pool) || n.Rotation < 1 || math.IsNaN(n.Rotation) || bad(n.SoldierCost) {
			errs = append(errs, fmt.Errorf("cost: nation %s: pool >= 0, rotation >= 1 and soldier cost >= 0 required", n.ID))
		}
		for _, c := range n.Commitments {
			if bad(c.Troops) {
				errs = append(errs, fmt.Errorf("cost: nation %s: commitment %s troops must be >= 0", n.ID, c.Name))
			}
		}
	}
	for _, d := range in.Deployments {
		if !known[d.Nation] {
			errs = append(errs, fmt.Errorf("cost: deployment %s: unknown nation %q", d.Element, d.Nation))
		}
		if bad(d.Troops) || bad(d.StartDay) {
			errs = append(errs, fmt.Errorf("cost: deployment %s by %s: troops and start day must be >= 0", d.Element, d.Nation))
		}
	}
	for _, s := range in.Spends {
		if bad(s.PerYear) || bad(s.From) || math.IsNaN(s.To) || s.To < s.From || bad(s.Ready) {
			errs = append(errs, fmt.Errorf("cost: spend %s: needs per-year >= 0 and from <= to", s.Element))
		}
	}
	for _, p := range in.Purchases {
		if bad(p.Total) || bad(p.StartDay) || bad(p.Frozen) || !(p.RatePerYear > 0) || math.IsInf(p.RatePerYear, 0) {
			errs = append(errs, fmt.Errorf("cost: purchase %s: total, start and frozen >= 0 and a rate > 0 required", p.Element))
		}
		share := 0.0
		for _, it := range p.Items {
			share += it.Share
			if bad(it.Share) || !(it.UnitCost > 0) || math.IsInf(it.UnitCost, 0) || bad(it.MaxPerYear) {
				errs = append(errs, fmt.Errorf("cost: purchase %s: item %s needs share >= 0, unit cost > 0, max per year >= 0", p.Element, it.Name))
			}
		}
		if share > 1+1e-9 {
			errs = append(errs, fmt.Errorf("cost: purchase %s: item shares add up to %v > 1", p.Element, share))
		}
	}
	return errors.Join(errs...)
}

// Compute works out the cost of a package.
func Compute(in *Input) (*Result, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	r := &Result{ByYear: make([]float64, in.Years), ArmsDelivered: make([]float64, in.Years), ByPayer: map[string]float64{}}
	pay := func(payers []string, v float64) {
		for _, id := range payers {
			r.ByPayer[id] += v / float64(len(payers))
		}
	}
	elem := func(name string) []float64 {
		i := slices.Index(r.Elements, name)
		if i < 0 {
			r.Elements = append(r.Elements, name)
			r.ByElement = append(r.ByElement, make([]float64, in.Years))
			i = len(r.Elements) - 1
		}
		return r.ByElement[i]
	}
	nations := map[string]*Nation{}
	for i := range in.Nations {
		nations[in.Nations[i].ID] = &in.Nations[i]
	}
	deployed := map[string]float64{}
	for _, d := range in.Deployments {
		n := nations[d.Nation]
		deployed[d.Nation] += d.Troops
		r.Deployed += d.Troops
		row := elem(d.Element)
		for y := range in.Years {
			v := d.Troops * n.SoldierCost / 1e9 * overlap(y, d.StartDay, math.Inf(1))
			row[y] += v
			r.ByPayer[d.Nation] += v
		}
		r.FullCapabilityDay = math.Max(r.FullCapabilityDay, d.StartDay)
	}
	for _, id := range sortedKeys(deployed) {
		n := nations[id]
		nr := NationResult{ID: id, Deployed: deployed[id], Committed: deployed[id] * n.Rotation}
		r.Committed += nr.Committed
		if !math.IsNaN(n.Pool) {
			pool := n.Pool
			nr.Pool = &pool
			nr.Shortfall = math.Max(0, nr.Committed-pool)
			other := 0.0
			for _, c := range n.Commitments {
				other += c.Troops
			}
			need := math.Min(other, math.Max(0, nr.Committed-(pool-other)))
			for i := len(n.Commitments) - 1; i >= 0 && need > 0; i-- {
				take := math.Min(need, n.Commitments[i].Troops)
				if take > 0 {
					nr.Withdrawn = append(nr.Withdrawn, Withdrawal{Commitment: n.Commitments[i].Name, Troops: take})
				}
				need -= take
			}
		}
		r.Nations = append(r.Nations, nr)
	}
	for _, s := range in.Spends {
		row := elem(s.Element)
		for y := range in.Years {
			v := s.PerYear * overlap(y, s.From, s.To)
			row[y] += v
			pay(s.Payers, v)
		}
		r.FullCapabilityDay = math.Max(r.FullCapabilityDay, s.Ready)
	}
	for _, p := range in.Purchases {
		row := elem(p.Element)
		remaining, frozen := p.Total, p.Frozen
		items := make([]ItemResult, len(p.Items))
		for i, it := range p.Items {
			items[i] = ItemResult{Name: it.Name, Units: make([]float64, in.Years), MaxPerYear: it.MaxPerYear}
		}
		doneDay := math.Inf(1)
		for y := range in.Years {
			f := overlap(y, p.StartDay, math.Inf(1))
			budget := math.Min(remaining, p.RatePerYear*f)
			// Each item gets its share, capped by what industry can make this
			// year; the unspent part of its share is not spent this year.
			spend := budget
			for i, it := range p.Items {
				want := budget * it.Share
				units := math.Min(want/it.UnitCost, it.MaxPerYear*f)
				items[i].Units[y] = units
				spend -= want - units*it.UnitCost
			}
			remaining -= spend
			if remaining <= 1e-9 && math.IsInf(doneDay, 1) {
				doneDay = float64(y+1) * daysPerYear
			}
			row[y] += spend
			r.ArmsDelivered[y] += spend
			fromFrozen := math.Min(spend, frozen)
			frozen -= fromFrozen
			r.PaidFromFrozen += fromFrozen
			r.PaidNational += spend - fromFrozen
			pay(p.Payers, spend-fromFrozen)
		}
		switch {
		case len(p.Items) == 0:
			r.FullCapabilityDay = math.Max(r.FullCapabilityDay, p.StartDay+p.Total/p.RatePerYear*daysPerYear)
		case math.IsInf(doneDay, 1):
			r.BeyondHorizon = append(r.BeyondHorizon, p.Element)
		default:
			r.FullCapabilityDay = math.Max(r.FullCapabilityDay, doneDay)
		}
		r.Items = append(r.Items, items...)
	}
	for _, row := range r.ByElement {
		for y, v := range row {
			r.ByYear[y] += v
			r.Total += v
		}
	}
	return r, nil
}

func sortedKeys(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
