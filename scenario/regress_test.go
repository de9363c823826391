package scenario

// regressionDraws are the draws of TestSampleStreamRegression, recorded when
// the samplers were written (PCG(20250815, 0), math/rand/v2, Go 1.26).
// DO NOT EDIT.
var regressionDraws = []float64{0.8035991055862334, 1.8878393929710109, 0.1978378354717517, 1.0204497263547985, 0.2755640052138271}
