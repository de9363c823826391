package scenario

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
)

// PackageByID returns the package with the given id.
func (s *Scenario) PackageByID(id string) (*Package, error) {
	for i := range s.Packages {
		if s.Packages[i].ID == id {
			return &s.Packages[i], nil
		}
	}
	return nil, fmt.Errorf("scenario %s has no package %q", s.Name, id)
}

// ActorByID returns the actor with the given id, or nil.
func (s *Scenario) ActorByID(id string) *Actor {
	for i := range s.Actors {
		if s.Actors[i].ID == id {
			return &s.Actors[i]
		}
	}
	return nil
}

// Attacker returns the actor whose role is attacker (a valid scenario has
// exactly one), or nil.
func (s *Scenario) Attacker() *Actor { return s.byRole("attacker") }

// Defender returns the actor whose role is defender (a valid scenario has
// exactly one), or nil.
func (s *Scenario) Defender() *Actor { return s.byRole("defender") }

func (s *Scenario) byRole(role string) *Actor {
	for i := range s.Actors {
		if s.Actors[i].Role == role {
			return &s.Actors[i]
		}
	}
	return nil
}

// WithDefaults returns v with every absent number that the format gives a
// default (the def= rule of its field) set to that default, marked Default
// with source "default": the format's defaults in one place, for blocks that
// may be absent from a file (an absent models.deterrence has no values to
// fill while loading) and for structs built in code. Values already set are
// kept. T must be a struct type of this package.
func WithDefaults[T any](v T) T { return Defaulted(&v) }

// Defaulted is WithDefaults of *p (of T's zero value when p is nil). The
// engine calls it on every run: when every defaulted field of *p is already
// set (a block as loaded, whose defaults the loader filled) it returns a
// plain copy, without allocating.
func Defaulted[T any](p *T) T {
	d := defaultsOf(reflect.TypeFor[T]())
	if p == nil {
		return *d.template.(*T)
	}
	rv := reflect.ValueOf(p).Elem()
	missing := false
	for _, f := range d.fields {
		fv := rv.FieldByIndex(f.index)
		if f.typ == valueType && !fv.Addr().Interface().(*Value).IsSet() || fv.Kind() == reflect.Int && fv.Int() == 0 {
			missing = true
			break
		}
	}
	if !missing {
		return *p
	}
	v := *p
	fill(reflect.ValueOf(&v).Elem(), d.fields)
	return v
}

// typeDefaults are a struct type's fields with a default, and its zero
// value with them filled in.
type typeDefaults struct {
	fields   []fieldInfo
	template any // *T
}

var defaultsCache sync.Map // reflect.Type → *typeDefaults

func defaultsOf(t reflect.Type) *typeDefaults {
	if d, ok := defaultsCache.Load(t); ok {
		return d.(*typeDefaults)
	}
	if t.Kind() != reflect.Struct {
		panic("scenario: defaults of a non-struct " + t.String())
	}
	d := &typeDefaults{}
	for _, f := range infoFor(t).fields {
		if f.rules.hasDef {
			d.fields = append(d.fields, f)
		}
	}
	tp := reflect.New(t)
	fill(tp.Elem(), d.fields)
	d.template = tp.Interface()
	actual, _ := defaultsCache.LoadOrStore(t, d)
	return actual.(*typeDefaults)
}

// fill sets the unset defaulted fields of the struct rv.
func fill(rv reflect.Value, fields []fieldInfo) {
	for _, f := range fields {
		fv := rv.FieldByIndex(f.index)
		switch {
		case f.typ == valueType && f.coef != nil:
			if val := fv.Addr().Interface().(*Value); !val.IsSet() {
				*val = *f.coef
			}
		case f.typ == valueType:
			val := fv.Addr().Interface().(*Value)
			if !val.IsSet() {
				*val = Num(f.rules.def)
				val.Default, val.Source = true, "default"
			}
		case fv.Kind() == reflect.Int && fv.Int() == 0:
			fv.SetInt(int64(f.rules.def))
		}
	}
}

// DeterrenceModel is models.deterrence with the format's defaults filled in,
// whether or not the block is in the file.
func (s *Scenario) DeterrenceModel() DeterrenceModel { return blockWithDefaults(s.Models.Deterrence) }

// TimelineModel is models.timeline with the format's defaults filled in.
func (s *Scenario) TimelineModel() TimelineModel { return blockWithDefaults(s.Models.Timeline) }

// CostModel is models.cost with the format's defaults filled in.
func (s *Scenario) CostModel() CostModel { return blockWithDefaults(s.Models.Cost) }

// BargainModel is models.bargain with the format's defaults filled in.
func (s *Scenario) BargainModel() BargainModel { return blockWithDefaults(s.Models.Bargain) }

// CampaignModel is models.campaign with the format's defaults filled in
// (the coefficients that map mechanisms onto campaigns); the campaign
// model's own coefficients left absent take campaign.DefaultParams, which
// the engine applies.
func (s *Scenario) CampaignModel() CampaignModel { return blockWithDefaults(s.Models.Campaign) }

// blockWithDefaults is a copy of an optional block (zero if absent) with
// the format's defaults filled in.
func blockWithDefaults[T any](p *T) T { return Defaulted(p) }

// InterventionRules are the rules of models.deterrence.intervention, in the
// order of their rule_weight_* coefficients.
var InterventionRules = []string{"pooled", "force_weighted", "by_means"}

// RuleWeights returns the normalised weights of InterventionRules: all on
// the scenario's rule if it sets intervention, else the rule_weight_*
// coefficients (nominal values). Weights that sum to zero fall back to
// pooled.
func (dm DeterrenceModel) RuleWeights() []float64 {
	w := make([]float64, len(InterventionRules))
	if dm.Intervention != "" {
		w[slices.Index(InterventionRules, dm.Intervention)] = 1
		return w
	}
	w[0], w[1], w[2] = dm.RuleWeightPooled.Nominal(), dm.RuleWeightForce.Nominal(), dm.RuleWeightByMeans.Nominal()
	sum := w[0] + w[1] + w[2]
	if !(sum > 0) {
		return []float64{1, 0, 0}
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

// Rule is the intervention rule of a nominal run: the scenario's, or the
// one of largest weight (the first on a tie).
func (dm DeterrenceModel) Rule() string {
	w := dm.RuleWeights()
	best := 0
	for i := range w {
		if w[i] > w[best] {
			best = i
		}
	}
	return InterventionRules[best]
}
