import type { WorkflowJson } from './engine';

export const CHAT_MODEL_TYPE: string;
export class LocalChatModelNode {
	description: Record<string, unknown>;
}
export class LocalChatModel {
	constructor(options: { baseUrl: string; apiKey: string; model: string; structured: boolean; reportUsage: boolean; usageEvery?: number; maxRetries?: number });
}
export function connectChatModel(
	workflow: WorkflowJson,
	target: string,
	parameters: { baseUrl: string; apiKey: string; model?: string; structured?: boolean; reportUsage?: boolean; usageEvery?: number; maxRetries?: number },
): WorkflowJson;
