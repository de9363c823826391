package validation

// All returns every model-validation case, model by model: what `deter
// check` runs and prints, and what this package's tests run.
func All() []Case {
	var out []Case
	out = append(out, campaignCases()...)
	out = append(out, campaignScenarioCases()...)
	out = append(out, deterrenceCases()...)
	out = append(out, bargainCases()...)
	out = append(out, ceasefireCases()...)
	out = append(out, gameCases()...)
	return out
}
