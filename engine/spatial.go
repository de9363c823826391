package engine

import (
	"fmt"
	"math"

	"deter/bargain"
	"deter/scenario"
)

// SpatialForecast is the spatial model's forecast of the settlement over
// the scenario's issue space (models.bargain.spatial), and where each
// package stands from it.
type SpatialForecast struct {
	Issues []string `json:"issues"`
	Kinds  []string `json:"kinds"`
	Actors []string `json:"actors"`
	// States[t][i][k] is actor i's position on issue k in round t (0-100).
	States [][][]float64 `json:"states"`
	// Challenges[t] are the challenges made in round t.
	Challenges [][]bargain.SMPChallenge `json:"challenges"`
	// Forecast is the settlement forecast per issue: the final positions
	// weighted by clout × salience (0-100).
	Forecast []float64 `json:"forecast"`
	// Packages places every package on the issues its content fixes and
	// gives its distance from the forecast.
	Packages []Placement `json:"packages"`
	Nearest  string      `json:"nearest_package"`
	// Notes says what the engine derived rather than read.
	Notes []string `json:"notes"`
}

// Placement is a package on the issue scales.
type Placement struct {
	ID       string    `json:"id"`
	Position []float64 `json:"position"`
	Placed   []bool    `json:"placed"`
	// Distance is the root mean square distance from the forecast over the
	// placed issues, weighted by the total clout × salience on each (0-100).
	Distance float64 `json:"distance"`
}

// spatialForecast runs the spatial model on the scenario's issue space.
// p0 is the share of the disputed area a year of war would take now (the
// campaign model's answer): an attacker's position on a territory issue
// is raised to 100·p0 when it stated less, so that the forecast moves when
// the battlefield does. Returns nil when the scenario has no issue space.
func spatialForecast(s *scenario.Scenario, p0 float64, pkgs []PackageResult) (*SpatialForecast, error) {
	if s.Models.Bargain == nil || s.Models.Bargain.Spatial == nil {
		return nil, nil
	}
	sp := s.Models.Bargain.Spatial
	roles := map[string]string{}
	for _, a := range s.Actors {
		roles[a.ID] = a.Role
	}
	f := &SpatialForecast{}
	idx := map[string]int{}
	for k, is := range sp.Issues {
		idx[is.ID] = k
		f.Issues = append(f.Issues, is.Name)
		f.Kinds = append(f.Kinds, is.Kind)
	}
	nd := len(sp.Issues)
	actors := make([]bargain.SMPActor, len(sp.Actors))
	given := make([][]bool, len(sp.Actors))
	for i, a := range sp.Actors {
		f.Actors = append(f.Actors, a.Actor)
		actors[i] = bargain.SMPActor{Name: a.Actor, Capability: a.Clout.Nominal(),
			Position: make([]float64, nd), Salience: make([]float64, nd)}
		given[i] = make([]bool, nd)
		for _, st := range a.Stances {
			k := idx[st.Issue]
			actors[i].Position[k] = st.Position.Nominal() / 100
			actors[i].Salience[k] = st.Salience.Nominal()
			given[i][k] = true
		}
	}
	// An issue an actor states nothing on: no salience, and a position at
	// the clout × salience weighted mean of the stated ones (so its place
	// pulls nobody's utility one way or the other).
	for k := range nd {
		var num, den float64
		for i := range actors {
			if given[i][k] {
				w := actors[i].Capability * actors[i].Salience[k]
				num += w * actors[i].Position[k]
				den += w
			}
		}
		for i := range actors {
			if !given[i][k] && den > 0 {
				actors[i].Position[k] = num / den
			}
		}
	}
	for k, is := range sp.Issues {
		if is.Kind != "territory" {
			continue
		}
		for i := range actors {
			if roles[actors[i].Name] == "attacker" && actors[i].Position[k] < p0 {
				f.Notes = append(f.Notes, fmt.Sprintf("%s's position on %s raised from %.0f to %.0f: a year of war would take %.0f%% of the disputed area (campaign model)",
					actors[i].Name, is.ID, 100*actors[i].Position[k], 100*p0, 100*p0))
				actors[i].Position[k] = p0
			}
		}
	}
	states, err := bargain.RunSMP(actors)
	if err != nil {
		return nil, fmt.Errorf("spatial model: %w", err)
	}
	for _, st := range states {
		f.States = append(f.States, scale100(st.Positions))
		f.Challenges = append(f.Challenges, st.Challenges)
	}
	fc := bargain.SMPForecast(actors, states[len(states)-1].Positions)
	weight := make([]float64, nd)
	for k := range nd {
		fc[k] *= 100
		for _, a := range actors {
			weight[k] += a.Capability * a.Salience[k]
		}
	}
	f.Forecast = fc
	best := math.Inf(1)
	for _, pr := range pkgs {
		pl := placePackage(s, pr, sp.Issues)
		var num, den float64
		for k := range nd {
			if pl.Placed[k] {
				d := pl.Position[k] - fc[k]
				num += weight[k] * d * d
				den += weight[k]
			}
		}
		if den > 0 {
			pl.Distance = math.Sqrt(num / den)
		}
		if pl.Distance < best {
			best, f.Nearest = pl.Distance, pr.ID
		}
		f.Packages = append(f.Packages, pl)
	}
	return f, nil
}

func scale100(p [][]float64) [][]float64 {
	out := make([][]float64, len(p))
	for i, v := range p {
		out[i] = make([]float64, len(v))
		for k, x := range v {
			out[i][k] = 100 * x
		}
	}
	return out
}

// placePackage puts a package on the issue scales its content fixes.
func placePackage(s *scenario.Scenario, pr PackageResult, issues []scenario.Issue) Placement {
	var p *scenario.Package
	for i := range s.Packages {
		if s.Packages[i].ID == pr.ID {
			p = &s.Packages[i]
		}
	}
	pl := Placement{ID: pr.ID, Position: make([]float64, len(issues)), Placed: make([]bool, len(issues))}
	A := disputedArea(s)
	for k, is := range issues {
		switch is.Kind {
		case "territory":
			if A > 0 {
				ceded := 0.0
				if p.Settlement != nil {
					ceded = p.Settlement.TerritoryCeded.Or(0)
				}
				pl.Position[k], pl.Placed[k] = 100*math.Min(1, ceded/A), true
			}
		case "foreign_troops":
			switch {
			case pr.Inputs.NATOStateTroops > 0:
				pl.Position[k] = 100
			case pr.Inputs.ForeignTroops > 0:
				pl.Position[k] = 50
			}
			pl.Placed[k] = true
		case "guarantee":
			pl.Position[k], pl.Placed[k] = commitmentLevels[strongestCommitment(&p.Mechanisms)].scale, true
		case "troop_cap":
			// 0 no cap, 100 disarmed: the share of the defender's present
			// strength the cap removes.
			pl.Placed[k] = true
			if p.Settlement != nil && p.Settlement.DefenderTroopCap.IsSet() {
				var have float64
				for _, a := range s.Actors {
					if a.Role == "defender" {
						for _, u := range a.Forces {
							have += u.Strength.Nominal()
						}
					}
				}
				if have > 0 {
					pl.Position[k] = 100 * math.Max(0, 1-p.Settlement.DefenderTroopCap.Nominal()/have)
				}
			}
		case "sanctions_relief":
			if p.Settlement != nil {
				pl.Position[k] = 100 * p.Settlement.SanctionsRelief.Or(0)
			}
			pl.Placed[k] = true
		}
	}
	return pl
}
