import type { IDataObject, INode } from 'n8n-workflow';

import type { AdVariant, DeploymentResult } from '../../../../../lib/contracts';
import { deploymentResult } from '../../../../../lib/deploy';
import type { PlatformError, RequestFn } from '../../../../../lib/deploy/platformHttp';
import { findPii } from '../../../../../lib/llm/guard';
import { platformApiError } from '../../transport/platform';
import type { AdmittedAd } from '../types';

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

/** Kinds of personal data in what of the ad would leave in a request (its text, keywords, URL). */
export function piiIn(ad: AdVariant, extra: string[]): string[] {
	const texts = [...Object.values(ad.fields).flat(), ...extra, ad.finalUrl];
	return [...new Set(texts.flatMap((t) => findPii(String(t)).map((f) => f.kind)))];
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

/** The base of one ad's result on a platform. */
export function resultBase(a: AdmittedAd, platform: string, dryRun: boolean): ResultBase {
	return {
		adId: a.ad.adId,
		platform,
		dryRun,
		segmentId: a.ad.segmentId,
		channel: a.ad.channel,
		names: a.names,
	};
}

/** A failed result when the ad carries personal data (nothing is sent), else null. */
export function piiRefusal(
	a: AdmittedAd,
	base: ResultBase,
	extra: string[],
): DeploymentResult | null {
	const pii = piiIn(a.ad, extra);
	if (!pii.length) return null;
	return deploymentResult(base, {
		status: 'failed',
		reason: 'pii',
		message: `Refused: the ad${extra.length ? ' or its keywords' : ''} contain${extra.length ? '' : 's'} personal data (${pii.join(', ')}); nothing was sent.`,
	});
}

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
						: `${platformName}: ${outcome.createdObjects.length ? `created ${outcome.createdObjects.join(', ')}` : 'nothing new to create'}${outcome.reused.length ? `; reused ${outcome.reused.join(', ')} found by name` : ''}.`,
					remoteIds: outcome.remoteIds,
				});
	// Objects a failed run did create stay on the result, so they can be found and removed.
	if (outcome.status === 'failed' && Object.keys(outcome.remoteIds).length)
		result.remoteIds = outcome.remoteIds;
	if (base.dryRun) result.payloads = outcome.payloads as IDataObject;
	result.requests = outcome.requests;
	return result;
}
