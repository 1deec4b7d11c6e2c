import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AdVariant, assertContract, type DeploymentResult } from '../../../../lib/contracts';
import { adResultBase, deploymentNames, deploymentResult, gateAd, outgoingAdPayload, piiRefusal, platformOf } from '../../../../lib/deploy';
import { toNodeError } from '../../../shared/errors';
import { errorMessage } from '../../../shared/params';
import * as bulkFile from './bulkFile/BulkFile.resource';
import * as campaign from './campaign/Campaign.resource';
import * as email from './email/Email.resource';
import * as performance from './performance/Performance.resource';
import type { AdDeployerType } from './node.type';
import type { AdmittedAd, AdOperation, DeployerOperation, ItemOperation } from './types';

/** Every resource's operations; a new resource is one more line here. */
const RESOURCES: Record<string, Record<string, DeployerOperation>> = {
	bulkFile: bulkFile.operations,
	email: email.operations,
	campaign: campaign.operations,
	performance: performance.operations,
};

function operationOf(ctx: IExecuteFunctions): DeployerOperation {
	const data = {
		resource: ctx.getNodeParameter('resource', 0),
		operation: ctx.getNodeParameter('operation', 0),
	} as AdDeployerType;
	const operation = RESOURCES[data.resource]?.[data.operation];
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${data.operation}" of "${data.resource}" is not supported`);
	}
	return operation;
}

/** A failed result for an input that could not be read as an ad (continue on fail). */
function inputFailure(json: IDataObject, error: unknown): DeploymentResult {
	const adId = typeof json.adId === 'string' && json.adId ? json.adId : '(not an ad)';
	const channel = typeof json.channel === 'string' ? json.channel : undefined;
	return deploymentResult(
		{ adId, platform: channel ? platformOf(channel) : 'unknown', dryRun: true, channel },
		{ status: 'failed', reason: 'input', message: errorMessage(error) },
	);
}

async function runAdOperation(ctx: IExecuteFunctions, op: AdOperation): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const results = new Map<number, DeploymentResult>();
	const admitted: AdmittedAd[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const ad = assertContract('ad variant', AdVariant, items[i].json, i);
			const names = deploymentNames(ad);
			const decision = gateAd(ad, {
				approved: ctx.getNodeParameter('approved', i) as boolean,
				requireApproval: ctx.getNodeParameter('requireApproval', i) as boolean,
			});
			// Refused ads are reported and go no further; admitted ones pass the privacy check first.
			const pii = decision.admit ? piiRefusal({ ...outgoingAdPayload(ad), names }) : null;
			if (decision.admit && pii === null) {
				admitted.push({ index: i, ad, names });
				continue;
			}
			const refusal = decision.admit
				? { status: 'failed' as const, reason: 'pii' as const, message: pii ?? '' }
				: { status: decision.status, reason: decision.reason, message: decision.message };
			results.set(
				i,
				deploymentResult(
					adResultBase(ad, names, op.isDryRun.call(ctx, i)),
					refusal,
				),
			);
		} catch (error) {
			if (!ctx.continueOnFail()) throw toNodeError(ctx.getNode(), error, i);
			results.set(i, inputFailure(items[i].json, error));
		}
	}

	let deliverables: INodeExecutionData[] = [];
	if (admitted.length > 0) {
		try {
			const out = await op.execute.call(ctx, admitted);
			deliverables = out.deliverables;
			for (const a of admitted) {
				const result = out.results.get(a.index);
				if (!result) throw new Error(`The operation reported nothing for ad ${a.ad.adId} (item ${a.index})`);
				results.set(a.index, result);
			}
		} catch (error) {
			if (!ctx.continueOnFail()) throw toNodeError(ctx.getNode(), error, admitted[0].index);
			for (const a of admitted) {
				results.set(
					a.index,
					deploymentResult(
						adResultBase(a.ad, a.names, op.isDryRun.call(ctx, a.index)),
						{ status: 'failed', reason: 'platform', message: errorMessage(error) },
					),
				);
			}
		}
	}

	const resultItems: INodeExecutionData[] = items.map((_, i) => ({
		json: results.get(i) as unknown as IDataObject,
		pairedItem: { item: i },
	}));
	return [resultItems, deliverables];
}

async function runItemOperation(ctx: IExecuteFunctions, op: ItemOperation): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const produced = await op.execute.call(ctx, i);
			for (const item of produced) out.push({ ...item, pairedItem: item.pairedItem ?? { item: i } });
		} catch (error) {
			if (!ctx.continueOnFail()) throw toNodeError(ctx.getNode(), error, i);
			out.push({ json: { error: errorMessage(error) }, pairedItem: { item: i } });
		}
	}
	return [out, []];
}

/**
 * The one place that owns the item loop, pairing and continue-on-fail: every input item ends as
 * exactly one result on the first output (created, validated, exported, skipped or failed); files
 * and e-mails go to the second.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const op = operationOf(this);
	return op.kind === 'ads' ? await runAdOperation(this, op) : await runItemOperation(this, op);
}
