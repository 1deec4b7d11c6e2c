import { InputError } from '../util/errors';

/** Dense row-major matrix: row i, column j is `data[i * cols + j]`. */
export interface Matrix {
	readonly data: Float64Array;
	readonly rows: number;
	readonly cols: number;
}

/** What the numeric entry points accept: a {@link Matrix} or an array of equal-length rows. */
export type MatrixInput = Matrix | readonly (readonly number[])[];

function isMatrix(value: MatrixInput): value is Matrix {
	return !Array.isArray(value) && (value as Matrix).data instanceof Float64Array;
}

/**
 * Validate and convert to a {@link Matrix}. Throws on no rows, no columns, ragged rows and any
 * non-finite value, naming the row and column. A Matrix input is checked, not copied.
 */
export function toMatrix(input: MatrixInput, what = 'data'): Matrix {
	if (isMatrix(input)) {
		const { data, rows, cols } = input;
		if (rows === 0) throw new InputError(`${what} is empty: at least one row is required`);
		if (cols === 0) throw new InputError(`${what} has no columns`);
		if (data.length !== rows * cols) {
			throw new InputError(
				`${what} has ${data.length} values, expected rows x cols = ${rows * cols}`,
			);
		}
		for (let i = 0; i < data.length; i++) {
			if (!Number.isFinite(data[i])) {
				const row = Math.floor(i / cols);
				throw new InputError(
					`${what} row ${row}, column ${i % cols} is ${data[i]}, not a finite number`,
					row,
					String(i % cols),
				);
			}
		}
		return input;
	}
	const rowsIn = input as readonly (readonly number[])[];
	if (rowsIn.length === 0)
		throw new InputError(`${what} is empty: at least one row is required`);
	const cols = rowsIn[0].length;
	if (cols === 0) throw new InputError(`${what} has no columns`);
	const data = new Float64Array(rowsIn.length * cols);
	for (let i = 0; i < rowsIn.length; i++) {
		const row = rowsIn[i];
		if (!Array.isArray(row) || row.length !== cols) {
			throw new InputError(
				`${what} row ${i} has ${Array.isArray(row) ? row.length : 'no'} columns, expected ${cols}`,
				i,
			);
		}
		for (let j = 0; j < cols; j++) {
			const v = row[j];
			if (typeof v !== 'number' || !Number.isFinite(v)) {
				throw new InputError(
					`${what} row ${i}, column ${j} is ${String(v)}, not a finite number`,
					i,
					String(j),
				);
			}
			data[i * cols + j] = v;
		}
	}
	return { data, rows: rowsIn.length, cols };
}

/** Rows of a matrix as plain arrays (for JSON output). */
export function matrixToRows(data: Float64Array, rows: number, cols: number): number[][] {
	const out: number[][] = [];
	for (let i = 0; i < rows; i++) out.push(Array.from(data.subarray(i * cols, (i + 1) * cols)));
	return out;
}

/** Squared Euclidean distance between row `i` of `a` and row `j` of `b` (both with `d` columns). */
export function squaredDistance(
	a: Float64Array,
	i: number,
	b: Float64Array,
	j: number,
	d: number,
): number {
	let s = 0;
	const ai = i * d;
	const bj = j * d;
	for (let t = 0; t < d; t++) {
		const diff = a[ai + t] - b[bj + t];
		s += diff * diff;
	}
	return s;
}

/** The given rows of a matrix, in the given order, as a new matrix. */
export function selectRows(x: Matrix, indices: ArrayLike<number>): Matrix {
	const d = x.cols;
	const data = new Float64Array(indices.length * d);
	for (let p = 0; p < indices.length; p++)
		data.set(x.data.subarray(indices[p] * d, (indices[p] + 1) * d), p * d);
	return { data, rows: indices.length, cols: d };
}
