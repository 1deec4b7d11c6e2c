import type { DeployReason, DeploymentResult } from '../contracts/deployment';
import type { DeploymentNames } from './naming';

/** What every result of one ad carries. */
export interface ResultBase {
	adId: string;
	platform: string;
	dryRun: boolean;
	segmentId?: string;
	channel?: string;
	names?: DeploymentNames;
}

/** The base of every result of one ad variant: its ids, platform, channel and names. */
export function adResultBase(
	ad: { adId: string; segmentId: string; channel: string },
	names: DeploymentNames,
	dryRun: boolean,
): ResultBase {
	return { adId: ad.adId, platform: platformOf(ad.channel), dryRun, segmentId: ad.segmentId, channel: ad.channel, names };
}

/** A result on the DeploymentResult contract: one per input ad, whatever happened to it. */
export function deploymentResult(
	base: ResultBase,
	outcome:
		| { status: 'created' | 'validated' | 'exported'; message: string; remoteIds?: Record<string, string>; files?: string[]; warnings?: string[]; requestId?: string }
		| { status: 'skipped' | 'failed'; reason: DeployReason; message: string; requestId?: string },
): DeploymentResult {
	const ok = outcome.status === 'created' || outcome.status === 'validated' || outcome.status === 'exported';
	const result: DeploymentResult = {
		kind: 'deploymentResult',
		adId: base.adId,
		platform: base.platform,
		status: outcome.status,
		remoteIds: ok && 'remoteIds' in outcome && outcome.remoteIds ? outcome.remoteIds : {},
		dryRun: base.dryRun,
		// n8n reads an `error` on an item as a failure: a deliberate skip carries its reason in `message`
		error: outcome.status === 'failed' ? outcome.message : null,
		message: outcome.message,
	};
	if (base.segmentId !== undefined) result.segmentId = base.segmentId;
	if (base.channel !== undefined) result.channel = base.channel;
	if (base.names) result.names = base.names;
	if (!ok && 'reason' in outcome) result.reason = outcome.reason;
	if (outcome.requestId) result.requestId = outcome.requestId;
	if ('files' in outcome && outcome.files) result.files = outcome.files;
	if ('warnings' in outcome && outcome.warnings && outcome.warnings.length) result.warnings = outcome.warnings;
	return result;
}

/** Platform id for a channel, as DeploymentResult and PerformanceRow name platforms. */
export function platformOf(channel: string): string {
	switch (channel) {
		case 'google_search':
		case 'google_display':
			return 'google_ads';
		case 'microsoft_search':
			return 'microsoft_ads';
		case 'meta_feed':
			return 'meta';
		case 'linkedin':
			return 'linkedin';
		case 'x_post':
			return 'x';
		case 'email':
			return 'email';
		default:
			return channel;
	}
}
