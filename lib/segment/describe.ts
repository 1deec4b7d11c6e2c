import { round } from '../util/stats';

/** A feature's standing in a segment: z = (segment mean - overall mean) / overall standard deviation. */
export interface FeatureStanding {
	feature: string;
	zScore: number;
	segmentMean: number;
	overallMean: number;
}

/** |z| at or above this counts as "high" / "low" for the label rules. */
export const LABEL_Z_THRESHOLD = 0.5;

type Level = 'high' | 'low' | 'notHigh' | 'notLow';

/**
 * Label rules, first match wins. `when` maps a feature name to the level its z-score must reach
 * (high: z >= 0.5, low: z <= -0.5, notHigh: z < 0.5, notLow: z > -0.5; a feature the data lacks never
 * matches high/low and always matches notHigh/notLow). `channel_*` stands for the channel share with the
 * highest z-score, and `{channel}` in the label is that channel's name.
 *
 * | label                          | when                                        |
 * |--------------------------------|---------------------------------------------|
 * | Lapsing high-value customers   | recencyDays high, monetary high             |
 * | High-value loyalists           | monetary high, frequency high               |
 * | Big spenders                   | monetary high                               |
 * | Lapsed buyers                  | recencyDays high, conversions notLow        |
 * | Dormant browsers               | recencyDays high                            |
 * | Churn risks                    | stage_churn-risk high                       |
 * | Advocates                      | stage_advocacy high                         |
 * | Frustrated customers           | painPoints high                             |
 * | Quick converters               | conversions high, daysToConvert low         |
 * | Repeat buyers                  | conversions high                            |
 * | Engaged non-buyers             | frequency high, conversions low             |
 * | {channel}-driven deal seekers  | channel_* high, monetary notHigh            |
 * | {channel}-driven customers     | channel_* high                              |
 * | New prospects                  | stage_awareness high                        |
 * | Active evaluators              | stage_consideration high                    |
 * | Slow deciders                  | daysToConvert high                          |
 * | Light, infrequent customers    | frequency low, monetary notHigh             |
 * | (fallback) High X, low Y       | the two strongest features, by name         |
 * | (fallback) Typical customers   | no feature reaches |z| >= 0.5                |
 */
export const LABEL_RULES: ReadonlyArray<{ label: string; when: Readonly<Record<string, Level>> }> =
	[
		{ label: 'Lapsing high-value customers', when: { recencyDays: 'high', monetary: 'high' } },
		{ label: 'High-value loyalists', when: { monetary: 'high', frequency: 'high' } },
		{ label: 'Big spenders', when: { monetary: 'high' } },
		{ label: 'Lapsed buyers', when: { recencyDays: 'high', conversions: 'notLow' } },
		{ label: 'Dormant browsers', when: { recencyDays: 'high' } },
		{ label: 'Churn risks', when: { 'stage_churn-risk': 'high' } },
		{ label: 'Advocates', when: { stage_advocacy: 'high' } },
		{ label: 'Frustrated customers', when: { painPoints: 'high' } },
		{ label: 'Quick converters', when: { conversions: 'high', daysToConvert: 'low' } },
		{ label: 'Repeat buyers', when: { conversions: 'high' } },
		{ label: 'Engaged non-buyers', when: { frequency: 'high', conversions: 'low' } },
		{ label: '{channel}-driven deal seekers', when: { 'channel_*': 'high', monetary: 'notHigh' } },
		{ label: '{channel}-driven customers', when: { 'channel_*': 'high' } },
		{ label: 'New prospects', when: { stage_awareness: 'high' } },
		{ label: 'Active evaluators', when: { stage_consideration: 'high' } },
		{ label: 'Slow deciders', when: { daysToConvert: 'high' } },
		{ label: 'Light, infrequent customers', when: { frequency: 'low', monetary: 'notHigh' } },
	];

const FEATURE_WORDS: Record<string, string> = {
	recencyDays: 'days since last seen',
	frequency: 'touchpoints',
	monetary: 'revenue',
	conversions: 'conversions',
	daysToConvert: 'days to convert',
	painPoints: 'pain points',
};

/** Plain words for a feature name: `channel_paid_search` -> "paid search share". */
export function featureWords(feature: string): string {
	if (FEATURE_WORDS[feature]) return FEATURE_WORDS[feature];
	if (feature.startsWith('channel_')) return `${feature.slice(8).replace(/_/g, ' ')} share`;
	if (feature.startsWith('stage_')) return `${feature.slice(6).replace(/[_-]/g, ' ')} stage`;
	return feature
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/[_.]+/g, ' ')
		.toLowerCase();
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function matches(z: number | undefined, level: Level): boolean {
	if (z === undefined) return level === 'notHigh' || level === 'notLow';
	if (level === 'high') return z >= LABEL_Z_THRESHOLD;
	if (level === 'low') return z <= -LABEL_Z_THRESHOLD;
	if (level === 'notHigh') return z < LABEL_Z_THRESHOLD;
	return z > -LABEL_Z_THRESHOLD;
}

/**
 * Label a segment from all its feature standings (see {@link LABEL_RULES}). Returns the label and the
 * rule that produced it (null for a fallback).
 */
export function labelSegment(standings: readonly FeatureStanding[]): {
	label: string;
	rule: string | null;
} {
	const z = new Map(standings.map((s) => [s.feature, s.zScore]));
	let topChannel: FeatureStanding | undefined;
	for (const s of standings) {
		if (s.feature.startsWith('channel_') && (!topChannel || s.zScore > topChannel.zScore))
			topChannel = s;
	}
	if (topChannel) z.set('channel_*', topChannel.zScore);
	for (const rule of LABEL_RULES) {
		if (Object.entries(rule.when).every(([feature, level]) => matches(z.get(feature), level))) {
			const channel = topChannel ? capitalise(topChannel.feature.slice(8).replace(/_/g, ' ')) : '';
			return { label: rule.label.replace('{channel}', channel), rule: describeRule(rule.when) };
		}
	}
	const strong = standings
		.filter((s) => Math.abs(s.zScore) >= LABEL_Z_THRESHOLD)
		.sort((a, b) => Math.abs(b.zScore) - Math.abs(a.zScore))
		.slice(0, 2);
	if (strong.length === 0) return { label: 'Typical customers', rule: null };
	const parts = strong.map((s) => `${s.zScore > 0 ? 'high' : 'low'} ${featureWords(s.feature)}`);
	return { label: capitalise(parts.join(', ')), rule: null };
}

function describeRule(when: Readonly<Record<string, Level>>): string {
	return Object.entries(when)
		.map(([feature, level]) => `${feature === 'channel_*' ? 'a channel share' : feature} ${level}`)
		.join(', ');
}

/** One or two sentences explaining a segment from its size and strongest features. */
export function describeSegment(
	label: string,
	size: number,
	share: number,
	top: readonly FeatureStanding[],
	rule: string | null,
): string {
	const head = `${label}: ${size} customer${size === 1 ? '' : 's'} (${round(share * 100, 1)}% of all).`;
	const strong = top.filter((s) => s.zScore !== 0).slice(0, 3);
	if (strong.length === 0) return `${head} No feature sets this segment apart from the whole.`;
	const facts = strong.map(
		(s) =>
			`${featureWords(s.feature)} ${s.zScore > 0 ? 'higher' : 'lower'} than overall (${fmt(s.segmentMean)} vs ${fmt(s.overallMean)}, z ${s.zScore > 0 ? '+' : ''}${round(s.zScore, 2)})`,
	);
	const why = rule ? ` Labelled by the rule: ${rule}.` : '';
	return `${head} Compared with all customers: ${facts.join('; ')}.${why}`;
}

function fmt(v: number): string {
	const a = Math.abs(v);
	return String(a >= 100 ? round(v, 0) : a >= 1 ? round(v, 2) : round(v, 3));
}
