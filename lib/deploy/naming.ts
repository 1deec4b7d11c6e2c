/**
 * Deterministic names for what the Ad Deployer creates, so a rerun or a retry finds what an earlier
 * run made (by name) instead of making it twice, and a human can tell at a glance which segment,
 * channel and ad an object belongs to.
 *
 * - campaign and ad group / ad set: `JA | <segment> | <channel>`: the variants of one segment on one
 *   channel share a budget and compete in one ad group, which is what an A/B test needs;
 * - ad: `JA | <segment> | <channel> | <ad id>`: one per ad variant, unique because ad ids are.
 */

/** Prefix every name starts with: marks the objects this package made. */
export const NAME_PREFIX = 'JA';

/**
 * Longest name we write. Microsoft Advertising allows 128 characters for campaign names (Bulk
 * "Campaign" record), the tightest of the platforms we export to (Google Ads 255, Meta 400 for
 * campaign names).
 */
export const MAX_NAME_LENGTH = 128;

export interface NamedAd {
	adId: string;
	segmentId: string;
	channel: string;
}

export interface DeploymentNames {
	campaign: string;
	adGroup: string;
	ad: string;
}

const SEPARATOR = ' | ';

/**
 * One part of a name: the separator character and control characters (line breaks, tabs) become
 * "-", runs of spaces collapse, so a name always splits back into its parts.
 */
export function namePart(value: string, what: string): string {
	const part = value
		// eslint-disable-next-line no-control-regex
		.replace(/[|\u0000-\u001f\u007f]/g, '-')
		.replace(/\s+/g, ' ')
		.trim();
	if (part.length === 0) throw new Error(`Cannot name a deployment: the ${what} is empty`);
	return part;
}

function join(parts: string[]): string {
	const name = [NAME_PREFIX, ...parts].join(SEPARATOR);
	if (name.length > MAX_NAME_LENGTH) {
		throw new Error(
			`Deployment name "${name.slice(0, 60)}…" is ${name.length} characters; platforms allow at most ${MAX_NAME_LENGTH}. Use shorter segment or ad ids.`,
		);
	}
	return name;
}

/** Names of the campaign, ad group (or ad set) and ad for one ad variant. */
export function deploymentNames(ad: NamedAd): DeploymentNames {
	const segment = namePart(ad.segmentId, 'segment id');
	const channel = namePart(ad.channel, 'channel');
	const adId = namePart(ad.adId, 'ad id');
	const group = join([segment, channel]);
	return { campaign: group, adGroup: group, ad: join([segment, channel, adId]) };
}

/** The parts of a name this package wrote, or null when the name is not one of ours. */
export function parseDeploymentName(
	name: string,
): { segment: string; channel: string; adId?: string } | null {
	const parts = name.split(SEPARATOR);
	if (parts[0] !== NAME_PREFIX || parts.length < 3 || parts.length > 4) return null;
	if (parts.slice(1).some((p) => p.length === 0)) return null;
	return parts.length === 4
		? { segment: parts[1], channel: parts[2], adId: parts[3] }
		: { segment: parts[1], channel: parts[2] };
}
