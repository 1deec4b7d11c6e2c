import { capitalise, channelLabel, money, pct } from '../util/format';
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

export interface LabelRule {
	/** Short name for the segment; `{channel}` is the channel whose share stands out most. */
	label: string;
	/** How a marketer would open a sentence about the segment. */
	headline: string;
	when: Readonly<Record<string, Level>>;
}

/**
 * Label rules, first match wins. `when` maps a feature name to the level its z-score must reach
 * (high: z >= 0.5, low: z <= -0.5, notHigh: z < 0.5, notLow: z > -0.5; a feature the data lacks never
 * matches high/low and always matches notHigh/notLow). `channel_*` stands for the channel share with the
 * highest z-score, and `{channel}` in the label is that channel's name.
 *
 * | label                                | when                                                  |
 * |--------------------------------------|-------------------------------------------------------|
 * | Lapsing high-value customers         | recencyDays high, monetary high                       |
 * | High-value loyalists                 | monetary high, frequency high                         |
 * | High-value loyalists                 | monetary high, conversions high                       |
 * | Big spenders                         | monetary high                                         |
 * | Lapsed buyers                        | recencyDays high, conversions notLow                  |
 * | Inactive non-buyers                  | recencyDays high                                      |
 * | Churn risks                          | stage_churn-risk high                                 |
 * | Advocates                            | stage_advocacy high                                   |
 * | Quick converters                     | conversions high, daysToConvert low                   |
 * | {channel} deal seekers               | channel_* high, monetary notHigh, conversions notLow  |
 * | {channel} browsers, not buying       | channel_* high, conversions low                       |
 * | Frequent browsers, not buying        | frequency high, conversions low                       |
 * | Repeat buyers                        | conversions high                                      |
 * | Frustrated customers                 | painPoints high                                       |
 * | {channel}-driven customers           | channel_* high                                        |
 * | New prospects                        | stage_awareness high                                  |
 * | Active evaluators                    | stage_consideration high                              |
 * | Slow deciders                        | daysToConvert high                                    |
 * | Light, infrequent customers          | frequency low, monetary notHigh                       |
 * | (fallback) High X, low Y             | the two strongest features, by name                   |
 * | (fallback) Typical customers         | no feature reaches |z| >= 0.5                         |
 *
 * Two segments that get the same label are told apart by their next distinguishing trait
 * (`High-value loyalists, mostly via email`), see {@link distinctLabels}.
 */
export const LABEL_RULES: readonly LabelRule[] = [
	{
		label: 'Lapsing high-value customers',
		headline: 'Big spenders who have gone quiet',
		when: { recencyDays: 'high', monetary: 'high' },
	},
	{
		label: 'High-value loyalists',
		headline: 'Big spenders who keep coming back',
		when: { monetary: 'high', frequency: 'high' },
	},
	{
		label: 'High-value loyalists',
		headline: 'Big spenders who keep coming back',
		when: { monetary: 'high', conversions: 'high' },
	},
	{ label: 'Big spenders', headline: 'Customers who spend big', when: { monetary: 'high' } },
	{
		label: 'Lapsed buyers',
		headline: 'Past buyers who have gone quiet',
		when: { recencyDays: 'high', conversions: 'notLow' },
	},
	{
		label: 'Inactive non-buyers',
		headline: 'Contacts who have gone inactive without buying much',
		when: { recencyDays: 'high' },
	},
	{
		label: 'Churn risks',
		headline: 'Customers showing signs of leaving',
		when: { 'stage_churn-risk': 'high' },
	},
	{
		label: 'Advocates',
		headline: 'Loyal fans who buy again and again',
		when: { stage_advocacy: 'high' },
	},
	{
		label: 'Quick converters',
		headline: 'Shoppers who buy soon after finding us',
		when: { conversions: 'high', daysToConvert: 'low' },
	},
	{
		label: '{channel} deal seekers',
		headline: 'Deal hunters who respond to {channel} offers',
		when: { 'channel_*': 'high', monetary: 'notHigh', conversions: 'notLow' },
	},
	{
		label: '{channel} browsers, not buying',
		headline: 'Browsers who arrive through {channel} but rarely buy',
		when: { 'channel_*': 'high', conversions: 'low' },
	},
	{
		label: 'Frequent browsers, not buying',
		headline: 'Browsers who keep visiting but rarely buy',
		when: { frequency: 'high', conversions: 'low' },
	},
	{ label: 'Repeat buyers', headline: 'Customers who buy again', when: { conversions: 'high' } },
	{
		label: 'Frustrated customers',
		headline: 'Customers who keep running into problems',
		when: { painPoints: 'high' },
	},
	{
		label: '{channel}-driven customers',
		headline: 'Customers who mostly come through {channel}',
		when: { 'channel_*': 'high' },
	},
	{
		label: 'New prospects',
		headline: 'New contacts who are just getting to know us',
		when: { stage_awareness: 'high' },
	},
	{
		label: 'Active evaluators',
		headline: 'Shoppers comparing products before buying',
		when: { stage_consideration: 'high' },
	},
	{
		label: 'Slow deciders',
		headline: 'Shoppers who take their time before buying',
		when: { daysToConvert: 'high' },
	},
	{
		label: 'Light, infrequent customers',
		headline: 'Occasional customers with light engagement',
		when: { frequency: 'low', monetary: 'notHigh' },
	},
];

const FEATURE_WORDS: Record<string, string> = {
	recencyDays: 'days since last seen',
	frequency: 'interactions',
	monetary: 'revenue',
	conversions: 'purchases',
	daysToConvert: 'days to first purchase',
	painPoints: 'problems',
};


/** Plain words for a feature name: `channel_paid_search` -> "paid search share". */
export function featureWords(feature: string): string {
	if (FEATURE_WORDS[feature]) return FEATURE_WORDS[feature];
	if (feature.startsWith('channel_')) return `${channelLabel(feature.slice(8))} share`;
	if (feature.startsWith('stage_')) return `${feature.slice(6).replace(/[_-]/g, ' ')} stage`;
	return plainWords(feature);
}

function plainWords(feature: string): string {
	return feature
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/[_.]+/g, ' ')
		.toLowerCase();
}


function matches(z: number | undefined, level: Level): boolean {
	if (z === undefined) return level === 'notHigh' || level === 'notLow';
	if (level === 'high') return z >= LABEL_Z_THRESHOLD;
	if (level === 'low') return z <= -LABEL_Z_THRESHOLD;
	if (level === 'notHigh') return z < LABEL_Z_THRESHOLD;
	return z > -LABEL_Z_THRESHOLD;
}

export interface SegmentName {
	label: string;
	/** Opening words for the description. */
	headline: string;
	/** The rule's conditions in words (for provenance), or null for a fallback. */
	rule: string | null;
	/**
	 * Features the label speaks for (their high / low conditions): told first in the description, not
	 * used again to tell duplicate labels apart.
	 */
	explained: string[];
}

/**
 * Label a segment from all its feature standings (see {@link LABEL_RULES}). Returns the label, a
 * headline for the description, the rule that produced it (null for a fallback) and the features the
 * label speaks for.
 */
export function labelSegment(standings: readonly FeatureStanding[]): SegmentName {
	const z = new Map(standings.map((s) => [s.feature, s.zScore]));
	let topChannel: FeatureStanding | undefined;
	for (const s of standings) {
		if (s.feature.startsWith('channel_') && (!topChannel || s.zScore > topChannel.zScore))
			topChannel = s;
	}
	if (topChannel) z.set('channel_*', topChannel.zScore);
	for (const rule of LABEL_RULES) {
		if (Object.entries(rule.when).every(([feature, level]) => matches(z.get(feature), level))) {
			const channel = topChannel ? channelLabel(topChannel.feature.slice(8)) : '';
			const explained = Object.entries(rule.when)
				.filter(([, level]) => level === 'high' || level === 'low')
				.map(([f]) => (f === 'channel_*' && topChannel ? topChannel.feature : f));
			return {
				label: capitalise(rule.label.replace('{channel}', channel)),
				headline: capitalise(rule.headline.replace('{channel}', channel)),
				rule: describeRule(rule.when),
				explained,
			};
		}
	}
	const strong = standings
		.filter((s) => Math.abs(s.zScore) >= LABEL_Z_THRESHOLD)
		.sort((a, b) => Math.abs(b.zScore) - Math.abs(a.zScore))
		.slice(0, 2);
	if (strong.length === 0) {
		return {
			label: 'Typical customers',
			headline: 'Customers close to the average on every measure',
			rule: null,
			explained: [],
		};
	}
	const parts = strong.map((s) => `${s.zScore > 0 ? 'high' : 'low'} ${featureWords(s.feature)}`);
	const label = capitalise(parts.join(', '));
	return { label, headline: label, rule: null, explained: strong.map((s) => s.feature) };
}

function describeRule(when: Readonly<Record<string, Level>>): string {
	return Object.entries(when)
		.map(([feature, level]) => `${feature === 'channel_*' ? 'a channel share' : feature} ${level}`)
		.join(', ');
}

/** A short trait that tells a segment apart, e.g. "mostly via email", "recently active". */
export function traitPhrase(s: FeatureStanding): string {
	const up = s.zScore > 0;
	const f = s.feature;
	if (f === 'monetary') return up ? 'bigger spenders' : 'smaller spenders';
	if (f === 'conversions') return up ? 'frequent buyers' : 'rarely buying';
	if (f === 'frequency') return up ? 'highly engaged' : 'lightly engaged';
	if (f === 'recencyDays') return up ? 'not seen lately' : 'recently active';
	if (f === 'painPoints') return up ? 'more friction' : 'few problems';
	if (f === 'daysToConvert') return up ? 'slow to buy' : 'quick to buy';
	if (f.startsWith('channel_'))
		return up ? `mostly via ${channelLabel(f.slice(8))}` : `little ${channelLabel(f.slice(8))}`;
	if (f.startsWith('stage_'))
		return up ? `often in the ${featureWords(f)}` : `rarely in the ${featureWords(f)}`;
	return `${up ? 'high' : 'low'} ${featureWords(f)}`;
}

/**
 * Make labels distinct: segments sharing a label get ", <trait>" from their strongest standing the
 * label does not already speak for, choosing a trait no other segment of that label took. `standings`
 * are each segment's standings sorted by |z|, strongest first. Input order decides who picks first.
 */
export function distinctLabels(
	names: readonly SegmentName[],
	standings: ReadonlyArray<readonly FeatureStanding[]>,
): string[] {
	const out = names.map((n) => n.label);
	const byLabel = new Map<string, number[]>();
	names.forEach((n, i) => byLabel.set(n.label, [...(byLabel.get(n.label) ?? []), i]));
	const taken = new Set(out);
	for (const [label, members] of byLabel) {
		if (members.length < 2) continue;
		for (const i of members) {
			const candidates = standings[i]
				.filter((s) => Math.abs(s.zScore) > 1e-12 && !names[i].explained.includes(s.feature))
				.map((s) => `${label}, ${traitPhrase(s)}`);
			let chosen = candidates.find((c) => !taken.has(c));
			for (let n = 2; chosen === undefined; n++) {
				const alt = `${label}, group ${n}`;
				if (!taken.has(alt)) chosen = alt;
			}
			taken.add(chosen);
			out[i] = chosen;
		}
	}
	return out;
}

/** Round for prose: 697, 58, 4.3, 0.25. */
function num(v: number): string {
	const a = Math.abs(v);
	if (a >= 100) return round(v, 0).toLocaleString('en-US');
	if (a >= 10) return String(round(v, 0));
	if (a >= 1) return String(round(v, 1));
	return String(round(v, 2));
}


function times(segment: number, overall: number): string | null {
	if (!(overall > 0) || !(segment > 0)) return null;
	const r = segment / overall;
	return r >= 1.5 ? `${round(r, 1)}x the average customer` : null;
}

/** One distinguishing feature in plain words, e.g. "spending $697 on average (5.5x the average customer)". */
export function featureFact(s: FeatureStanding): string {
	const up = s.zScore > 0;
	const seg = s.segmentMean;
	const all = s.overallMean;
	const f = s.feature;
	if (f === 'monetary') {
		if (up) {
			const x = times(seg, all);
			return `spending ${money(seg)} on average (${x ?? `the average customer: ${money(all)}`})`;
		}
		return seg < 1
			? 'spending next to nothing'
			: `spending ${money(seg)} on average (the average customer: ${money(all)})`;
	}
	if (f === 'conversions') {
		if (up) return `buying ${num(seg)} times on average (the average customer: ${num(all)})`;
		return seg < 0.2
			? `rarely buying (${num(seg)} purchases each on average)`
			: `buying only ${num(seg)} times on average (the average customer: ${num(all)})`;
	}
	if (f === 'frequency') {
		if (up) {
			const x = times(seg, all);
			return `interacting ${num(seg)} times on average (${x ?? `the average customer: ${num(all)}`})`;
		}
		return `with only ${num(seg)} interactions on average (the average customer: ${num(all)})`;
	}
	if (f === 'recencyDays') {
		return up
			? `last seen ${num(seg)} days ago on average (the average customer: ${num(all)} days)`
			: `active recently: last seen ${num(seg)} days ago on average`;
	}
	if (f === 'painPoints') {
		return up
			? `running into ${num(seg)} problems each on average (abandoned carts, unsubscribes, support tickets)`
			: 'rarely running into problems';
	}
	if (f === 'daysToConvert') {
		return up
			? `taking ${num(seg)} days from first contact to first purchase`
			: `buying within ${num(seg)} days of first contact`;
	}
	if (f.startsWith('channel_')) {
		const channel = channelLabel(f.slice(8));
		return up
			? `${pct(seg)} of their interactions through ${channel} (the average customer: ${pct(all)})`
			: `rarely coming through ${channel} (${pct(seg)} of their interactions)`;
	}
	if (f.startsWith('stage_')) {
		const stage = f.slice(6).replace(/[_-]/g, ' ');
		return up
			? `${pct(seg)} of them in the ${stage} stage (${pct(all)} overall)`
			: `few of them in the ${stage} stage (${pct(seg)})`;
	}
	return `${up ? 'higher' : 'lower'} ${plainWords(f)}: ${num(seg)} on average (overall: ${num(all)})`;
}

function joinFacts(facts: string[]): string {
	if (facts.length <= 1) return facts.join('');
	return `${facts.slice(0, -1).join(', ')} and ${facts[facts.length - 1]}`;
}

/**
 * One sentence a marketer can read: the headline, the segment's share of customers and three of its
 * distinguishing features in plain words, those the label speaks for first ("Big spenders who keep
 * coming back: 16% of customers (90), spending $490 on average (3.9x the average customer) and
 * interacting 48 times on average ..."). `standings` are sorted strongest first. The numbers behind it
 * (z-scores, means) stay in `distinguishingFeatures`.
 */
export function describeSegment(
	headline: string,
	size: number,
	share: number,
	standings: readonly FeatureStanding[],
	lead: readonly string[] = [],
): string {
	const head = `${headline}: ${pct(share)} of customers (${size.toLocaleString('en-US')})`;
	const nonZero = standings.filter((s) => s.zScore !== 0);
	const first = lead
		.map((f) => nonZero.find((s) => s.feature === f))
		.filter((s): s is FeatureStanding => s !== undefined);
	const strong = [...first, ...nonZero.filter((s) => !first.includes(s))].slice(0, 3);
	if (strong.length === 0) return `${head}, close to the average customer on every measure.`;
	return `${head}, ${joinFacts(strong.map(featureFact))}.`;
}
