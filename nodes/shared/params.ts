import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A comma-separated parameter as a list; empty or missing gives undefined. */
export function splitList(value: unknown): string[] | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const list = value
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
	return list.length ? list : undefined;
}

/** A JSON parameter (string or already-parsed object); a parse error names the parameter. */
export function parseJsonParameter<T>(ctx: IExecuteFunctions, displayName: string, value: unknown): T | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') return value as T;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value) as T;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `"${displayName}" is not valid JSON: ${(error as Error).message}`, {
			description: 'Write the value as JSON, like the example in the parameter description.',
		});
	}
}

/** The message of any thrown value, for continue-on-fail error items. */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
