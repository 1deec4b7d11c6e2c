import type { IDataObject, INodeType, IVersionedNodeType, ICredentialType } from 'n8n-workflow';

export interface Item {
	json: IDataObject & Record<string, any>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }>;
	error?: unknown;
}

export interface RunResult {
	status: string;
	finished: boolean;
	error: any;
	nodeOrder: string[];
	/** node name -> output index -> items of the node's last run */
	outputs: Record<string, Item[][]>;
	runData: Record<string, any[]>;
	staticData: Record<string, any>;
	ms: number;
}

export interface RunOptions {
	credentials?: Record<string, Record<string, unknown>>;
	startNode?: string;
	staticData?: Record<string, any>;
	inputItems?: Item[];
}

export interface Engine {
	runWorkflow(workflowJson: unknown, options?: RunOptions): Promise<RunResult>;
	nodeTypes: unknown;
	credentialTypes: Record<string, ICredentialType>;
}

export function createEngine(options?: {
	fromSource?: boolean;
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes?: Record<string, ICredentialType>;
}): Engine;
export function loadPackage(options?: { fromSource?: boolean }): {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: Record<string, ICredentialType>;
};
export function readWorkflow(file: string): any;
export const PACKAGE_NAME: string;
export const PACKAGE_ROOT: string;
