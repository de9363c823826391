// Package campaign models what happens on the ground if deterrence fails: a
// time-stepped campaign over the front sectors, with attrition, movement of
// the line, reinforcements and guarantor intervention. It also holds the
// two-sided Lanchester duel used to validate the attrition law against
// Iwo Jima, and the least-squares fitter behind `deter fit`.
//
// It is not a wargame: there is no manoeuvre between sectors, no logistics
// network, no air campaign of its own. Its inputs are plain structs
// ([Input], [Duel]); it knows nothing of scenario files. The engine package
// maps scenarios onto it. Everything is deterministic: there are no random
// draws here (Monte Carlo draws inputs outside).
//
// # State
//
// Each sector s holds three pools of people with a mean quality q (combat
// power per person, reference 1): the attacker A_s, the defender D_s and
// engaged guarantor forces G_s (fighting with the defender), plus the
// advance x_s in km. Units arrive by their arrival day (with their
// readiness); units without a sector go to the sector with the highest
// force ratio, the attacker to exploit it and the defender to shore it up.
// Steady streams (recruitment, regeneration, arms deliveries in people
// equivalents) are shared among a side's sectors in proportion to the
// people already there.
//
// # Force to space
//
// At most ρ·W people can engage in a sector of frontage W km (ρ =
// MaxDensity, people/km); the rest wait unengaged:
//
//	Â = min(A, ρW)·q_A        D̂ = min(D+G, ρW)·q_D · P(f) · T_def · m
//
// P(f) is the posture multiplier of fortification level f ∈ [0, 3]
// (Dupuy's 1.0/1.3/1.5/1.6 for attack, hasty, prepared and fortified
// defence, interpolated), T_def the terrain multiplier and m the package's
// defender multiplier (intelligence, training, regeneration quality).
//
// # Attrition
//
// Generalised Lanchester law (Lanchester 1916; Bracken 1995; Fricker 1998)
// on engaged combat power, per day:
//
//	dA/dt = −α · D̂^Q · A^P − K_air        dD/dt = −β · Â^Q · (D+G)^P
//
// with (P, Q) = (0, 1) the square law by default. α and β are per-day loss
// coefficients (attacker people lost per unit of defender effective power
// and vice versa). K_air is guarantor close air support: sorties/day ×
// kills/sortie, only with intervention, shared among sectors by frontage;
// aircraft are lost at a rate per sortie. Defender losses fall on national
// and guarantor forces in proportion to their numbers. Guarantor air
// policing over the rear (with intervention) shields the defender from part
// of the attacker's strikes: defender losses are multiplied by (1 − shield),
// and policing aircraft are lost at their own rate per sortie.
//
// # Movement
//
// With R = Â/D̂, the line moves at
//
//	v = V · τ / (1 + δρ_d) · Rᵏ / (Rᵏ + R₀ᵏ)   km/day
//
// up to the sector's depth (the attacker stops there). V is the maximum
// advance (km/day), τ the terrain speed factor, ρ_d the drone density
// (drones/km/day) and δ its damping, R₀ the ratio giving half speed (3,
// after the 3:1 rule) and k = 2. Ground taken is v·W per day; an objective
// is reached when x_s passes its depth (interpolated within the step).
//
// # Guarantor intervention and tripwires
//
// A guarantor unit with a trigger distance fights once the attacker has
// advanced that far in its sector, whatever its government decides: troops
// in the way are engaged (Schelling 1966, Arms and Influence, on the
// tripwire). With intervention (Input.Intervention) guarantor units fight
// from arrival and air support flies from its response day. Without it, a
// unit with no trigger (a reassurance force in the rear) never fights.
// Every campaign is run both ways so the deterrence model can weigh them by
// the probability that each guarantor honours its promise.
//
// # Culmination
//
// The attacker halts when its strength in the theatre has fallen by the
// CulminationLoss share (default one half) from its peak: losses have
// outrun replacements (Clausewitz, On War, book 7, ch. 5, made numeric).
// Nothing moves after that.
//
// # Integration and performance
//
// Fixed steps of StepDays (default 1/24 day; a slow positional war can use
// 1 day, checked in the engine tests to change a year's gain by under
// 0.1%) with forward Euler within the step for the campaign, and classical
// RK4 for the duel. A [Sim] reuses its buffers: after the first run it
// allocates nothing (BenchmarkCampaign in the engine package: about 70 µs
// for a 365-day, four-sector Ukraine campaign on one core).
//
// # Calibration and validation
//
// The registered cases ([Cases], and the scenario cases in the engine
// package; `deter check` prints them all):
//
//   - Iwo Jima 1945: Engel's square-law coefficients reproduce the 36-day
//     battle and the coarse US strength series within 5%; the fitter
//     matches or improves on a published re-fit's distance.
//   - Baltic 2016: the RAND lay-down reaches Tallinn or Riga within 60 hours
//     (MaxAdvance is calibrated on this); RAND's seven-brigade posture
//     delays that beyond 120 hours (out of sample).
//   - Cold War 1985: the forward defence holds at least 24 hours.
//   - Ukraine 2025: drone damping is calibrated on DeepStateMap's
//     August-December 2024 gains; the 2025 gain (4,347 km² observed) and
//     the month-by-month error are out of sample; the rest of the four
//     claimed oblasts takes several years.
//
// References:
//
//   - Bracken, J. (1995). Lanchester models of the Ardennes campaign. Naval
//     Research Logistics 42(4):559-577.
//   - Clausewitz, C. von (1832). On War, book 7, ch. 5 (culminating point of
//     the attack).
//   - Dupuy, T. N. (1979). Numbers, Predictions and War. Bobbs-Merrill.
//   - Dupuy, T. N. (1990). Attrition: Forecasting Battle Casualties and
//     Equipment Losses in Modern War. HERO Books.
//   - Engel, J. H. (1954). A verification of Lanchester's law. Journal of the
//     Operations Research Society of America 2(2):163-171.
//   - Fricker, R. D. (1998). Attrition models of the Ardennes campaign. Naval
//     Research Logistics 45(1):1-22.
//   - Helmbold, R. L. (1990). Rates of Advance in Historical Land Combat
//     Operations. US Army Concepts Analysis Agency, CAA-RP-90-1.
//   - Lanchester, F. W. (1916). Aircraft in Warfare: The Dawn of the Fourth
//     Arm. Constable.
//   - Mearsheimer, J. J. (1989). Assessing the conventional balance: the 3:1
//     rule and its critics. International Security 13(4):54-89.
//   - Nelder, J. A. and Mead, R. (1965). A simplex method for function
//     minimization. The Computer Journal 7(4):308-313.
//   - Schelling, T. C. (1966). Arms and Influence. Yale University Press.
//   - Shlapak, D. A. and Johnson, M. W. (2016). Reinforcing Deterrence on
//     NATO's Eastern Flank. RAND RR-1253-A.
package campaign
