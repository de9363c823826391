package scenario

import "fmt"

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
