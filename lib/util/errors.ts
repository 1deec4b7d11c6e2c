/**
 * Input lib cannot use: bad options, or one input item at fault. `itemIndex` (the item's position in
 * the input) and `field` (dotted path) are set when one item is to blame, so an adapter can point at it.
 */
export class InputError extends Error {
	readonly itemIndex: number | undefined;
	readonly field: string | undefined;

	constructor(message: string, itemIndex?: number, field?: string) {
		super(message);
		this.name = 'InputError';
		this.itemIndex = itemIndex;
		this.field = field;
	}
}
