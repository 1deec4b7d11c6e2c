/** Runs tasks with at most `concurrency` of them in flight; the rest wait in call order. */
export interface Limiter {
	<T>(task: () => Promise<T>): Promise<T>;
	readonly active: number;
	readonly pending: number;
	readonly concurrency: number;
}

/**
 * A tiny p-limit: `const limit = createLimiter(4); await limit(() => work())`.
 * A task that throws releases its slot like one that succeeds.
 */
export function createLimiter(concurrency: number): Limiter {
	if (!Number.isInteger(concurrency) || concurrency < 1) {
		throw new Error(`concurrency must be a positive integer, got ${String(concurrency)}`);
	}
	let active = 0;
	const queue: Array<() => void> = [];
	const release = () => {
		active--;
		const next = queue.shift();
		if (next) next();
	};
	const limit = <T>(task: () => Promise<T>): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			const run = () => {
				active++;
				let promise: Promise<T>;
				try {
					promise = task();
				} catch (error) {
					promise = Promise.reject(error);
				}
				promise.then(
					(value) => {
						release();
						resolve(value);
					},
					(error: unknown) => {
						release();
						reject(error);
					},
				);
			};
			if (active < concurrency) run();
			else queue.push(run);
		});
	Object.defineProperties(limit, {
		active: { get: () => active },
		pending: { get: () => queue.length },
		concurrency: { value: concurrency },
	});
	return limit as Limiter;
}

/** Map with bounded concurrency; results keep the input order. Rejects with the first error. */
export async function mapConcurrent<T, R>(
	items: readonly T[],
	concurrency: number,
	fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	const limit = createLimiter(concurrency);
	return Promise.all(items.map((item, index) => limit(() => fn(item, index))));
}
