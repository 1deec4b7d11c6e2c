export interface MlKmeansJob {
	data: number[][];
	k: number;
	options: {
		initialization?: 'kmeans++' | 'random' | 'mostDistant' | number[][];
		seed?: number;
		maxIterations?: number;
		tolerance?: number;
	};
	/** One ml-kmeans run per seed; the lowest inertia wins. */
	seeds?: number[];
}

export interface MlKmeansOutput {
	clusters: number[];
	centroids: number[][];
	iterations: number;
	converged: boolean;
	/** Sum of squared distances to the assigned centroid. */
	inertia: number;
	ms: number;
}

export function runMlKmeans(job: MlKmeansJob): MlKmeansOutput;
