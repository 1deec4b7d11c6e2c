import type { IDataObject, INode } from 'n8n-workflow';

import type { AdVariant, DeploymentResult } from '../../../../../lib/contracts';
import { deploymentResult } from '../../../../../lib/deploy';
import type { PlatformError, RequestFn } from '../../../../../lib/deploy/platformHttp';
import { platformApiError } from '../../transport/platform';

/** A list field of the ad (a single string becomes a one-item list). */
export function fieldList(ad: AdVariant, name: string): string[] {
	const v = ad.fields[name];
	return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
}

/** A text field of the ad, or undefined when empty. */
export function fieldText(ad: AdVariant, name: string): string | undefined {
	const v = ad.fields[name];
	return typeof v === 'string' && v ? v : undefined;
}

/** What Meta's and LinkedIn's deploy outcomes have in common. */
export interface ObjectOutcome {
	status: 'created' | 'validated' | 'failed';
	remoteIds: Record<string, string>;
	createdObjects: string[];
	reused: string[];
	error: PlatformError | null;
	payloads: Record<string, unknown>;
	requests: { get: number; post: number };
}

export type ResultBase = Parameters<typeof deploymentResult>[0];

/** Stands in for the platform in a dry run, which sends nothing (and so needs no credential). */
export const DRY_RUN_REQUEST: RequestFn = async () => ({
	status: 0,
	headers: {},
	body: null,
	networkError: 'dry run sends nothing',
});

/**
 * An outcome as the ad's result: a failure of the whole request throws n8n's API error (the router
 * turns it into results when the node continues on fail); the rest is reported on the ad.
 */
export function objectResult(
	node: INode,
	platformName: string,
	base: ResultBase,
	outcome: ObjectOutcome,
	itemIndex: number,
): DeploymentResult {
	if (outcome.error?.fatal) throw platformApiError(node, platformName, outcome.error, itemIndex);
	const result =
		outcome.status === 'failed'
			? deploymentResult(base, {
					status: 'failed',
					reason: 'platform',
					message: `${platformName} refused: ${outcome.error?.message ?? 'unknown error'}${outcome.error?.code ? ` (code ${outcome.error.code})` : ''}`,
					...(outcome.error?.requestId ? { requestId: outcome.error.requestId } : {}),
				})
			: deploymentResult(base, {
					status: outcome.status,
					message: base.dryRun
						? `${platformName} payloads built and checked; nothing was sent (dry run).`
						: `${platformName}: ${outcome.createdObjects.length ? `created ${outcome.createdObjects.join(', ')}` : 'nothing new to create'}${outcome.reused.length ? `; reused ${outcome.reused.join(', ')} that already existed (picked, or found by name)` : ''}.`,
					remoteIds: outcome.remoteIds,
				});
	// Objects a failed run did create stay on the result, so they can be found and removed.
	if (outcome.status === 'failed' && Object.keys(outcome.remoteIds).length)
		result.remoteIds = outcome.remoteIds;
	if (base.dryRun) result.payloads = outcome.payloads as IDataObject;
	result.requests = outcome.requests;
	return result;
}
