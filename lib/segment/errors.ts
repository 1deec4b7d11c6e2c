/**
 * Thrown for input the segmenter cannot use. `itemIndex` and `field` are set when one input item is
 * at fault, so an adapter can point at it.
 */
export class SegmentInputError extends Error {
	readonly itemIndex: number | undefined;
	readonly field: string | undefined;

	constructor(message: string, itemIndex?: number, field?: string) {
		super(message);
		this.name = 'SegmentInputError';
		this.itemIndex = itemIndex;
		this.field = field;
	}
}
