/** USD per one million tokens. */
export interface ModelPrice {
	inputPer1M: number;
	outputPer1M: number;
}

export type PriceTable = Record<string, ModelPrice>;

/**
 * List prices (USD per 1M tokens, standard tier) as published by OpenAI in 2025. An estimate only:
 * edit or replace it through the client's `prices` option (Azure, local models, new prices).
 */
export const DEFAULT_PRICES: PriceTable = {
	'gpt-4o-mini': { inputPer1M: 0.15, outputPer1M: 0.6 },
	'gpt-4o': { inputPer1M: 2.5, outputPer1M: 10 },
	'gpt-4.1': { inputPer1M: 2, outputPer1M: 8 },
	'gpt-4.1-mini': { inputPer1M: 0.4, outputPer1M: 1.6 },
	'gpt-4.1-nano': { inputPer1M: 0.1, outputPer1M: 0.4 },
	'gpt-5': { inputPer1M: 1.25, outputPer1M: 10 },
	'gpt-5-mini': { inputPer1M: 0.25, outputPer1M: 2 },
	'gpt-5-nano': { inputPer1M: 0.05, outputPer1M: 0.4 },
	'o4-mini': { inputPer1M: 1.1, outputPer1M: 4.4 },
	'o3-mini': { inputPer1M: 1.1, outputPer1M: 4.4 },
	'gpt-3.5-turbo': { inputPer1M: 0.5, outputPer1M: 1.5 },
};

/**
 * The price for a model: exact name first, then the longest table key the name starts with followed
 * by `-` (so a dated snapshot such as `gpt-4o-mini-2024-07-18` takes `gpt-4o-mini`). Null if unknown.
 */
export function findPrice(model: string, table: PriceTable): ModelPrice | null {
	if (Object.prototype.hasOwnProperty.call(table, model)) return table[model];
	let best: string | null = null;
	for (const key of Object.keys(table)) {
		if (model.startsWith(`${key}-`) && (best === null || key.length > best.length)) best = key;
	}
	return best === null ? null : table[best];
}

/** Estimated cost in USD, or null when the model has no price. */
export function estimateCost(
	model: string,
	promptTokens: number,
	completionTokens: number,
	table: PriceTable,
): number | null {
	const price = findPrice(model, table);
	if (price === null) return null;
	const cost = (promptTokens * price.inputPer1M + completionTokens * price.outputPer1M) / 1_000_000;
	return Math.round(cost * 1e9) / 1e9;
}
