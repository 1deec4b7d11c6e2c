import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ContractError } from '../../lib/contracts/validate';

/**
 * Turns an error from lib/ into n8n's error type, keeping the item index so the editor points at
 * the failing item, and a description that says what to fix.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	if (error instanceof ContractError) {
		return new NodeOperationError(node, error.message, {
			itemIndex: error.itemIndex,
			description: `Check the field "${error.field}" of input item ${error.itemIndex}. Each input item must be a ${error.contract} as produced by the previous Journey Ads node.`,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, itemIndex === undefined ? {} : { itemIndex });
}

/** Wraps a failed remote call (HTTP status or network error) as n8n's API error. */
export function toApiError(node: INode, error: unknown, message?: string): NodeApiError {
	if (error instanceof NodeApiError) return error;
	const body =
		error instanceof Error
			? ({ message: error.message, name: error.name } as JsonObject)
			: ((error ?? {}) as JsonObject);
	return new NodeApiError(node, body, message ? { message } : {});
}
