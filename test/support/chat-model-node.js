// @ts-check
/**
 * A test-only Chat Model sub-node, registered in the engine harness next to this package's nodes:
 * like n8n's own Chat Model sub-nodes, its `supplyData` hands the parent node a chat model object
 * (here a tiny duck-typed one, shaped like a LangChain chat model: `invoke(messages)` resolving to
 * an AIMessage-like `{ content, usage_metadata, response_metadata }`, and `withStructuredOutput`
 * when `structured` is on) that talks to the local OpenAI-compatible server. Like a LangChain
 * chat model it retries its own failed requests: with `maxRetries` n, a 408, 429, 5xx or network
 * error is tried again up to n times (LangChain's AsyncCaller does so, with backoff; here at once).
 */
const TYPE = 'journey-ads-test.lmChatLocal';

class LocalChatModel {
	/** @param {{ baseUrl: string, apiKey: string, model: string, structured: boolean, reportUsage: boolean, usageEvery?: number, maxRetries?: number }} options */
	constructor(options) {
		this.options = options;
		/** Answers given so far: with `usageEvery` n, only every n-th answer reports usage. */
		this.answers = 0;
		this.model = options.model;
		if (!options.structured) this.withStructuredOutput = undefined;
	}

	/** @param {any[]} messages @param {Record<string, unknown>} [extra] */
	async post(messages, extra = {}) {
		for (let retry = 0; ; retry++) {
			try {
				return await this.postOnce(messages, extra);
			} catch (error) {
				const status = /** @type {{ status?: number }} */ (error).status;
				const retryable = status === undefined || status === 408 || status === 429 || status >= 500;
				if (!retryable || retry >= (this.options.maxRetries ?? 0)) throw error;
			}
		}
	}

	/** @param {any[]} messages @param {Record<string, unknown>} extra */
	async postOnce(messages, extra) {
		const response = await fetch(`${this.options.baseUrl}/chat/completions`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.options.apiKey}` },
			body: JSON.stringify({ model: this.options.model, messages, ...extra }),
		});
		const text = await response.text();
		/** @type {any} */
		let body = null;
		try {
			body = JSON.parse(text);
		} catch {
			body = null;
		}
		if (!response.ok) {
			// Provider SDKs throw errors carrying the HTTP status (LangChain's OpenAI: `status`).
			const error = /** @type {Error & { status?: number }} */ (
				new Error(`${response.status} ${body?.error?.message ?? text.slice(0, 200)}`)
			);
			error.status = response.status;
			throw error;
		}
		const choice = body?.choices?.[0];
		if (!choice) throw new Error('the local model answered without choices');
		/** @type {any} */
		const message = { content: choice.message?.content ?? '', response_metadata: { model_name: body.model } };
		this.answers++;
		const every = this.options.usageEvery ?? 1;
		if (this.options.reportUsage && body.usage && this.answers % every === 0) {
			message.usage_metadata = {
				input_tokens: body.usage.prompt_tokens,
				output_tokens: body.usage.completion_tokens,
				total_tokens: body.usage.total_tokens,
			};
		}
		return message;
	}

	/** @param {Array<{ role: string, content: string }>} messages */
	async invoke(messages) {
		return await this.post(messages);
	}

	/** @param {Record<string, unknown>} schema @param {{ name?: string, includeRaw?: boolean }} [config] */
	withStructuredOutput(schema, config = {}) {
		return {
			/** @param {Array<{ role: string, content: string }>} messages */
			invoke: async (messages) => {
				const raw = await this.post(messages, {
					response_format: { type: 'json_schema', json_schema: { name: config.name ?? 'output', schema, strict: false } },
				});
				/** @type {unknown} */
				let parsed = null;
				try {
					parsed = JSON.parse(raw.content);
				} catch {
					parsed = null;
				}
				return config.includeRaw ? { raw, parsed } : parsed;
			},
		};
	}
}

class LocalChatModelNode {
	constructor() {
		this.description = {
			displayName: 'Local Chat Model (test)',
			name: 'lmChatLocal',
			group: ['transform'],
			version: 1,
			description: 'A chat model on the local OpenAI-compatible test server',
			defaults: { name: 'Local Chat Model' },
			inputs: [],
			outputs: ['ai_languageModel'],
			outputNames: ['Model'],
			properties: [
				{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
				{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' },
				{ displayName: 'Model', name: 'model', type: 'string', default: 'local-chat-model' },
				{ displayName: 'Structured Output', name: 'structured', type: 'boolean', default: true },
				{ displayName: 'Report Usage', name: 'reportUsage', type: 'boolean', default: true },
				{ displayName: 'Report Usage Every n-th Answer', name: 'usageEvery', type: 'number', default: 1 },
				{ displayName: 'Max Retries', name: 'maxRetries', type: 'number', default: 0 },
			],
		};
	}

	/** @this {any} @param {number} itemIndex */
	async supplyData(itemIndex) {
		return {
			response: new LocalChatModel({
				baseUrl: String(this.getNodeParameter('baseUrl', itemIndex)),
				apiKey: String(this.getNodeParameter('apiKey', itemIndex)),
				model: String(this.getNodeParameter('model', itemIndex)),
				structured: this.getNodeParameter('structured', itemIndex) === true,
				reportUsage: this.getNodeParameter('reportUsage', itemIndex) === true,
				usageEvery: Number(this.getNodeParameter('usageEvery', itemIndex, 1)),
				maxRetries: Number(this.getNodeParameter('maxRetries', itemIndex, 0)),
			}),
		};
	}
}

/**
 * Adds a "Local Chat Model" sub-node connected to `target`'s Chat Model input.
 * @param {any} workflow @param {string} target @param {{ baseUrl: string, apiKey: string, model?: string, structured?: boolean, reportUsage?: boolean, usageEvery?: number, maxRetries?: number }} parameters
 */
function connectChatModel(workflow, target, parameters) {
	const name = `Chat Model for ${target}`;
	workflow.nodes.push({ name, type: TYPE, typeVersion: 1, position: [0, 400], parameters: { model: 'local-chat-model', structured: true, reportUsage: true, ...parameters } });
	workflow.connections[name] = { ai_languageModel: [[{ node: target, type: 'ai_languageModel', index: 0 }]] };
	return workflow;
}

module.exports = { LocalChatModel, LocalChatModelNode, connectChatModel, CHAT_MODEL_TYPE: TYPE };
