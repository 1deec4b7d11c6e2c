import { Rng } from '../util/rng';
import type { Matrix } from './matrix';

export interface Projection2D {
	/** Column means subtracted before projecting. */
	mean: number[];
	/** Two unit-length principal axes (d values each). */
	components: [number[], number[]];
	/** Share of the total variance along each axis. */
	explainedVarianceRatio: [number, number];
}

/**
 * First two principal components by power iteration on the covariance matrix, the second after
 * deflating the first. Each axis's sign is fixed so that its largest-magnitude loading is positive,
 * which makes the result deterministic. With one column, the second axis is all zeros.
 */
export function pca2d(
	x: Matrix,
	options: { maxIterations?: number; tolerance?: number; seed?: number | string } = {},
): Projection2D {
	const { data, rows: n, cols: d } = x;
	const maxIterations = options.maxIterations ?? 500;
	const tolerance = options.tolerance ?? 1e-12;
	const mean = new Float64Array(d);
	for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += data[i * d + t];
	for (let t = 0; t < d; t++) mean[t] /= n;
	const cov = new Float64Array(d * d);
	const centred = new Float64Array(d);
	for (let i = 0; i < n; i++) {
		for (let t = 0; t < d; t++) centred[t] = data[i * d + t] - mean[t];
		for (let a = 0; a < d; a++) {
			const va = centred[a];
			for (let b = a; b < d; b++) cov[a * d + b] += va * centred[b];
		}
	}
	let trace = 0;
	for (let a = 0; a < d; a++) {
		for (let b = a; b < d; b++) {
			cov[a * d + b] /= n;
			cov[b * d + a] = cov[a * d + b];
		}
		trace += cov[a * d + a];
	}
	const rng = new Rng(options.seed ?? 'pca');
	const components: number[][] = [];
	const eigenvalues: number[] = [];
	for (let comp = 0; comp < 2; comp++) {
		let v = new Float64Array(d);
		for (let t = 0; t < d; t++) v[t] = rng.next() + 0.5;
		normalise(v);
		let lambda = 0;
		for (let it = 0; it < maxIterations; it++) {
			const w = new Float64Array(d);
			for (let a = 0; a < d; a++) {
				let s = 0;
				for (let b = 0; b < d; b++) s += cov[a * d + b] * v[b];
				w[a] = s;
			}
			// Keep the iterate orthogonal to the axes already found (deflation alone drifts).
			for (const prev of components) {
				let dot = 0;
				for (let t = 0; t < d; t++) dot += w[t] * prev[t];
				for (let t = 0; t < d; t++) w[t] -= dot * prev[t];
			}
			const norm = normalise(w);
			let delta = 0;
			for (let t = 0; t < d; t++) delta += Math.abs(w[t] - v[t]);
			v = w;
			lambda = norm;
			if (norm === 0 || delta < tolerance) break;
		}
		if (!(lambda > 1e-12 * trace)) {
			v.fill(0);
			lambda = 0;
		}
		fixSign(v);
		components.push(Array.from(v));
		eigenvalues.push(lambda);
		// Deflate: cov -= lambda v v^T.
		for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] -= lambda * v[a] * v[b];
	}
	return {
		mean: Array.from(mean),
		components: [components[0], components[1]],
		explainedVarianceRatio: [
			trace > 0 ? eigenvalues[0] / trace : 0,
			trace > 0 ? Math.max(0, eigenvalues[1]) / trace : 0,
		],
	};
}

/** Coordinates of row i on the two axes. */
export function project(x: Matrix, i: number, p: Projection2D): [number, number] {
	let px = 0;
	let py = 0;
	for (let t = 0; t < x.cols; t++) {
		const c = x.data[i * x.cols + t] - p.mean[t];
		px += c * p.components[0][t];
		py += c * p.components[1][t];
	}
	return [px, py];
}

function normalise(v: Float64Array): number {
	let s = 0;
	for (let t = 0; t < v.length; t++) s += v[t] * v[t];
	const norm = Math.sqrt(s);
	if (norm > 0) for (let t = 0; t < v.length; t++) v[t] /= norm;
	return norm;
}

function fixSign(v: Float64Array): void {
	let at = 0;
	for (let t = 1; t < v.length; t++) if (Math.abs(v[t]) > Math.abs(v[at])) at = t;
	if (v[at] < 0) for (let t = 0; t < v.length; t++) v[t] = -v[t];
}
