/**
 * Special functions the posteriors need: log-gamma, the regularized incomplete beta and gamma
 * functions, and the standard normal quantile. Textbook numerical methods (Lanczos, Lentz's continued
 * fraction, the series / continued-fraction split for the gamma function, Acklam's rational
 * approximation refined by one Halley step), written for this package.
 */

/** Math functions bound once: a global lookup per call is slow in sandboxed runtimes (such as a vm context). */
const { PI, abs, exp, log, sin, sqrt } = Math;

const LANCZOS = [
	676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
	-0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Natural log of the gamma function, for x > 0.
 * @example logGamma(5) // ln(24) = 3.178...
 */
export function logGamma(x: number): number {
	if (!(x > 0)) throw new Error(`logGamma requires x > 0, got ${x}`);
	if (x < 0.5) return log(PI / sin(PI * x)) - logGamma(1 - x);
	const z = x - 1;
	let a = 0.99999999999980993;
	const t = z + 7.5;
	for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i + 1);
	return 0.5 * log(2 * PI) + (z + 0.5) * log(t) - t + log(a);
}

/**
 * Natural log of the beta function B(a, b).
 * @example exp(logBeta(2, 3)) // 1/12
 */
export function logBeta(a: number, b: number): number {
	if (!(a > 0 && b > 0)) throw new Error(`logBeta requires a > 0 and b > 0, got ${a}, ${b}`);
	return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const EPS = 1e-15;
const TINY = 1e-300;

function betaContinuedFraction(x: number, a: number, b: number): number {
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (abs(d) < TINY) d = TINY;
	d = 1 / d;
	let h = d;
	for (let m = 1; m <= 10000; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (abs(c) < TINY) c = TINY;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (abs(c) < TINY) c = TINY;
		d = 1 / d;
		const del = d * c;
		h *= del;
		if (abs(del - 1) < EPS) break;
	}
	return h;
}

/**
 * Regularized incomplete beta I_x(a, b): the CDF of Beta(a, b) at x.
 * @example regularizedBeta(0.5, 2, 2) // 0.5
 */
export function regularizedBeta(x: number, a: number, b: number): number {
	if (!(a > 0 && b > 0)) throw new Error(`regularizedBeta requires a > 0 and b > 0, got ${a}, ${b}`);
	if (Number.isNaN(x)) throw new Error('regularizedBeta requires a number x');
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const front = exp(a * log(x) + b * log(1 - x) - logBeta(a, b));
	if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
	return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * Regularized upper incomplete gamma Q(s, x) = Γ(s, x) / Γ(s), for s > 0 and x >= 0.
 * @example regularizedGammaQ(1, 2) // e^-2
 */
export function regularizedGammaQ(s: number, x: number): number {
	if (!(s > 0)) throw new Error(`regularizedGammaQ requires s > 0, got ${s}`);
	if (!(x >= 0)) throw new Error(`regularizedGammaQ requires x >= 0, got ${x}`);
	if (x === 0) return 1;
	const lead = -x + s * log(x) - logGamma(s);
	if (x < s + 1) {
		// series for the lower function P
		let sum = 1 / s;
		let term = sum;
		for (let n = 1; n < 10000; n++) {
			term *= x / (s + n);
			sum += term;
			if (abs(term) < abs(sum) * EPS) break;
		}
		return 1 - sum * exp(lead);
	}
	// Lentz's continued fraction for Q
	let b = x + 1 - s;
	let c = 1 / TINY;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < 10000; i++) {
		const an = -i * (i - s);
		b += 2;
		d = an * d + b;
		if (abs(d) < TINY) d = TINY;
		c = b + an / c;
		if (abs(c) < TINY) c = TINY;
		d = 1 / d;
		const del = d * c;
		h *= del;
		if (abs(del - 1) < EPS) break;
	}
	return exp(lead) * h;
}

/**
 * Upper tail of the chi-square distribution: P(X >= x) with `df` degrees of freedom.
 * @example chiSquareSurvival(3.841, 1) // about 0.05
 */
export function chiSquareSurvival(x: number, df: number): number {
	if (!(df > 0)) throw new Error(`chiSquareSurvival requires df > 0, got ${df}`);
	if (x <= 0) return 1;
	return regularizedGammaQ(df / 2, x / 2);
}

/** Standard normal CDF (via the complementary error function's relation to Q(1/2, x²/2)). */
export function normalCdf(z: number): number {
	if (Number.isNaN(z)) throw new Error('normalCdf requires a number');
	const tail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
	return z >= 0 ? 1 - tail : tail;
}

/**
 * Standard normal quantile (inverse CDF), for 0 < p < 1.
 * @example normalQuantile(0.975) // 1.95996...
 */
export function normalQuantile(p: number): number {
	if (!(p > 0 && p < 1)) throw new Error(`normalQuantile requires 0 < p < 1, got ${p}`);
	const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
	const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
	const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
	const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
	const lo = 0.02425;
	let x: number;
	if (p < lo) {
		const q = sqrt(-2 * log(p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	} else if (p <= 1 - lo) {
		const q = p - 0.5;
		const r = q * q;
		x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	} else {
		const q = sqrt(-2 * log(1 - p));
		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	// one Halley step against the exact CDF
	const e = normalCdf(x) - p;
	const u = e * sqrt(2 * PI) * exp((x * x) / 2);
	return x - u / (1 + (x * u) / 2);
}
