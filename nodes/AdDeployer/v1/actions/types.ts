import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AdVariant, DeploymentResult } from '../../../../lib/contracts';
import type { DeploymentNames } from '../../../../lib/deploy';

/** An input ad that passed the approval and verdict gate, with its input index and names. */
export interface AdmittedAd {
	index: number;
	ad: AdVariant;
	names: DeploymentNames;
}

/** What an ad operation returns: one result per admitted ad, and what goes to the second output. */
export interface AdOperationOutput {
	/** Results keyed by input item index; an admitted ad without a result is reported as failed. */
	results: Map<number, DeploymentResult>;
	/** Files, e-mails or anything else the next node takes; each item carries its own pairedItem. */
	deliverables: INodeExecutionData[];
}

/**
 * An operation that takes ad variants (Bulk File → Export, Email → Prepare, Campaign → Deploy):
 * the router validates each input as an ad variant, applies the gate and the privacy check on what
 * would leave (lib/governance), reports refused items, and
 * hands the admitted ads over in one call, so an operation may batch them (one file, one request).
 * Problems with one ad belong in that ad's result (status failed); a throw fails the whole call.
 */
export interface AdOperation {
	kind: 'ads';
	description: INodeProperties[];
	/** Whether results of this operation are dry runs (nothing changed on any platform). */
	isDryRun(this: IExecuteFunctions, itemIndex: number): boolean;
	execute(this: IExecuteFunctions, admitted: AdmittedAd[]): Promise<AdOperationOutput>;
}

/**
 * An operation that works item by item on other inputs (e.g. Performance → Get): the router loops,
 * pairs every output item with its input and turns failures into error items when the node
 * continues on fail.
 */
export interface ItemOperation {
	kind: 'items';
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

export type DeployerOperation = AdOperation | ItemOperation;
