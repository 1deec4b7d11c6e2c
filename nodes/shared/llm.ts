import type { IExecuteFunctions, IHttpRequestMethods, INode, INodeProperties } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';

import { LlmClient, chatModelClientOptions, isChatModelLike, type LlmClientOptions } from '../../lib/llm';
import type { HttpResponse, Transport } from '../../lib/llm/types';

import { llmApiError } from './errors';

export const LLM_CREDENTIAL = 'journeyAdsLlmApi';

export interface NodeLlmSettings {
	model?: string;
	temperature?: number;
	concurrency?: number;
	/** Retries of the Journey Ads LLM credential's requests; a connected Chat Model retries on its own. */
	maxRetries?: number;
	prices?: LlmClientOptions['prices'];
}

/**
 * An LLM client whose HTTP goes through n8n's `httpRequestWithAuthentication` with the Journey Ads
 * LLM credential (n8n adds the key; the node never sees it) and whose waits use n8n's `sleep`.
 */
export async function createNodeLlmClient(
	ctx: IExecuteFunctions,
	settings: NodeLlmSettings = {},
): Promise<LlmClient> {
	const connected = await connectedChatModelClient(ctx, settings);
	if (connected) return connected;
	const credentials = await ctx.getCredentials(LLM_CREDENTIAL);
	const transport: Transport = async (req) => {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, LLM_CREDENTIAL, {
			method: req.method as IHttpRequestMethods,
			url: req.url,
			body: req.body as object | undefined,
			headers: req.headers,
			json: true,
			timeout: req.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; headers: HttpResponse['headers']; body: unknown };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
	const azure = credentials.azure === true;
	const model = settings.model || String(credentials.defaultModel || '') || undefined;
	return new LlmClient({
		transport,
		sleep: async (ms) => await sleep(ms),
		baseUrl: String(credentials.baseUrl || '').replace(/\/+$/, '') || undefined,
		model,
		temperature: settings.temperature,
		concurrency: settings.concurrency,
		maxRetries: settings.maxRetries,
		prices: settings.prices,
		azure: azure ? { apiVersion: String(credentials.apiVersion || ''), deployment: model } : undefined,
	});
}

/** The optional Chat Model input of the nodes that write with a model. */
export const CHAT_MODEL_INPUT = {
	type: NodeConnectionTypes.AiLanguageModel,
	displayName: 'Chat Model',
	required: false,
	maxConnections: 1,
} as const;

/** Shown in Mode "With a Language Model": where the model comes from. */
export const chatModelNotice: INodeProperties = {
	displayName:
		"Connect a Chat Model sub-node (OpenAI, Anthropic, Gemini, Ollama ...) to the Chat Model input to write with it; without one the Journey Ads LLM credential is used. A connected model uses its own model name, sampling and retry settings: the sub-node retries rate limits and server errors itself (e.g. the OpenAI Chat Model's Max Retries option), and this node's Max Retries applies to the credential only.",
	name: 'chatModelNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { mode: ['llm'] } },
};

/**
 * A client whose requests go to the Chat Model sub-node connected to the node's Chat Model input
 * (any model n8n has: OpenAI, Anthropic, Gemini, Ollama ...), or null when none is connected. The
 * model's own settings decide model name, sampling and retries; the node's Model, Temperature and
 * Max Retries are not used (the retry rule: {@link chatModelClientOptions}).
 */
async function connectedChatModelClient(
	ctx: IExecuteFunctions,
	settings: NodeLlmSettings,
): Promise<LlmClient | null> {
	const supplied = (await ctx.getInputConnectionData(NodeConnectionTypes.AiLanguageModel, 0)) as unknown;
	const model = Array.isArray(supplied) ? supplied[0] : supplied;
	if (model === undefined || model === null) return null;
	if (!isChatModelLike(model)) {
		throw new NodeOperationError(ctx.getNode(), 'The node connected to the Chat Model input is not a chat model', {
			description: 'Connect a Chat Model sub-node (e.g. OpenAI Chat Model, Anthropic Chat Model, Ollama Chat Model).',
		});
	}
	return new LlmClient({
		...chatModelClientOptions(model),
		sleep: async (ms) => await sleep(ms),
		concurrency: settings.concurrency,
		prices: settings.prices,
	});
}

/**
 * Remote failures of the model endpoint become NodeApiError (HTTP status and the provider's message
 * kept), also when lib wrapped the LlmError as `cause`; any other error is returned unchanged.
 */
export function llmErrorToNodeError(node: INode, error: unknown, itemIndex?: number): unknown {
	return llmApiError(node, error, itemIndex) ?? error;
}
