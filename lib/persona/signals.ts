import type { Segment } from '../contracts/segment';
import { findPii, isProtectedAttribute } from '../governance';

function normalise(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * True when an attribute or feature name is protected (and not in `allowed`): the segmenter's
 * definition of protected attributes, plus any the segment records it was allowed to use.
 */
export function isProtected(
	name: string,
	segment: Pick<Segment, 'protectedAttributesUsed'> | null,
	allowed: readonly string[] = [],
): boolean {
	const n = normalise(name.replace(/^(attributes\.|attr_)/, ''));
	if (allowed.some((a) => normalise(a) === n)) return false;
	if (isProtectedAttribute(name)) return true;
	return (segment?.protectedAttributesUsed ?? []).some((p) => normalise(p) === n);
}

/** A customer-derived string that may be shown: trimmed, short, and free of anything PII-like. */
export function safeText(
	value: string,
	piiNames: readonly string[] = [],
	maxLength = 80,
): string | null {
	const text = value.replace(/\s+/g, ' ').trim();
	if (text.length === 0 || text.length > maxLength) return null;
	if (findPii(text, { names: piiNames, nameCase: 'any' }).length > 0) return null;
	return text;
}

/** One number of the segment and what it is compared with. */
export interface Signal {
	feature: string;
	value: number;
	baseline?: number;
	zScore?: number;
	direction?: 'higher' | 'lower';
}

/** Round for evidence values: 4 decimals at most, no float noise. */
export function evidenceNumber(value: number): number {
	return Math.round(value * 10000) / 10000;
}

/** Human figure: thousands separated, 0-2 decimals depending on size. */
export function fmt(value: number): string {
	const abs = Math.abs(value);
	const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
	const [int, frac] = String(Number(abs.toFixed(decimals))).split('.');
	const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${value < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** Share in [0,1] as a whole percentage. */
export function pct(share: number): string {
	return `${Math.round(share * 100)}%`;
}

/** Reads a segment's numbers by feature name. */
export class SegmentSignals {
	readonly segment: Segment;
	private readonly allowed: readonly string[];
	private readonly piiNames: readonly string[];

	/** `piiNames`: channel, timing and attribute names containing them (or other PII) are skipped. */
	constructor(
		segment: Segment,
		allowedProtected: readonly string[] = [],
		piiNames: readonly string[] = [],
	) {
		this.segment = segment;
		this.allowed = allowedProtected;
		this.piiNames = piiNames;
	}

	/** The distinguishing-feature entry (z-score vs the whole base), if the segmenter flagged it. */
	distinguishing(feature: string): Signal | null {
		if (isProtected(feature, this.segment, this.allowed)) return null;
		const d = this.segment.distinguishingFeatures.find((f) => f.feature === feature);
		if (!d) return null;
		return {
			feature,
			value: d.segmentMean,
			baseline: d.overallMean,
			zScore: d.zScore,
			direction: d.direction,
		};
	}

	/** Mean from the profile (or the distinguishing entry), null when absent. */
	mean(feature: string): number | null {
		if (isProtected(feature, this.segment, this.allowed)) return null;
		const p = this.segment.profile[feature];
		if (p) return p.mean;
		const d = this.segment.distinguishingFeatures.find((f) => f.feature === feature);
		return d ? d.segmentMean : null;
	}

	/** A signal when the feature stands out in `direction` by at least `minZ` standard deviations. */
	notable(feature: string, direction: 'higher' | 'lower', minZ = 0.5): Signal | null {
		const d = this.distinguishing(feature);
		if (!d || d.zScore === undefined) return null;
		const z = d.zScore;
		const dir = d.direction ?? (z >= 0 ? 'higher' : 'lower');
		if (dir !== direction || Math.abs(z) < minZ) return null;
		return d;
	}

	/** Channel -> share, from channelMix or `channel_<name>` profile means; largest first. */
	channels(): Array<{ channel: string; share: number; baseline?: number; zScore?: number }> {
		const out = new Map<string, number>();
		if (this.segment.channelMix) {
			for (const [channel, share] of Object.entries(this.segment.channelMix))
				out.set(channel, share);
		} else {
			for (const [feature, p] of Object.entries(this.segment.profile)) {
				if (feature.startsWith('channel_')) out.set(feature.slice('channel_'.length), p.mean);
			}
		}
		return [...out.entries()]
			.filter(([channel]) => safeText(channel, this.piiNames, 40) !== null)
			.map(([channel, share]) => {
				const d = this.distinguishing(`channel_${channel}`);
				return { channel, share, baseline: d?.baseline, zScore: d?.zScore };
			})
			.sort((a, b) => b.share - a.share || a.channel.localeCompare(b.channel));
	}

	/** Stage -> share from `stage_<stage>` features; largest first. */
	stages(): Array<{ stage: string; share: number; baseline?: number; zScore?: number }> {
		const names = new Set<string>();
		for (const f of Object.keys(this.segment.profile))
			if (f.startsWith('stage_')) names.add(f.slice(6));
		for (const d of this.segment.distinguishingFeatures) {
			if (d.feature.startsWith('stage_')) names.add(d.feature.slice(6));
		}
		return [...names]
			.map((stage) => {
				const d = this.distinguishing(`stage_${stage}`);
				return {
					stage,
					share: this.mean(`stage_${stage}`) ?? 0,
					baseline: d?.baseline,
					zScore: d?.zScore,
				};
			})
			.sort((a, b) => b.share - a.share || a.stage.localeCompare(b.stage));
	}

	/** Timing features (`daypart_<x>`, `weekday_<x>`, `hour_<h>`, `weekend`) when present. */
	timing(): Array<{ feature: string; label: string; share: number }> {
		const out: Array<{ feature: string; label: string; share: number }> = [];
		for (const [feature, p] of Object.entries(this.segment.profile)) {
			let label: string | null = null;
			if (feature.startsWith('daypart_')) label = `${capitalise(feature.slice(8))}s`;
			else if (feature.startsWith('weekday_')) label = capitalise(feature.slice(8));
			else if (feature.startsWith('hour_')) label = `Around ${feature.slice(5)}:00`;
			else if (feature === 'weekend') label = 'Weekends';
			if (label && safeText(label, this.piiNames, 40) !== null)
				out.push({ feature, label, share: p.mean });
		}
		return out.sort((a, b) => b.share - a.share || a.feature.localeCompare(b.feature));
	}

	/** Non-protected categorical attributes with printable values. */
	attributes(
		piiNames: readonly string[] = [],
	): Array<{ key: string; value: string; share: number }> {
		const out: Array<{ key: string; value: string; share: number }> = [];
		for (const [key, a] of Object.entries(this.segment.attributes ?? {})) {
			if (isProtected(key, this.segment, this.allowed)) continue;
			const value = safeText(a.value, piiNames, 40);
			const safeKey = safeText(key, piiNames, 40);
			if (value === null || safeKey === null) continue;
			out.push({ key: safeKey, value, share: a.share });
		}
		return out.sort((a, b) => b.share - a.share || a.key.localeCompare(b.key));
	}
}

export function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

const CHANNEL_LABELS: Record<string, string> = {
	organic_search: 'organic search',
	paid_search: 'paid search',
	paid_social: 'paid social',
	organic_social: 'organic social',
	email: 'email',
	display: 'display ads',
	referral: 'referrals',
	direct: 'direct visits',
	affiliate: 'affiliate partners',
	support: 'customer support',
	store: 'in store',
};

/** Readable channel name: `paid_search` -> `paid search`. */
export function channelLabel(channel: string): string {
	return CHANNEL_LABELS[channel] ?? channel.replace(/[_-]+/g, ' ');
}

/** Readable attribute key: `planTier` -> `plan tier`. */
export function attributeLabel(key: string): string {
	return key
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/[_-]+/g, ' ')
		.toLowerCase();
}
