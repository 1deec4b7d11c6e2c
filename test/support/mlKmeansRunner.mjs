// Runs ml-kmeans (ESM-only) on a JSON job read from stdin and writes the result as JSON to stdout.
// Job: { data: number[][], k: number, options: object, seeds?: number[] }
// With `seeds`, ml-kmeans runs once per seed and the run with the lowest inertia is returned
// (ml-kmeans itself has no n_init option).
import { kmeans } from 'ml-kmeans';

function inertiaOf(data, clusters, centroids) {
	let total = 0;
	for (let i = 0; i < data.length; i++) {
		const c = centroids[clusters[i]];
		for (let t = 0; t < c.length; t++) total += (data[i][t] - c[t]) ** 2;
	}
	return total;
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const seeds = job.seeds ?? [job.options?.seed];
let best = null;
const started = performance.now();
for (const seed of seeds) {
	const options = { ...job.options };
	if (seed !== undefined) options.seed = seed;
	const result = kmeans(job.data, job.k, options);
	const inertia = inertiaOf(job.data, result.clusters, result.centroids);
	if (best === null || inertia < best.inertia) {
		best = {
			clusters: result.clusters,
			centroids: result.centroids,
			iterations: result.iterations,
			converged: result.converged,
			inertia,
		};
	}
}
best.ms = performance.now() - started;
process.stdout.write(JSON.stringify(best));
