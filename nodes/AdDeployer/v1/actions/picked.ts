import type { IExecuteFunctions } from 'n8n-workflow';

/** A picked campaign / ad group id ('' when the picker is left empty). */
export function pickedId(ctx: IExecuteFunctions, name: string, i: number): string {
	const value = ctx.getNodeParameter(name, i, '', { extractValue: true });
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}
