package engine

import (
	"deter/bargain"
	"deter/campaign"
	"deter/ceasefire"
	"deter/check"
	"deter/game"
)

// Cases returns every model-validation case, model by model. Each model
// package owns its cases and runs them in its own tests.
func Cases() []check.Case {
	var out []check.Case
	out = append(out, campaign.Cases()...)
	out = append(out, campaignScenarioCases()...)
	out = append(out, deterrenceCases()...)
	out = append(out, bargain.Cases()...)
	out = append(out, ceasefire.ValidationCases()...)
	out = append(out, game.Cases()...)
	return out
}
