import type { Item, RunOptions, WorkflowJson } from './engine';

export interface ChildRunResult {
	status: string;
	finished: boolean;
	error?: { message: string; description?: string };
	nodeOrder: string[];
	outputs: Record<string, Item[][]>;
}

export function runWorkflowInChildProcess(workflow: WorkflowJson, options?: RunOptions): Promise<ChildRunResult>;
