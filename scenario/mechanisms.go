package scenario

import (
	"fmt"
	"reflect"
)

// Mechanisms are the building blocks of a guarantee package: every mechanism
// discussed in the 2025 talks on Ukraine (RUSI 2025, "Guaranteeing
// Insecurity"; The Conversation 2025). A nil field is absent from the package.
type Mechanisms struct {
	CollectiveDefence     *CollectiveDefence     `yaml:"collective_defence" doc:"Article 5-type pledge of collective defence (NATO membership is this with nato_membership: true)."`
	ConsultationPledge    *ConsultationPledge    `yaml:"consultation_pledge" doc:"'Article 5-lite': a promise to consult, or to act collectively, without obligation."`
	Assurances            *Assurances            `yaml:"assurances" doc:"Security assurances of the Budapest Memorandum (1994) type."`
	AttackerGuarantor     *AttackerGuarantor     `yaml:"attacker_guarantor" doc:"The attacker among the guarantors, as in the Istanbul draft (2022)."`
	Observers             *Observers             `yaml:"observers" doc:"International monitors of the cease-fire (Minsk accords 2014-15 type)."`
	DeterrentForce        *DeterrentForce        `yaml:"deterrent_force" doc:"Foreign deterrent or reassurance force stationed in the defender's territory."`
	CapacityBuilding      *CapacityBuilding      `yaml:"capacity_building" doc:"Training and equipment mission (e.g. INTERFLEX moved into the country)."`
	AirPolicing           *AirPolicing           `yaml:"air_policing" doc:"Guarantor aircraft policing the defender's airspace."`
	AirSupport            *AirSupport            `yaml:"air_support" doc:"Guarantor air power committed to support the defender if attacked."`
	Maritime              *Maritime              `yaml:"maritime" doc:"Naval presence and mine clearance."`
	IntelligenceLogistics *IntelligenceLogistics `yaml:"intelligence_logistics" doc:"Intelligence sharing and logistics support."`
	ArmsPurchases         *ArmsPurchases         `yaml:"arms_purchases" doc:"Money for weapons for the defender ('steel porcupine', deterrence by denial)."`
	FrozenAssets          *FrozenAssets          `yaml:"frozen_assets" doc:"The attacker's frozen sovereign assets used as a funding source."`
	SanctionsSnapback     *SanctionsSnapback     `yaml:"sanctions_snapback" doc:"Sanctions re-imposed or tightened if the attacker resumes the war."`
	EnergyCutoff          *EnergyCutoff          `yaml:"energy_cutoff" doc:"End of purchases of the attacker's energy."`
	DeepStrikes           *DeepStrikes           `yaml:"deep_strikes" doc:"Long-range strikes on the attacker's military-industrial complex."`
	Regeneration          *Regeneration          `yaml:"regeneration" doc:"Rebuilding the defender's own armed forces."`
	DefendedLine          *DefendedLine          `yaml:"defended_line" doc:"The geographic line or area the guarantee covers, stated clearly."`
}

// MechanismInfo describes one mechanism for listings and reports.
type MechanismInfo struct {
	Key string // YAML key, e.g. "deterrent_force"
	Doc string
}

// MechanismList returns every mechanism in declaration order.
func MechanismList() []MechanismInfo {
	t := reflect.TypeFor[Mechanisms]()
	out := make([]MechanismInfo, t.NumField())
	for i := range out {
		f := t.Field(i)
		out[i] = MechanismInfo{Key: yamlKey(f), Doc: f.Tag.Get("doc")}
	}
	return out
}

// Present returns the keys of the mechanisms in m.
func (m *Mechanisms) Present() []string {
	v := reflect.ValueOf(m).Elem()
	var out []string
	for i := range v.NumField() {
		if !v.Field(i).IsNil() {
			out = append(out, yamlKey(v.Type().Field(i)))
		}
	}
	return out
}

// Remove deletes the mechanism with the given key from m.
func (m *Mechanisms) Remove(key string) error {
	v := reflect.ValueOf(m).Elem()
	for i := range v.NumField() {
		if yamlKey(v.Type().Field(i)) == key {
			v.Field(i).SetZero()
			return nil
		}
	}
	return fmt.Errorf("scenario: unknown mechanism %q", key)
}

// CopyFrom sets the mechanism with the given key to other's (shared, not
// deep-copied: callers that change it must copy it first).
func (m *Mechanisms) CopyFrom(other *Mechanisms, key string) error {
	v, o := reflect.ValueOf(m).Elem(), reflect.ValueOf(other).Elem()
	for i := range v.NumField() {
		if yamlKey(v.Type().Field(i)) == key {
			v.Field(i).Set(o.Field(i))
			return nil
		}
	}
	return fmt.Errorf("scenario: unknown mechanism %q", key)
}

// ParseInto parses text (the YAML block of one mechanism) strictly, with
// references checked against s, and sets that mechanism of m.
func (m *Mechanisms) ParseInto(s *Scenario, key, text string) error {
	v := reflect.ValueOf(m).Elem()
	for i := range v.NumField() {
		if yamlKey(v.Type().Field(i)) == key {
			ptr := reflect.New(v.Type().Field(i).Type.Elem())
			if err := ParseFragment(s, key, []byte(text), ptr.Interface()); err != nil {
				return err
			}
			v.Field(i).Set(ptr)
			return nil
		}
	}
	return fmt.Errorf("scenario: unknown mechanism %q", key)
}

// Has reports whether the mechanism with the given key is present.
func (m *Mechanisms) Has(key string) bool {
	v := reflect.ValueOf(m).Elem()
	for i := range v.NumField() {
		if yamlKey(v.Type().Field(i)) == key {
			return !v.Field(i).IsNil()
		}
	}
	panic("scenario: unknown mechanism " + key)
}

// CollectiveDefence is an Article 5-type pledge. NATO's Article 5 itself only
// obliges "such action as it deems necessary" (North Atlantic Treaty 1949).
type CollectiveDefence struct {
	Guarantors     []string `yaml:"guarantors" v:"req,minlen=1,ref=actor" doc:"Who pledges."`
	Obligation     string   `yaml:"obligation" v:"req,enum=automatic|as_deemed_necessary" doc:"automatic: armed assistance is owed; as_deemed_necessary: Art. 5 wording, each decides what to do."`
	Binding        string   `yaml:"binding" v:"req,enum=treaty|political" doc:"Ratified treaty, or political declaration."`
	NATOMembership bool     `yaml:"nato_membership" doc:"The pledge is NATO membership itself."`
	Prov           `yaml:",inline"`
}

// ConsultationPledge is a promise to consult ("Article 5-lite").
type ConsultationPledge struct {
	Guarantors []string `yaml:"guarantors" v:"req,minlen=1,ref=actor"`
	WithinDays Value    `yaml:"within_days" v:"min=0" unit:"days" doc:"Consultations begin within this many days of an attack."`
	Binding    string   `yaml:"binding" v:"enum=treaty|political"`
	Prov       `yaml:",inline"`
}

// Assurances are promises to respect the defender's territorial integrity,
// with no obligation to act (Budapest Memorandum 1994).
type Assurances struct {
	Guarantors []string `yaml:"guarantors" v:"req,minlen=1,ref=actor"`
	Binding    string   `yaml:"binding" v:"enum=treaty|political"`
	Prov       `yaml:",inline"`
}

// AttackerGuarantor places the attacker among the guarantors (Istanbul 2022).
type AttackerGuarantor struct {
	Veto bool `yaml:"veto" doc:"Guarantor action needs the consent of all guarantors, so the attacker can block it: every guarantor is then excused the cost of breaking its promise (audience and reputation), which deters no more than no promise at all. Without a veto the mechanism counts for the stated red lines only."`
	Prov `yaml:",inline"`
}

// Observers monitor the cease-fire (OSCE Special Monitoring Mission 2014-22).
type Observers struct {
	Contributors []string `yaml:"contributors" v:"ref=actor"`
	Count        Value    `yaml:"count" v:"req,min=0" unit:"people" doc:"Monitors deployed."`
	Mandate      string   `yaml:"mandate" v:"enum=monitor|verify|interpose" doc:"monitor: report; verify: with access rights; interpose: stand between the forces."`
	Coverage     Value    `yaml:"coverage" v:"min=0,max=1" unit:"fraction" doc:"Share of the line of contact actually observed."`
	Prov         `yaml:",inline"`
}

// Contingent is one nation's part of a multinational force.
type Contingent struct {
	Actor   string `yaml:"actor" v:"req,ref=actor"`
	Troops  Value  `yaml:"troops" v:"req,min=0" unit:"people"`
	Type    string `yaml:"type" v:"enum=infantry|mechanised|armoured|airborne|artillery|air_defence|aviation|drone|naval|territorial|special"`
	Quality Value  `yaml:"quality" v:"gt=0,max=10,def=1" unit:"ratio"`
	Sector  string `yaml:"sector" v:"ref=sector" doc:"Sector where this contingent stands, if not the force's."`
	Prov    `yaml:",inline"`
}

// DeterrentForce is a foreign force in the defender's territory: a tripwire,
// a reassurance force in the rear, or a force able to fight.
type DeterrentForce struct {
	Contingents      []Contingent `yaml:"contingents" v:"req,minlen=1" doc:"Troops by nation (the nationality mix)."`
	Posture          string       `yaml:"posture" v:"req,enum=tripwire|reassurance|defence" doc:"tripwire: small, exposed, engaged if attacked; reassurance: in the rear, not on the line; defence: deployed to hold ground."`
	Sector           string       `yaml:"sector" v:"ref=sector" doc:"Sector where it stands (empty: in the rear, away from the line)."`
	DistanceToLineKm Value        `yaml:"distance_to_line_km" v:"min=0" unit:"km" doc:"How far behind the line of contact it is based."`
	Engagement       string       `yaml:"engagement" v:"enum=self_defence|defend_line|defend_territory" doc:"Rules of engagement if attacked: self_defence (the default) fights when the attack reaches it (its distance to the line); defend_line and defend_territory fight as soon as the attack crosses the line in its sector, whatever its government decides. A reassurance force, or one without a sector, stands away from the attack and fights only if its government intervenes."`
	ArrivalDay       Value        `yaml:"arrival_day" v:"min=0,def=0" unit:"days" doc:"Days after the cease-fire until deployed."`
	Prov             `yaml:",inline"`
}

// CapacityBuilding trains and equips the defender.
type CapacityBuilding struct {
	Contributors    []string `yaml:"contributors" v:"ref=actor"`
	Trainers        Value    `yaml:"trainers" v:"min=0" unit:"people" doc:"Foreign trainers."`
	InCountry       bool     `yaml:"in_country" doc:"Trainers work inside the defender's territory."`
	TraineesPerYear Value    `yaml:"trainees_per_year" v:"min=0" unit:"people/year"`
	QualityGain     Value    `yaml:"quality_gain" v:"min=0,max=2" unit:"fraction" doc:"Relative gain in combat effectiveness of trained troops."`
	Prov            `yaml:",inline"`
}

// AirPolicing patrols the defender's airspace.
type AirPolicing struct {
	Guarantors     []string `yaml:"guarantors" v:"req,minlen=1,ref=actor"`
	Aircraft       Value    `yaml:"aircraft" v:"req,min=0" unit:"aircraft"`
	SortiesPerDay  Value    `yaml:"sorties_per_day" v:"min=0" unit:"sorties/day"`
	Coverage       string   `yaml:"coverage" v:"enum=west|cities|whole_country" doc:"Area policed: the share of the shield it gives is models.campaign.policing_coverage_west or _cities, or all of it for whole_country (the default)."`
	EngageAircraft bool     `yaml:"engage_aircraft" doc:"Will engage manned aircraft, not only drones and missiles. Without it the policing aircraft shield the rear from drones and missiles but are no force the attacker must fight: they count toward neither the guarantors' forces nor the cost of fighting them."`
	Prov           `yaml:",inline"`
}

// AirSupport commits air power to the defender's battle if attacked.
type AirSupport struct {
	Guarantors    []string `yaml:"guarantors" v:"req,minlen=1,ref=actor"`
	Aircraft      Value    `yaml:"aircraft" v:"req,min=0" unit:"aircraft"`
	SortiesPerDay Value    `yaml:"sorties_per_day" v:"min=0" unit:"sorties/day"`
	ResponseDays  Value    `yaml:"response_days" v:"min=0,def=0" unit:"days" doc:"Days from attack to first sorties."`
	Prov          `yaml:",inline"`
}

// Maritime is naval presence, escort and mine clearance.
type Maritime struct {
	Contributors  []string `yaml:"contributors" v:"ref=actor"`
	Ships         Value    `yaml:"ships" v:"min=0" unit:"ships"`
	MineClearance bool     `yaml:"mine_clearance"`
	Area          string   `yaml:"area" doc:"Sea area, in words."`
	Prov          `yaml:",inline"`
}

// IntelligenceLogistics is intelligence sharing and logistics support.
type IntelligenceLogistics struct {
	Guarantors   []string `yaml:"guarantors" v:"req,minlen=1,ref=actor"`
	Intelligence Value    `yaml:"intelligence" v:"min=0,max=1" unit:"level" doc:"0 none, 1 full real-time targeting intelligence."`
	Logistics    Value    `yaml:"logistics" v:"min=0,max=1" unit:"level" doc:"0 none, 1 full logistic support."`
	Prov         `yaml:",inline"`
}

// ArmsPurchases buys weapons for the defender ("steel porcupine").
type ArmsPurchases struct {
	Funders      []string   `yaml:"funders" v:"ref=actor" doc:"Who pays."`
	Supplier     string     `yaml:"supplier" v:"ref=actor" doc:"Who sells (e.g. the United States)."`
	Total        Value      `yaml:"total_usd_bn" v:"req,min=0" unit:"USD bn" doc:"Money committed."`
	DeliveryRate Value      `yaml:"delivery_usd_bn_per_year" v:"req,gt=0" unit:"USD bn/year" doc:"Value of equipment industry can deliver per year."`
	StartDay     Value      `yaml:"start_day" v:"min=0,def=0" unit:"days" doc:"Days after the cease-fire when deliveries start."`
	Items        []ArmsItem `yaml:"items" doc:"What the money buys, with each item's production limit; the rest of the money buys equipment limited only by the delivery rate."`
	Prov         `yaml:",inline"`
}

// ArmsItem is one kind of equipment bought, with its price and the most
// industry can deliver in a year.
type ArmsItem struct {
	Name       string `yaml:"name" v:"req"`
	Share      Value  `yaml:"share" v:"req,min=0,max=1" unit:"fraction" doc:"Share of each year's spending meant for this item."`
	UnitCost   Value  `yaml:"unit_cost_usd_m" v:"req,gt=0" unit:"USD million" doc:"Price of one unit."`
	MaxPerYear Value  `yaml:"max_per_year" v:"req,min=0" unit:"units/year" doc:"Most units industry can deliver to this buyer in a year."`
	Prov       `yaml:",inline"`
}

// FrozenAssets uses the attacker's immobilised assets as a funding source.
type FrozenAssets struct {
	Holders        []string `yaml:"holders" v:"ref=actor"`
	Amount         Value    `yaml:"amount_usd_bn" v:"req,min=0" unit:"USD bn"`
	ShareAvailable Value    `yaml:"share_available" v:"min=0,max=1,def=1" unit:"fraction" doc:"Share that can actually be spent."`
	Prov           `yaml:",inline"`
}

// SanctionsSnapback re-imposes sanctions on renewed attack.
type SanctionsSnapback struct {
	Imposers     []string `yaml:"imposers" v:"req,minlen=1,ref=actor"`
	Automatic    bool     `yaml:"automatic" doc:"Triggered without a new decision."`
	AttackerCost Value    `yaml:"attacker_gdp_cost_pct" v:"min=0,max=100" unit:"% of GDP/year" doc:"Output the attacker loses per year under the sanctions."`
	ImposerCost  Value    `yaml:"imposer_cost_usd_bn_per_year" v:"min=0" unit:"USD bn/year"`
	Prov         `yaml:",inline"`
}

// EnergyCutoff ends purchases of the attacker's energy.
type EnergyCutoff struct {
	Importers       []string `yaml:"importers" v:"req,minlen=1,ref=actor"`
	Volume          Value    `yaml:"volume_usd_bn_per_year" v:"req,min=0" unit:"USD bn/year" doc:"Attacker revenue from these purchases."`
	Diversification Value    `yaml:"diversification_cost_usd_bn" v:"min=0" unit:"USD bn" doc:"Investment the importers need to replace it."`
	CompleteByDay   Value    `yaml:"complete_by_day" v:"min=0,def=0" unit:"days"`
	Prov            `yaml:",inline"`
}

// DeepStrikes hits the attacker's military-industrial complex.
type DeepStrikes struct {
	Providers           []string `yaml:"providers" v:"ref=actor" doc:"Who supplies the long-range weapons."`
	MissilesPerMonth    Value    `yaml:"missiles_per_month" v:"min=0" unit:"missiles/month"`
	ProductionReduction Value    `yaml:"production_reduction" v:"min=0,max=1" unit:"fraction" doc:"Share of the attacker's arms output destroyed."`
	Prov                `yaml:",inline"`
}

// Regeneration rebuilds the defender's own forces.
type Regeneration struct {
	TroopsPerMonth Value `yaml:"troops_per_month" v:"min=0" unit:"people/month" doc:"Net recruits added."`
	Equipment      Value `yaml:"equipment_usd_bn_per_year" v:"min=0" unit:"USD bn/year"`
	QualityGain    Value `yaml:"quality_gain" v:"min=0,max=2" unit:"fraction"`
	Prov           `yaml:",inline"`
}

// DefendedLine states the area the guarantee covers.
type DefendedLine struct {
	Sectors     []string `yaml:"sectors" v:"ref=sector" doc:"Sectors covered (empty: the whole line of contact)."`
	Description string   `yaml:"description"`
	Clarity     Value    `yaml:"clarity" v:"req,min=0,max=1" unit:"level" doc:"How clearly the line is drawn and communicated: 0 vague, 1 demarcated and public. Against a limited grab, a guarantor escapes models.deterrence.line_ambiguity_discount × (1 − clarity) of its broken promise's cost (a package without a defended line: clarity 0)."`
	Prov        `yaml:",inline"`
}
