package scenario

// This file declares the scenario format. The struct tags are the single
// source of truth for loading, validation and the JSON Schema:
//
//	yaml:"name"   the key in the file
//	v:"..."       rules, comma-separated:
//	                req          the field must be given
//	                min=x max=x  inclusive bounds (numbers; for distributions, their support)
//	                gt=x  lt=x   exclusive bounds
//	                def=x        default for an absent number (marked Default)
//	                enum=a|b|c   allowed strings
//	                id=kind      this string is an identifier of that kind, unique in the file
//	                ref=kind     this string (or each string of a list) names an identifier of that kind
//	                minlen=n     a list must hold at least n items
//	                date         a string in YYYY-MM-DD form
//	unit:"..."    the unit of a number, shown in docs and the schema
//	doc:"..."     a description, shown in docs and the schema
//
// Units throughout: people for troops, US dollars (billions, "usd_bn") for
// money, days for time, km and km2 for distance and area.

// FormatVersion is the only value `deter:` may take in this release.
const FormatVersion = 1

// Prov is provenance, shared by values inside the object that carries it.
type Prov struct {
	Source string `yaml:"source" doc:"Where the figures of this object come from: a reference id from 'references', the word 'assumption', or a free-text citation. Inherited by every number inside that has no source of its own."`
	Note   string `yaml:"note" doc:"Free-text remark."`
}

// Scenario is one conflict and the guarantee packages to compare in it.
type Scenario struct {
	Deter        int           `yaml:"deter" v:"req,min=1,max=1" doc:"Format version; must be 1."`
	Name         string        `yaml:"name" v:"req" doc:"Title of the scenario."`
	Description  string        `yaml:"description" doc:"What the scenario represents."`
	AsOf         string        `yaml:"as_of" v:"date" doc:"Date the scenario describes (YYYY-MM-DD)."`
	Settings     Settings      `yaml:"settings" doc:"Run settings."`
	References   []Reference   `yaml:"references" doc:"Bibliography; values cite entries by id."`
	Actors       []Actor       `yaml:"actors" v:"req,minlen=2" doc:"Attacker, defender, guarantors and coalitions."`
	Theatre      Theatre       `yaml:"theatre" v:"req" doc:"The front: sectors, objectives, line of contact."`
	Packages     []Package     `yaml:"packages" v:"req,minlen=1" doc:"Candidate guarantee packages to compare."`
	Models       Models        `yaml:"models" doc:"Model coefficients for this scenario (calibration); absent ones take the documented defaults."`
	Design       *Design       `yaml:"design" doc:"The package design space that 'deter optimise' searches."`
	Correlations []Correlation `yaml:"correlations" doc:"Rank correlations between uncertain values (named with id: inside the value)."`
	Outcomes     []Outcome     `yaml:"outcomes" doc:"For a historical case: what happened under a package (whether the attacker attacked within a window); 'deter backtest' scores the deterrence model against it."`
	Prov         `yaml:",inline"`

	// File is the path the scenario was loaded from ("" if built in code).
	File string `yaml:"-"`
}

// Outcome is what happened in a historical case under one of its packages:
// whether the attacker attacked the protected party within the window
// after the scenario's date. It is a fact with a source, scored by 'deter
// backtest'.
type Outcome struct {
	Package string `yaml:"package" v:"req,ref=package" doc:"The package that was in force."`
	Result  string `yaml:"result" v:"req,enum=attacked|not_attacked" doc:"attacked: the attacker attacked the protected party (a military offensive on its territory) within the window; not_attacked: it did not."`
	Window  Value  `yaml:"window_years" v:"req,gt=0,max=50" unit:"years" doc:"Years after the scenario's date that the outcome covers (for 'attacked', the time to the attack, rounded up to whole years; for 'not_attacked', how long the package held, or the years until it changed)."`
	Date    string `yaml:"date" v:"date" doc:"When the attack came (attacked) or the end of the window (not_attacked), YYYY-MM-DD."`
	Prov    `yaml:",inline"`
}

// Attacked reports whether the outcome is an attack.
func (o *Outcome) Attacked() bool { return o.Result == "attacked" }

// Settings control runs; they are not facts about the world and need no source.
type Settings struct {
	HorizonDays int    `yaml:"horizon_days" v:"min=1,max=7300,def=365" unit:"days" doc:"Length of simulated campaigns."`
	Seed        uint64 `yaml:"seed" doc:"Seed of the random streams (Monte Carlo draws)."`
	Draws       int    `yaml:"draws" v:"min=1,max=10000000,def=1000" doc:"Monte Carlo draws per package."`
	AttackDay   int    `yaml:"attack_day" v:"min=0,max=36500" unit:"days" doc:"Days after the cease-fire (or the scenario date) when the attack comes; package elements with later arrival days arrive during the campaign."`
}

// Reference is one bibliography entry.
type Reference struct {
	ID       string `yaml:"id" v:"req,id=reference" doc:"Short key cited by 'source:' fields."`
	Citation string `yaml:"citation" v:"req" doc:"Full citation: author, year, title, publisher."`
	URL      string `yaml:"url" doc:"Where to read it."`
}

// Actor is a state or alliance with a stake in the conflict.
type Actor struct {
	ID              string           `yaml:"id" v:"req,id=actor" doc:"Identifier used by references elsewhere."`
	Name            string           `yaml:"name" v:"req"`
	Role            string           `yaml:"role" v:"req,enum=attacker|defender|guarantor|coalition" doc:"attacker and defender: exactly one each; guarantor: a state that may contribute; coalition: a grouping of guarantors listed in members."`
	Members         []string         `yaml:"members" v:"ref=actor" doc:"For a coalition: its member actors (guarantors)."`
	NATO            bool             `yaml:"nato_member" doc:"Member of NATO (matters to red lines about NATO troops)."`
	Nuclear         bool             `yaml:"nuclear" doc:"Possesses nuclear weapons."`
	Budget          *Budget          `yaml:"budget" doc:"Money the actor has."`
	RedLines        []RedLine        `yaml:"red_lines" doc:"Stated positions the actor says it will not accept."`
	Forces          []Unit           `yaml:"forces" doc:"Military units."`
	Recruitment     Value            `yaml:"recruitment_per_month" v:"min=0" unit:"people/month" doc:"Net new troops the actor sends to the theatre each month during a campaign."`
	RecruitQuality  Value            `yaml:"recruit_quality" v:"gt=0,max=10,def=0.7" unit:"ratio" doc:"Combat effectiveness of recruits relative to the reference unit."`
	Claim           Value            `yaml:"claim_km2" v:"min=0" unit:"km2" doc:"For the attacker: the area of the defender's territory it claims (stated territorial aims) and does not hold at the scenario's date. Ground beyond it is worth models.deterrence.value_beyond_claim_share of a claimed km2 to it (Huth 1996; Senese and Vasquez 2008: territorial claims, more than power, lead to war). Absent: every km2 counts in full."`
	Stakes          Value            `yaml:"stakes_usd_bn" unit:"USD bn" doc:"For a guarantor: what the defender's survival is worth to it (deterrence model)."`
	TrackRecord     Value            `yaml:"track_record" v:"min=0,max=1,def=0.5" unit:"level" doc:"For a guarantor: how it has honoured past commitments (0 never, 0.5 neutral, 1 always)."`
	ForceGeneration *ForceGeneration `yaml:"force_generation" doc:"What the actor can send abroad (guarantors): deployable pool, rotation, cost, other commitments."`
	DependsOn       string           `yaml:"depends_on" v:"ref=actor" doc:"For a guarantor: the actor whose enablers (intelligence, suppression of air defences, tankers, air defence) its forces need to fight; they count as committed only when that actor gives air support in the package (RUSI 2025: a European force 'would require US support')."`
	Dependence      Value            `yaml:"dependence" v:"min=0,max=1,def=0" unit:"fraction" doc:"With depends_on: the share of this guarantor's combat power, and of its forces' weight in a war with the guarantor states, that is lost without those enablers."`
	Prov            `yaml:",inline"`
}

// Budget is an actor's money.
type Budget struct {
	GDP           Value `yaml:"gdp_usd_bn" v:"min=0" unit:"USD bn/year" doc:"Gross domestic product."`
	SanctionsCost Value `yaml:"sanctions_cost_gdp_pct" v:"min=0,max=100" unit:"% of GDP/year" doc:"For the attacker: what the sanctions in force at the cease-fire cost its output each year. A settlement's sanctions_relief is worth that share of it to the attacker, and an attack forfeits it (re-imposed with the chance of a snap-back)."`
	Defence       Value `yaml:"defence_usd_bn_per_year" v:"min=0" unit:"USD bn/year" doc:"Defence spending."`
	AidCapacity   Value `yaml:"aid_usd_bn_per_year" v:"min=0" unit:"USD bn/year" doc:"Money the actor can give the defender each year."`
	Prov          `yaml:",inline"`
}

// RedLine is a stated position: a package that crosses it is unacceptable to
// the actor (hard) or costly to its acceptance (soft, with a severity).
type RedLine struct {
	ID          string   `yaml:"id" v:"req,id=redline"`
	Text        string   `yaml:"text" v:"req" doc:"The position as stated."`
	Mechanisms  []string `yaml:"mechanisms" v:"enum=MECHANISMS" doc:"Package mechanisms that cross the line when present."`
	Contributor string   `yaml:"contributors" v:"enum=any|nato|non_nato" doc:"The line is crossed only if a listed mechanism is provided by such actors (default any)."`
	Providers   []string `yaml:"providers" v:"ref=actor" doc:"The line is crossed only if one of these actors provides a listed mechanism."`
	MaxCeded    Value    `yaml:"max_territory_ceded_km2" v:"min=0" unit:"km2" doc:"Crossed if the settlement cedes more than this."`
	MinCeded    Value    `yaml:"min_territory_ceded_km2" v:"min=0" unit:"km2" doc:"Crossed if the settlement cedes less than this."`
	MaxTroopCap Value    `yaml:"max_defender_troop_cap" v:"min=0" unit:"people" doc:"Crossed if the settlement caps the defender's forces above this (or not at all)."`
	Hard        bool     `yaml:"hard" doc:"Non-negotiable: crossing it means rejection."`
	Severity    Value    `yaml:"severity" v:"min=0,max=1,def=1" doc:"For a soft line, the share of the actor's stake lost when crossed."`
	Prov        `yaml:",inline"`
}

// Unit is a military formation.
type Unit struct {
	ID         string `yaml:"id" v:"req,id=unit"`
	Name       string `yaml:"name"`
	Type       string `yaml:"type" v:"req,enum=infantry|mechanised|armoured|airborne|artillery|air_defence|aviation|drone|naval|territorial|special" doc:"Kind of formation."`
	Strength   Value  `yaml:"strength" v:"req,min=0" unit:"people" doc:"Personnel."`
	Quality    Value  `yaml:"quality" v:"gt=0,max=10,def=1" unit:"ratio" doc:"Combat effectiveness per soldier relative to the scenario's reference unit (1)."`
	Sector     string `yaml:"sector" v:"ref=sector" doc:"Front sector the unit holds or attacks; empty for theatre reserve."`
	Location   string `yaml:"location" doc:"Where the unit is based, in words."`
	Readiness  Value  `yaml:"readiness" v:"min=0,max=1,def=1" unit:"fraction" doc:"Share of the unit ready to fight when it arrives."`
	ArrivalDay Value  `yaml:"arrival_day" v:"min=0,def=0" unit:"days" doc:"Day the unit reaches its sector after hostilities start."`
	Prov       `yaml:",inline"`
}

// Theatre is where the war would be fought.
type Theatre struct {
	Name          string        `yaml:"name"`
	LineOfContact LineOfContact `yaml:"line_of_contact" doc:"The line of contact at the scenario date."`
	Sectors       []Sector      `yaml:"sectors" v:"req,minlen=1" doc:"Front sectors."`
	Objectives    []Objective   `yaml:"objectives" doc:"Cities, borders and lines the attacker may seek."`
	Prov          `yaml:",inline"`
}

// LineOfContact describes the front as it stands.
type LineOfContact struct {
	AsOf         string `yaml:"as_of" v:"date"`
	Description  string `yaml:"description"`
	LengthKm     Value  `yaml:"length_km" v:"min=0" unit:"km" doc:"Length of the active front."`
	OccupiedArea Value  `yaml:"occupied_area_km2" v:"min=0" unit:"km2" doc:"Area held by the attacker behind the line."`
	Prov         `yaml:",inline"`
}

// Sector is a stretch of front.
type Sector struct {
	ID            string `yaml:"id" v:"req,id=sector"`
	Name          string `yaml:"name"`
	FrontageKm    Value  `yaml:"frontage_km" v:"req,gt=0" unit:"km" doc:"Width of the sector along the front."`
	DepthKm       Value  `yaml:"depth_km" v:"req,gt=0" unit:"km" doc:"Distance from the line to the sector's objectives."`
	Terrain       string `yaml:"terrain" v:"enum=open|mixed|forest|urban|marsh|mountain" doc:"Dominant terrain (default mixed)."`
	Fortification Value  `yaml:"fortification" v:"min=0,max=3,def=0" unit:"level" doc:"0 none, 1 hasty field works, 2 prepared positions, 3 deliberate fortified belt."`
	DroneDensity  Value  `yaml:"drone_density" v:"min=0,def=0" unit:"drones/km/day" doc:"Strike and reconnaissance drones employed per km of frontage per day."`
	Prov          `yaml:",inline"`
}

// Objective is a place the attacker may want.
type Objective struct {
	ID         string `yaml:"id" v:"req,id=objective"`
	Name       string `yaml:"name"`
	Kind       string `yaml:"kind" v:"req,enum=city|oblast_border|capital|port|line|region"`
	Sector     string `yaml:"sector" v:"req,ref=sector" doc:"Sector through which it is reached."`
	DepthKm    Value  `yaml:"depth_km" v:"req,min=0" unit:"km" doc:"Distance behind the line of contact."`
	AreaKm2    Value  `yaml:"area_km2" v:"min=0" unit:"km2" doc:"Area the attacker would hold on reaching it (for regions and oblast borders)."`
	Population Value  `yaml:"population" v:"min=0" unit:"people" doc:"Civilians living there (displacement if lost)."`
	Prov       `yaml:",inline"`
}

// Package is one candidate guarantee package.
type Package struct {
	ID          string      `yaml:"id" v:"req,id=package"`
	Name        string      `yaml:"name" v:"req"`
	Description string      `yaml:"description"`
	Extends     string      `yaml:"extends" v:"ref=package" doc:"Start from another package's mechanisms and settlement; mechanisms given here replace the parent's whole."`
	Settlement  *Settlement `yaml:"settlement" doc:"Terms of the cease-fire that come with the package."`
	Mechanisms  Mechanisms  `yaml:"mechanisms" doc:"The building blocks; absent means not part of the package."`
	Prov        `yaml:",inline"`
}

// Settlement holds the terms agreed with the cease-fire.
type Settlement struct {
	TerritoryCeded    Value  `yaml:"territory_ceded_km2" v:"min=0" unit:"km2" doc:"Area the defender hands over beyond the line of contact."`
	CededSector       string `yaml:"ceded_sector" v:"ref=sector" doc:"The sector the ceded area lies in: the next war's line there moves forward by territory_ceded_km2 / the sector's frontage, objectives within that depth are gone and the nearer ones closer. Absent: the cession enters acceptability only, the line does not move."`
	FortificationLeft Value  `yaml:"fortification_left" v:"min=0,max=3" unit:"level" doc:"Fortification of the positions the defender holds behind the ceded area (ceding a fortified belt leaves the next line weaker); absent: the sector keeps its level."`
	DefenderTroopCap  Value  `yaml:"defender_troop_cap" v:"min=0" unit:"people" doc:"Cap on the defender's armed forces; absent means none. The next war's defender fields at most this many (its listed forces scaled down), besides acceptability."`
	SanctionsRelief   Value  `yaml:"sanctions_relief" v:"min=0,max=1" unit:"fraction" doc:"Share of existing sanctions on the attacker lifted."`
	Neutrality        bool   `yaml:"neutrality" doc:"The defender renounces alliance membership."`
	DMZWidth          Value  `yaml:"demilitarised_zone_km" v:"min=0,max=500" unit:"km" doc:"Width of a demilitarised zone or buffer along the line of contact; absent or 0 means none. The empirical cease-fire model reads it (Fortna 2003), and the next war's attacker must cross it: every objective is that much further."`
	JointCommission   bool   `yaml:"joint_commission" doc:"A joint military commission of the parties to settle incidents (Fortna 2003's 'joint commission')."`
	DecisiveVictory   bool   `yaml:"decisive_victory" doc:"The war ended in a decisive military victory for one side (a control of the empirical cease-fire model)."`
	Prov              `yaml:",inline"`
}

// Models holds per-scenario model coefficients.
type Models struct {
	Campaign   *CampaignModel   `yaml:"campaign" doc:"Coefficients of the campaign (defence) model; see the campaign package documentation for their meaning and defaults."`
	Cost       *CostModel       `yaml:"cost" doc:"Unit costs for the cost model (prices with their year)."`
	Deterrence *DeterrenceModel `yaml:"deterrence" doc:"Coefficients of the deterrence game; see the deterrence package documentation."`
	Bargain    *BargainModel    `yaml:"bargain" doc:"Coefficients of the acceptability model (Fearon's bargaining range over the disputed territory)."`
	Timeline   *TimelineModel   `yaml:"timeline" doc:"The cease-fire month by month: the attacker rebuilding, promises ageing, scheduled events, and the attacker choosing when to attack; see the timeline package documentation."`
}

// TimelineModel sets the cease-fire-over-time model's coefficients and the
// scenario's scheduled events. Its judgement coefficients default to the
// shared set (coefficients.yaml).
type TimelineModel struct {
	HorizonYears      Value           `yaml:"horizon_years" v:"min=1,max=50,def=10" unit:"years" doc:"How far ahead the timeline looks (P(attack by year 1..horizon))."`
	AttackerGrowth    Value           `yaml:"attacker_growth_per_year" v:"min=0,max=2" unit:"fraction/year" doc:"How fast the attacker rebuilds its forces during the cease-fire, as a share of their strength at the cease-fire gained per year at the start (recruitment and production net of demobilisation)."`
	AttackerGrowthCap Value           `yaml:"attacker_growth_cap" v:"min=0,max=5" unit:"fraction" doc:"The most the attacker's forces grow above their strength at the cease-fire: g(t) = cap·(1 − exp(−rate·t/cap))."`
	ResolveHalfLife   Value           `yaml:"resolve_half_life_years" v:"gt=0" unit:"years" doc:"Years after which a guarantor's cost of breaking its promise (audience and reputation) is half what it was when made: the promise ages."`
	LookaheadYears    Value           `yaml:"lookahead_years" v:"min=0,max=20" unit:"years" doc:"How far ahead the attacker compares attacking now with attacking later (0: the myopic attacker of the one-year game)."`
	Events            []TimelineEvent `yaml:"events" doc:"Scheduled changes to the guarantees (an election, a withdrawal), each from its year on, in every package where the actor takes part."`
	Prov              `yaml:",inline"`
}

// TimelineEvent is a scheduled change to a guarantor's part in the
// packages.
type TimelineEvent struct {
	Year  Value  `yaml:"year" v:"req,min=0,max=50" unit:"years" doc:"Years after the cease-fire when it happens."`
	Actor string `yaml:"actor" v:"req,ref=actor" doc:"The guarantor concerned."`
	Kind  string `yaml:"kind" v:"req,enum=withdraw|lapse" doc:"withdraw: its forces (deterrent force contingents, air support and air policing) leave, its promise stays; lapse: its forces leave and its promise lapses (it no longer pays for breaking it)."`
	Prov  `yaml:",inline"`
}

// DeterrenceModel sets the deterrence game's coefficients for a scenario.
type DeterrenceModel struct {
	AttackerDrive          Value  `yaml:"attacker_drive_usd_bn" unit:"USD bn/year" doc:"What renewed war is worth to the attacker beyond the ground it takes (its standing revisionist drive); negative for a status-quo power. Default attacker_drive_share times its yearly war cost; setting it overrides the shared coefficient: give a source for why this case differs."`
	AttackerDriveShare     Value  `yaml:"attacker_drive_share" v:"min=-1,max=2" unit:"fraction of the yearly war cost" doc:"The attacker's standing drive to revise the settlement (what renewed war is worth to it beyond the ground it takes), as a share of its yearly cost of waging the war (attacker_war_cost_usd_bn_per_year): a larger state's aims are worth more to it in money."`
	AttackerWarCost        Value  `yaml:"attacker_war_cost_usd_bn_per_year" v:"min=0" unit:"USD bn/year" doc:"Yearly cost of waging the war (default: the attacker's defence budget)."`
	FightGuarantors        Value  `yaml:"fight_guarantors_usd_bn" v:"min=0" unit:"USD bn" doc:"The attacker's cost of fighting the guarantors' own forces (a wider war, escalation); default fight_guarantors_defence_years times the yearly defence spending of the package's guarantors. Setting it overrides the shared coefficient: give a source for why this case differs."`
	AttackerEscalation     Value  `yaml:"attacker_escalation_gdp_share" v:"min=0" unit:"fraction of the attacker's GDP" doc:"The attacker's expected cost of escalation when it fights the forces of a nuclear-armed guarantor that has extended its deterrent by a collective-defence commitment (Art. 5-type or automatic), as a share of its yearly GDP (budget.gdp_usd_bn), scaled by the size of that guarantor's forces in the war; counted once however many nuclear guarantors there are (Schelling 1966: troops in the way make war a threat that leaves something to chance)."`
	FightGuarantorsYears   Value  `yaml:"fight_guarantors_defence_years" v:"min=0" unit:"years" doc:"The attacker's cost of fighting the guarantors' forces, in years of the combined yearly defence spending (budget.defence_usd_bn_per_year) of the guarantors named in the package (a war with stronger guarantors costs more; Schelling 1966: a tripwire deters by the war it starts)."`
	Escalation             Value  `yaml:"guarantor_escalation_usd_bn" v:"min=0" unit:"USD bn" doc:"A guarantor's expected cost of escalation when its forces fight a nuclear-armed attacker."`
	SoldierValue           Value  `yaml:"guarantor_cost_per_soldier_lost_usd_m" v:"min=0" unit:"USD million" doc:"A guarantor's cost of one of its soldiers lost; of the order of the value of a statistical life used by US agencies (US EPA, about USD 10 million in 2020 dollars)."`
	AircraftValue          Value  `yaml:"guarantor_cost_per_aircraft_lost_usd_m" v:"min=0" unit:"USD million" doc:"A guarantor's cost of one of its combat aircraft lost; the order of a modern fighter's price (assumption)."`
	SanctionsAutomatic     Value  `yaml:"p_sanctions_if_automatic" v:"min=0,max=1" unit:"probability" doc:"Chance snap-back sanctions are really imposed when automatic; an assumption (RUSI 2025: sanctions are more credible than a military threat but undermined by US statements)."`
	SanctionsDiscretionary Value  `yaml:"p_sanctions_if_discretionary" v:"min=0,max=1" unit:"probability" doc:"Chance they are imposed when they need a new decision; an assumption."`
	ValuePerKm2            Value  `yaml:"attacker_value_per_km2_usd_m" v:"min=0" unit:"USD million/km2" doc:"What the attacker is willing to pay for a km2 taken; revealed preference in 2025 (about USD 120 bn of war spending for about 4,800 km2, The Insider 2026-01-15)."`
	SigmaAttacker          Value  `yaml:"sigma_attacker_usd_bn" v:"gt=0" unit:"USD bn" doc:"Spread of the attacker's private resolve when its yearly war cost is unknown (zero); set in a scenario, it overrides sigma_attacker_share: give a source for why this case differs."`
	SigmaAttackerShare     Value  `yaml:"sigma_attacker_share" v:"gt=0" unit:"fraction of the yearly war cost" doc:"Spread of the attacker's private resolve as a share of its yearly cost of waging the war: what is uncertain about a state's resolve scales with what it spends, so a small state's incentives are not drowned in a large state's noise."`
	SigmaGuarantor         Value  `yaml:"sigma_guarantor_usd_bn" v:"gt=0" unit:"USD bn" doc:"Spread of each guarantor's private resolve; an assumption."`
	AttackerLossCost       Value  `yaml:"attacker_cost_per_soldier_lost_usd_k" v:"min=0" unit:"USD thousand" doc:"The attacker's cost of one of its soldiers lost; of the order of Russian payments to the families of the dead (5-12 million roubles, 2024-25 reports), an assumption."`
	AudienceAssurances     Value  `yaml:"audience_cost_assurances_usd_bn" v:"min=0" unit:"USD bn" doc:"A guarantor's cost of breaking assurances (Fearon 1997: the cost of backing down grows with how publicly and firmly one committed); an assumption: the 2014 annexation of Crimea cost the Budapest signatories little beyond sanctions."`
	AudienceConsultation   Value  `yaml:"audience_cost_consultation_usd_bn" v:"min=0" unit:"USD bn" doc:"A guarantor's cost of breaking a pledge to consult; an assumption ordered by Fearon (1997)."`
	AudienceAsDeemed       Value  `yaml:"audience_cost_as_deemed_necessary_usd_bn" v:"min=0" unit:"USD bn" doc:"A guarantor's cost of breaking an Art. 5-type promise ('such action as it deems necessary'); an assumption ordered by Fearon (1997)."`
	AudienceAutomatic      Value  `yaml:"audience_cost_automatic_usd_bn" v:"min=0" unit:"USD bn" doc:"A guarantor's cost of breaking an automatic collective-defence promise; an assumption ordered by Fearon (1997)."`
	TreatyFactor           Value  `yaml:"treaty_factor" v:"min=1,max=10" unit:"ratio" doc:"How much a ratified treaty multiplies the cost of breaking a promise over a political text; an assumption (tying hands, Fearon 1997)."`
	TripwirePer1000        Value  `yaml:"tripwire_cost_per_1000_troops_usd_bn" v:"min=0" unit:"USD bn per 1,000 troops" doc:"A guarantor's cost of abandoning its own troops in the attack's path; an assumption (Schelling 1966: a garrison that will be overrun makes intervention all but automatic)."`
	TripwireCap            Value  `yaml:"tripwire_cost_cap_usd_bn" v:"min=0" unit:"USD bn" doc:"The most the tripwire term adds; an assumption."`
	Reputation             Value  `yaml:"reputation_cost_usd_bn" v:"min=0" unit:"USD bn" doc:"A guarantor's cost to its other commitments of reneging on an automatic promise (scaled down for weaker texts); an assumption."`
	TrackRecordWeight      Value  `yaml:"track_record_weight_usd_bn" v:"min=0" unit:"USD bn" doc:"Resolve added by a perfect record of honouring commitments (and taken by the worst); an assumption."`
	TroopsPerAircraft      Value  `yaml:"troops_per_aircraft" v:"min=0" unit:"people/aircraft" doc:"Troops one combat aircraft counts as when the guarantors' forces are added up; an assumption."`
	FightForceScale        Value  `yaml:"fight_guarantors_force_scale_troops" v:"gt=0" unit:"people" doc:"F0 in the attacker's cost of fighting the guarantors, e·(1 − exp(−F/F0)): the force size (troops + troops_per_aircraft per aircraft) at which it is 63% of fight_guarantors_usd_bn; (a division makes it a real war with the guarantor states), an assumption."`
	CreditAidAsDeemed      Value  `yaml:"credit_aid_as_deemed_necessary" v:"min=0,max=1" unit:"fraction" doc:"Share of an Art. 5-type promise's cost of breaking that sanctions and arms alone avoid (with intervention: by_means); read from North Atlantic Treaty Art. 5 (aid without force keeps the letter, not the expectation), an assumption."`
	CreditAidAutomatic     Value  `yaml:"credit_aid_automatic" v:"min=0,max=1" unit:"fraction" doc:"The same for an automatic promise (Modified Brussels Treaty 1954 Art. V: 'all the military and other aid and assistance in their power')."`
	BeyondClaim            Value  `yaml:"value_beyond_claim_share" v:"min=0,max=1" unit:"fraction" doc:"What a km2 beyond the attacker's claim (its actor's claim_km2) is worth to it, as a share of a claimed km2 (attacker_value_per_km2_usd_m)."`
	LineAmbiguity          Value  `yaml:"line_ambiguity_discount" v:"min=0,max=1" unit:"fraction" doc:"Share of a broken promise's cost (audience and reputation) a guarantor escapes against a limited grab across a line of clarity 0 (none stated); it falls linearly to 0 at clarity 1 (mechanisms.defended_line.clarity). an assumption after Schelling (1966, Arms and Influence, ch. 2): ambiguity invites probing, a clear line removes the excuse."`
	CreditAirAutomatic     Value  `yaml:"credit_air_automatic" v:"min=0,max=1" unit:"fraction" doc:"Share of an automatic promise's cost of breaking that air power alone avoids; an assumption."`
	Intervention           string `yaml:"intervention" v:"enum=pooled|force_weighted|by_means" doc:"How guarantors' honouring changes the war, fixed for this scenario; left out, the rule is structural uncertainty drawn with the rule_weight_* coefficients (the nominal run uses the heaviest, pooled by default). pooled: any guarantor honouring brings the whole intervention campaign), force_weighted (each brings its share of the guarantors' troops + 100 per combat aircraft, so a promise without forces deters only through its other terms) or by_means (force-weighted, and each guarantor chooses how to help: sanctions and arms, air power alone, or all its forces, or reneges; aid keeps an assurance but earns only half the credit of an Art. 5-type promise and none of an automatic one)."`
	RuleWeightPooled       Value  `yaml:"rule_weight_pooled" v:"min=0" unit:"weight" doc:"Structural uncertainty: the weight of the pooled intervention rule when a scenario does not set intervention. Sweeps, run's intervals and sensitivity draw the rule from the three weights (normalised); the nominal run uses the rule of largest weight (pooled on a tie)."`
	RuleWeightForce        Value  `yaml:"rule_weight_force_weighted" v:"min=0" unit:"weight" doc:"Structural uncertainty: the weight of the force_weighted intervention rule (see rule_weight_pooled)."`
	RuleWeightByMeans      Value  `yaml:"rule_weight_by_means" v:"min=0" unit:"weight" doc:"Structural uncertainty: the weight of the by_means intervention rule (see rule_weight_pooled)."`
	NeutralityDriveCut     Value  `yaml:"neutrality_drive_cut" v:"min=0,max=1" unit:"fraction" doc:"Share of the attacker's standing drive to revise the settlement that a settlement's neutrality (the defender renounces alliance membership) removes."`
	LimitedAttackDays      Value  `yaml:"limited_attack_days" v:"min=0,max=365" unit:"days" doc:"Length of the limited offensive the attacker may choose instead of a year of war (a grab, then a new cease-fire: salami tactics); 0 for none."`
	Prov                   `yaml:",inline"`
}

// ForceGeneration is what a contributor nation can deploy and sustain.
type ForceGeneration struct {
	DeployablePool Value        `yaml:"deployable_pool" v:"req,min=0" unit:"people" doc:"Troops the nation can commit to operations abroad, counting those at home that sustain rotations."`
	RotationRatio  Value        `yaml:"rotation_ratio" v:"min=1,max=10,def=3" unit:"ratio" doc:"Troops committed for each one deployed (the rule of three: one deployed, one recovering, one preparing)."`
	SoldierCost    Value        `yaml:"cost_per_deployed_soldier_usd_k" v:"min=0" unit:"USD thousand/year" doc:"Cost of one deployed soldier for a year, over and above peacetime cost."`
	Commitments    []Commitment `yaml:"commitments" doc:"Other standing commitments drawing on the same pool, in order of priority (the last is given up first)."`
	Prov           `yaml:",inline"`
}

// Commitment is a standing deployment elsewhere (e.g. NATO forward presence).
type Commitment struct {
	Name   string `yaml:"name" v:"req"`
	Troops Value  `yaml:"troops" v:"req,min=0" unit:"people" doc:"Troops committed, rotation included."`
	Prov   `yaml:",inline"`
}

// CostModel holds unit costs. Money values should state their price year
// in the source or note.
type CostModel struct {
	SoldierCost      Value `yaml:"cost_per_deployed_soldier_usd_k" v:"min=0" unit:"USD thousand/year" doc:"Default cost of a deployed soldier-year, for nations that give none."`
	FlyingHourCost   Value `yaml:"cost_per_flying_hour_usd_k" v:"min=0" unit:"USD thousand/hour" doc:"Cost of one flying hour of a combat aircraft."`
	HoursPerSortie   Value `yaml:"hours_per_sortie" v:"gt=0,max=24,def=2" unit:"hours"`
	AircraftStandby  Value `yaml:"aircraft_standby_usd_m_per_year" v:"min=0" unit:"USD million/year" doc:"Cost of keeping one aircraft based and ready for a year, flying aside."`
	ShipCost         Value `yaml:"cost_per_ship_year_usd_m" v:"min=0" unit:"USD million/year" doc:"Cost of keeping one warship or mine countermeasures vessel on station for a year."`
	TrainerCost      Value `yaml:"cost_per_trainer_year_usd_k" v:"min=0" unit:"USD thousand/year"`
	TraineeCost      Value `yaml:"cost_per_trainee_usd_k" v:"min=0" unit:"USD thousand" doc:"Cost of training one soldier of the defender."`
	ObserverCost     Value `yaml:"cost_per_observer_year_usd_k" v:"min=0" unit:"USD thousand/year"`
	IntelligenceCost Value `yaml:"intelligence_logistics_usd_bn_per_year" v:"min=0" unit:"USD bn/year" doc:"Cost of full intelligence and logistics support (scaled by its level)."`
	MissileCost      Value `yaml:"cost_per_long_range_missile_usd_m" v:"min=0" unit:"USD million" doc:"Cost of one long-range strike missile."`
	Prov             `yaml:",inline"`
}

// CampaignModel overrides the campaign model's defaults for a scenario.
type CampaignModel struct {
	Law                string `yaml:"law" v:"enum=square|linear|logarithmic" doc:"Attrition law (default square)."`
	LawP               Value  `yaml:"law_own_exponent" v:"min=0,max=2" unit:"exponent" doc:"Helmbold-type generalisation: exponent P of the side taking losses in dX/dt = −a·X^P·Y^Q (overrides law)."`
	LawQ               Value  `yaml:"law_enemy_exponent" v:"min=0,max=2" unit:"exponent" doc:"Exponent Q of the side inflicting them (overrides law)."`
	AttackerLossRate   Value  `yaml:"attacker_loss_rate" v:"min=0,max=10" unit:"/day" doc:"Attacker people lost per day per unit of defender effective combat power."`
	DefenderLossRate   Value  `yaml:"defender_loss_rate" v:"min=0,max=10" unit:"/day" doc:"Defender people lost per day per unit of attacker engaged combat power."`
	MaxDensity         Value  `yaml:"max_density_per_km" v:"gt=0" unit:"people/km" doc:"Force-to-space limit: people per km of front that can engage at once."`
	MaxAdvance         Value  `yaml:"max_advance_km_per_day" v:"min=0,max=2000" unit:"km/day" doc:"Advance rate against a broken defence on open ground."`
	HalfRatio          Value  `yaml:"half_ratio" v:"gt=0" unit:"ratio" doc:"Effective force ratio at which the advance reaches half its maximum."`
	Steepness          Value  `yaml:"steepness" v:"min=0.1,max=20" unit:"exponent" doc:"How sharply the advance rate rises with the force ratio."`
	DroneDamping       Value  `yaml:"drone_damping" v:"min=0" unit:"per drone/km/day" doc:"How much drone density slows manoeuvre."`
	StepDays           Value  `yaml:"step_days" v:"gt=0,max=1" unit:"days" doc:"Integration step (default 1/24 day); a slow positional war can use 1."`
	CulminationLoss    Value  `yaml:"culmination_loss" v:"min=0,max=1" unit:"fraction" doc:"The attacker halts when its strength has fallen by this share from its peak."`
	ReserveFocus       Value  `yaml:"reserve_focus" v:"min=0,max=50" unit:"exponent" doc:"How strongly reserves without a sector go to the most threatened sectors: shares in proportion to (force ratio)^reserve_focus (default 4, an assumption; 0 spreads them evenly, large values send nearly all to the one most threatened sector)."`
	AirKillsPerSortie  Value  `yaml:"air_kills_per_sortie" v:"min=0,def=2" unit:"people/sortie" doc:"Attacker people put out of action per guarantor close-air-support sortie; default 2, an assumption of the order of close-air-support effects."`
	AirLossPerSortie   Value  `yaml:"air_loss_per_sortie" v:"min=0,max=1,def=0.001" unit:"aircraft/sortie" doc:"Guarantor aircraft lost per sortie; default 0.001, coalition fixed-wing losses in 1991 were about 1 per 1,000 combat sorties (Gulf War Air Power Survey 1993, vol. 5)."`
	ArmsPeoplePerUSDbn Value  `yaml:"arms_people_per_usd_bn" v:"min=0,def=1000" unit:"people/USD bn" doc:"Combat power, in reference soldiers, that USD 1 bn of delivered weapons adds to the defender; default 1,000, an assumption (USD 1 bn equips and supports about a brigade-equivalent's combat power)."`
	IntelligenceEffect Value  `yaml:"intelligence_effect" v:"min=0,max=2,def=0.1" unit:"fraction" doc:"Gain in the defender's combat power at full intelligence and logistics support; default 0.1, an assumption."`
	ShieldPerSortie    Value  `yaml:"policing_shield_per_sortie" v:"min=0,max=0.1,def=0.002" unit:"fraction/(sortie/day)" doc:"Share of the defender's losses that each daily air-policing sortie over the rear prevents (intercepting drones and missiles aimed at logistics and reserves); default 0.002 (16 sorties: about 3%), an assumption."`
	ShieldCap          Value  `yaml:"policing_shield_cap" v:"min=0,max=0.9,def=0.5" unit:"fraction" doc:"Most of the defender's losses air policing can prevent; default 0.5, an assumption."`
	CoverageWest       Value  `yaml:"policing_coverage_west" v:"min=0,max=1,def=0.35" unit:"fraction" doc:"Share of the shield air policing gives when it covers only the west of the defender's country (coverage: west); default 0.35, an assumption (the rear west of the Dnipro holds about a third of the logistics targets)."`
	CoverageCities     Value  `yaml:"policing_coverage_cities" v:"min=0,max=1,def=0.6" unit:"fraction" doc:"The same for policing over the main cities (coverage: cities); default 0.6, an assumption. Policing of the whole country gives the full shield."`
	Prov               `yaml:",inline"`
}

// Design is the space of packages 'deter optimise' searches: variations of
// one base package.
type Design struct {
	Base        string   `yaml:"base" v:"req,ref=package" doc:"Package to vary."`
	TroopsScale *Range   `yaml:"troops_scale" doc:"Multiplier on the deterrent force's contingents."`
	ArmsUSDbn   *Range   `yaml:"arms_usd_bn" doc:"Money for arms purchases (the base package must have them)."`
	Optional    []string `yaml:"optional" v:"enum=MECHANISMS" doc:"Mechanisms the search may drop."`
	Commitments []string `yaml:"commitments" v:"enum=none|assurances|consultation|as_deemed_necessary|automatic" doc:"Commitment texts the search may choose among."`
	Prov        `yaml:",inline"`
}

// Range is a closed interval for a design variable.
type Range struct {
	Min float64 `yaml:"min" v:"min=0,max=100000"`
	Max float64 `yaml:"max" v:"min=0,max=100000"`
}

// Correlation is a Spearman rank correlation between two uncertain values,
// imposed in Monte Carlo draws through a Gaussian copula.
type Correlation struct {
	Between []string `yaml:"between" v:"req,minlen=2,ref=value" doc:"The ids of exactly two values."`
	Rank    float64  `yaml:"rank" v:"req,min=-0.999,max=0.999" doc:"Spearman rank correlation."`
	Prov    `yaml:",inline"`
}

// BargainModel sets the acceptability model's coefficients.
type BargainModel struct {
	DisputedArea    Value    `yaml:"disputed_area_km2" v:"gt=0" unit:"km2" doc:"The territory in dispute (default: the largest region or oblast objective)."`
	DefenderValue   Value    `yaml:"defender_value_per_km2_usd_m" v:"min=0" unit:"USD million/km2" doc:"What the defender loses with a km2 given up (default: the attacker's value)."`
	DefenderWarCost Value    `yaml:"defender_war_cost_usd_bn_per_year" v:"min=0" unit:"USD bn/year" doc:"The defender's yearly cost of continuing the war."`
	DiscountFactor  Value    `yaml:"discount_factor" v:"gt=0,lt=1,def=0.9" unit:"per year" doc:"How much a year from now counts against now, for the commitment problem under shifting power (Powell 2006); 0.9 (default) is a modelling assumption."`
	Spatial         *Spatial `yaml:"spatial" doc:"Issue space of the settlement for the spatial model of politics (KTAB type): issues, and each actor's position, salience and clout. Absent: no forecast settlement."`
	Prov            `yaml:",inline"`
}

// Spatial is the issue space of the settlement: dimensions on a 0-100
// scale, and the actors' stances on them.
type Spatial struct {
	Issues []Issue          `yaml:"issues" v:"req,minlen=1" doc:"The dimensions bargained over."`
	Actors []SpatialStances `yaml:"actors" v:"req,minlen=2" doc:"Each actor's clout and stances; actors not listed take no part."`
	Prov   `yaml:",inline"`
}

// Issue is one dimension of the settlement.
type Issue struct {
	ID   string `yaml:"id" v:"req,id=issue"`
	Name string `yaml:"name" v:"req"`
	Kind string `yaml:"kind" v:"req,enum=territory|foreign_troops|guarantee|sanctions_relief|troop_cap|other" doc:"What the scale measures, so packages can be placed on it: territory = share of the disputed area ceded (0 none, 100 all); foreign_troops = 0 none, 50 non-NATO states only, 100 NATO-state troops; guarantee = strongest commitment (0 none, 25 assurances, 50 consultation, 75 as deemed necessary, 100 automatic); sanctions_relief = share of sanctions lifted; troop_cap = how tightly the defender's forces are capped (0 none, 100 disarmed); other = not placed."`
	Low  string `yaml:"low" doc:"What position 0 means, in words."`
	High string `yaml:"high" doc:"What position 100 means, in words."`
	Prov `yaml:",inline"`
}

// SpatialStances is one actor's clout and stances.
type SpatialStances struct {
	Actor   string   `yaml:"actor" v:"req,ref=actor"`
	Clout   Value    `yaml:"clout" v:"req,gt=0" unit:"relative" doc:"The actor's capability to press its positions (any positive scale, compared across actors)."`
	Stances []Stance `yaml:"stances" v:"req,minlen=1"`
	Prov    `yaml:",inline"`
}

// Stance is an actor's position on one issue and how much it cares.
type Stance struct {
	Issue    string `yaml:"issue" v:"req,ref=issue"`
	Position Value  `yaml:"position" v:"req,min=0,max=100" unit:"0-100" doc:"Ideal point on the issue's scale."`
	Salience Value  `yaml:"salience" v:"req,min=0,max=1" unit:"fraction" doc:"Share of the actor's attention on this issue; an actor's saliences sum to at most 1."`
	Prov     `yaml:",inline"`
}
