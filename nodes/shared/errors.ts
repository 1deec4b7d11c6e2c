import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ContractError } from '../../lib/contracts/validate';
import { findLlmError, LlmHttpError } from '../../lib/llm/errors';
import { InputError } from '../../lib/util/errors';

const LLM_HINT =
	'Check the Journey Ads LLM credential (base URL, key, model). The node retried transient failures before giving up.';

/**
 * A failed model call (an LlmError, thrown directly or found in the `cause` chain of the error lib
 * wrapped it in) as n8n's API error: the HTTP status as `httpCode`, the provider's message as the
 * message, and lib's context (which persona or segment) in the description. Undefined when no model
 * call is at fault.
 */
export function llmApiError(node: INode, error: unknown, itemIndex?: number): NodeApiError | undefined {
	const llm = findLlmError(error);
	if (!llm) return undefined;
	const http = llm instanceof LlmHttpError ? llm : undefined;
	const httpCode = http ? String(http.statusCode) : undefined;
	const context = error !== llm && error instanceof Error ? error.message : '';
	const body: JsonObject = { name: llm.name, message: llm.message };
	if (http) {
		body.httpCode = httpCode ?? null;
		body.providerMessage = http.providerMessage;
		body.type = http.type;
		body.code = http.code;
	}
	return new NodeApiError(node, body, {
		message: llm.message,
		httpCode,
		itemIndex,
		description: context ? `${context.replace(/\.?$/, '.')} ${LLM_HINT}` : LLM_HINT,
	});
}

/**
 * Turns an error from lib/ into n8n's error type, keeping the item index so the editor points at
 * the failing item, and a description that says what to fix. A model failure anywhere in the cause
 * chain becomes a NodeApiError with its HTTP status and the provider's message.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	const apiError = llmApiError(node, error, itemIndex);
	if (apiError) return apiError;
	if (error instanceof ContractError) {
		return new NodeOperationError(node, error.message, {
			itemIndex: error.itemIndex,
			description: `Check the field "${error.field}" of input item ${error.itemIndex}. Each input item must be a ${error.contract} as produced by the previous Journey Ads node.`,
		});
	}
	if (error instanceof InputError && error.itemIndex !== undefined) {
		return new NodeOperationError(node, error.message, {
			itemIndex: error.itemIndex,
			...(error.field !== undefined ? { description: `Check the field "${error.field}" of input item ${error.itemIndex}.` } : {}),
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, itemIndex === undefined ? {} : { itemIndex });
}
