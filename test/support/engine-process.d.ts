import type { Item, RunOptions, WorkflowJson } from './engine';

export interface ChildRunResult {
	status: string;
	finished: boolean;
	error?: { message: string; description?: string };
	nodeOrder: string[];
	outputs: Record<string, Item[][]>;
	/** node name -> the nodes (and their output index) that fed its last run */
	sources: Record<string, Array<{ previousNode: string; previousNodeOutput?: number }>>;
}

export function runWorkflowInChildProcess(workflow: WorkflowJson, options?: RunOptions): Promise<ChildRunResult>;
