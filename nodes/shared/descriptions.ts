import type { INodeProperties } from 'n8n-workflow';

/** Offline-or-model switch shared by the nodes that can call a language model. */
export function modeProperty(offline: string, llm: string): INodeProperties {
	return {
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Offline', value: 'offline', description: offline },
			{ name: 'With a Language Model', value: 'llm', description: llm },
		],
		default: 'offline',
	};
}

export const modelProperty: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'string',
	default: '',
	placeholder: 'gpt-4o-mini',
	description: "Model name; empty uses the credential's default model",
	displayOptions: { show: { mode: ['llm'] } },
};

/** Options every model-calling node offers, in the Options collection. */
export function llmOptionFields(fallbackDescription: string, temperature: number): INodeProperties[] {
	return [
		{ displayName: 'Concurrency', name: 'concurrency', type: 'number', typeOptions: { minValue: 1, maxValue: 32 }, default: 4, description: 'Model requests in flight at once' },
		{ displayName: 'Max Retries', name: 'maxRetries', type: 'number', typeOptions: { minValue: 0, maxValue: 10 }, default: 3, description: "Retries of the Journey Ads LLM credential's requests on rate limits, server errors and timeouts, with exponential backoff and jitter. A connected Chat Model sub-node retries with its own setting instead (e.g. the OpenAI Chat Model's Max Retries)." },
		{
			displayName: 'On Model Failure',
			name: 'onLlmError',
			type: 'options',
			options: [
				{ name: 'Fall Back to Offline', value: 'fallback', description: fallbackDescription },
				{ name: 'Stop the Workflow', value: 'throw' },
			],
			default: 'fallback',
		},
		{ displayName: 'Temperature', name: 'temperature', type: 'number', typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 }, default: temperature },
	];
}
