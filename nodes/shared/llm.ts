import type { IExecuteFunctions, IHttpRequestMethods, INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { LlmClient, type LlmClientOptions } from '../../lib/llm';
import type { HttpResponse, Transport } from '../../lib/llm/types';

import { llmApiError } from './errors';

export const LLM_CREDENTIAL = 'journeyAdsLlmApi';

export interface NodeLlmSettings {
	model?: string;
	temperature?: number;
	concurrency?: number;
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

/**
 * Remote failures of the model endpoint become NodeApiError (HTTP status and the provider's message
 * kept), also when lib wrapped the LlmError as `cause`; any other error is returned unchanged.
 */
export function llmErrorToNodeError(node: INode, error: unknown, itemIndex?: number): unknown {
	return llmApiError(node, error, itemIndex) ?? error;
}
