import type { ZodIssue, ZodType, ZodTypeDef } from 'zod';

import { InputError } from '../util/errors';

/** One problem with one input item, precise enough to fix without reading code. */
export interface ContractIssue {
	itemIndex: number;
	/** Dotted path of the offending field, e.g. `path.2` or `attribution.markov`. */
	field: string;
	message: string;
}

/** Thrown when an item does not satisfy a data contract: an InputError that always names item and field. */
export class ContractError extends InputError {
	declare readonly itemIndex: number;
	declare readonly field: string;
	readonly contract: string;

	constructor(contract: string, issue: ContractIssue) {
		super(
			`Item ${issue.itemIndex} is not a valid ${contract}: field "${issue.field}" ${issue.message}`,
			issue.itemIndex,
			issue.field,
		);
		this.name = 'ContractError';
		this.contract = contract;
	}
}

function fieldPath(issue: ZodIssue): string {
	return issue.path.length === 0 ? '(item)' : issue.path.map(String).join('.');
}

function describe(issue: ZodIssue): string {
	switch (issue.code) {
		case 'invalid_type':
			return issue.received === 'undefined'
				? `is missing (expected ${issue.expected})`
				: `should be ${issue.expected} but is ${issue.received}`;
		case 'invalid_enum_value':
			return `is "${String(issue.received)}" but must be one of: ${issue.options.join(', ')}`;
		default:
			return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
	}
}

export type CheckResult<T> = { ok: true; value: T } | { ok: false; issue: ContractIssue };

/** Check one value against a contract without throwing. */
export function checkContract<T>(
	schema: ZodType<T, ZodTypeDef, unknown>,
	value: unknown,
	itemIndex: number,
): CheckResult<T> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return { ok: true, value: parsed.data };
	const first = parsed.error.issues[0];
	return {
		ok: false,
		issue: { itemIndex, field: fieldPath(first), message: describe(first) },
	};
}

/** Validate one value against a contract, throwing a {@link ContractError} naming item and field. */
export function assertContract<T>(
	contract: string,
	schema: ZodType<T, ZodTypeDef, unknown>,
	value: unknown,
	itemIndex: number,
): T {
	const result = checkContract(schema, value, itemIndex);
	if (!result.ok) throw new ContractError(contract, result.issue);
	return result.value;
}

/** Validate every value; the first failure throws with its item index. */
export function assertContracts<T>(
	contract: string,
	schema: ZodType<T, ZodTypeDef, unknown>,
	values: readonly unknown[],
): T[] {
	return values.map((value, index) => assertContract(contract, schema, value, index));
}
