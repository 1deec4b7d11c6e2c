import type { IDataObject, INodeType, IVersionedNodeType, ICredentialType } from 'n8n-workflow';

export interface Item {
	json: IDataObject;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }>;
	error?: unknown;
}

export interface WorkflowNodeJson {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
	disabled?: boolean;
}

export interface WorkflowJson {
	name: string;
	nodes: WorkflowNodeJson[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }> | null> }>;
	settings?: IDataObject;
	pinData?: IDataObject;
	staticData?: IDataObject;
	meta?: IDataObject;
}

export interface RunResult {
	status: string;
	finished: boolean;
	error?: { message: string; description?: string; context?: IDataObject; [key: string]: unknown };
	nodeOrder: string[];
	/** node name -> output index -> items of the node's last run */
	outputs: Record<string, Item[][]>;
	runData: Record<string, Array<{ executionTime?: number; error?: { message: string } }>>;
	staticData: IDataObject;
	ms: number;
}

export interface RunOptions {
	credentials?: Record<string, IDataObject>;
	startNode?: string;
	staticData?: IDataObject;
	inputItems?: Item[];
}

export interface Engine {
	runWorkflow(workflowJson: WorkflowJson, options?: RunOptions): Promise<RunResult>;
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
export function readWorkflow(file: string): WorkflowJson;
export const PACKAGE_NAME: string;
export const PACKAGE_ROOT: string;
