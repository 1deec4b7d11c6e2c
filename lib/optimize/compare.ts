/**
 * Bayesian comparison of the arms of one test: chance to beat the control, chance to be best and
 * expected loss (risk), from posterior draws; plus the closed forms for two Beta posteriors that the
 * draws are checked against.
 */
import type { BetaParams } from './beta';
import { logBeta } from './special';

/** Math functions bound once: a global lookup per call is slow in sandboxed runtimes (such as a vm context). */
const { exp, log, max, min } = Math;


/**
 * P(pB > pA) for pA ~ Beta(a.alpha, a.beta), pB ~ Beta(b.alpha, b.beta), exact when b.alpha is a
 * whole number (Evan Miller's sum):
 * Σ_{i=0}^{αB-1} B(αA+i, βA+βB) / ((βB+i) B(1+i, βB) B(αA, βA)).
 * @example probabilityBBeatsA({ alpha: 1, beta: 1 }, { alpha: 1, beta: 1 }) // 0.5
 */
export function probabilityBBeatsA(a: BetaParams, b: BetaParams): number {
	if (!Number.isInteger(b.alpha) || b.alpha < 1) {
		throw new Error(`probabilityBBeatsA needs a whole-number alpha for B, got ${b.alpha}`);
	}
	let total = 0;
	const base = logBeta(a.alpha, a.beta);
	for (let i = 0; i < b.alpha; i++) {
		total += exp(logBeta(a.alpha + i, a.beta + b.beta) - log(b.beta + i) - logBeta(1 + i, b.beta) - base);
	}
	return min(1, max(0, total));
}

/**
 * Expected loss of choosing B over A, E[max(pA - pB, 0)], in closed form for whole-number alphas:
 * E[pA·1{pA>pB}] − E[pB·1{pA>pB}], each a mean times a {@link probabilityBBeatsA} with one alpha raised.
 * @example expectedLossOfChoosingB({ alpha: 1, beta: 1 }, { alpha: 1, beta: 1 }) // 1/6
 */
export function expectedLossOfChoosingB(a: BetaParams, b: BetaParams): number {
	if (!Number.isInteger(a.alpha) || !Number.isInteger(b.alpha)) {
		throw new Error('expectedLossOfChoosingB needs whole-number alphas');
	}
	const meanA = a.alpha / (a.alpha + a.beta);
	const meanB = b.alpha / (b.alpha + b.beta);
	// P(pA' > pB) with pA' ~ Beta(αA+1, βA)  = 1 - P(pB > pA')
	const aWinsRaised = 1 - probabilityBBeatsA({ alpha: a.alpha + 1, beta: a.beta }, b);
	// P(pA > pB') with pB' ~ Beta(αB+1, βB)
	const aWinsOverRaisedB = 1 - probabilityBBeatsA(a, { alpha: b.alpha + 1, beta: b.beta });
	return max(0, meanA * aWinsRaised - meanB * aWinsOverRaisedB);
}

/** What the draws say about one arm of a test. */
export interface ArmComparison {
	/** P(this arm's metric > the control's); 0.5 for the control itself. */
	chanceToBeatControl: number;
	/** P(this arm has the highest metric of all arms). */
	chanceToBeBest: number;
	/** E[max over arms − this arm]: what is lost, on average, by choosing this arm. */
	expectedLoss: number;
	/** Expected loss relative to the control's posterior mean (the risk the thresholds apply to). */
	risk: number;
	/** Posterior mean of (arm − control) / control. */
	liftVsControl: number;
}

/**
 * Compare arms from posterior draws: `draws[k][d]` is draw d of arm k (all arms the same count).
 * @example compareDraws([[0.1, 0.2], [0.3, 0.1]], 0)
 */
export function compareDraws(draws: ReadonlyArray<ArrayLike<number>>, controlIndex: number): ArmComparison[] {
	if (draws.length === 0) throw new Error('compareDraws requires at least one arm');
	const n = draws[0].length;
	if (n === 0) throw new Error('compareDraws requires at least one draw per arm');
	if (draws.some((d) => d.length !== n)) throw new Error('compareDraws requires the same number of draws for every arm');
	if (!(controlIndex >= 0 && controlIndex < draws.length)) throw new Error(`compareDraws: control index ${controlIndex} is not an arm`);
	const k = draws.length;
	const best = new Float64Array(k);
	const beat = new Float64Array(k);
	const loss = new Float64Array(k);
	const lift = new Float64Array(k);
	let controlSum = 0;
	for (let d = 0; d < n; d++) {
		let max = -Infinity;
		let arg = 0;
		for (let j = 0; j < k; j++) {
			const v = draws[j][d];
			if (v > max) {
				max = v;
				arg = j;
			}
		}
		best[arg] += 1;
		const c = draws[controlIndex][d];
		controlSum += c;
		for (let j = 0; j < k; j++) {
			const v = draws[j][d];
			if (v > c) beat[j] += 1;
			loss[j] += max - v;
			if (c > 0) lift[j] += (v - c) / c;
		}
	}
	const controlMean = controlSum / n;
	const out: ArmComparison[] = [];
	for (let j = 0; j < k; j++) {
		const expectedLoss = loss[j] / n;
		out.push({
			chanceToBeatControl: j === controlIndex ? 0.5 : beat[j] / n,
			chanceToBeBest: best[j] / n,
			expectedLoss,
			risk: controlMean > 0 ? expectedLoss / controlMean : 0,
			liftVsControl: j === controlIndex ? 0 : lift[j] / n,
		});
	}
	return out;
}
