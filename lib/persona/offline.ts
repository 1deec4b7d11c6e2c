import type { Evidence, Persona } from '../contracts/persona';
import type { JourneyMap } from '../contracts/journeyMap';
import type { Segment } from '../contracts/segment';
import { contentHash } from '../util/hash';
import {
	attributeLabel,
	capitalise,
	channelLabel,
	evidenceNumber,
	fmt,
	pct,
	safeText,
	SegmentSignals,
	type Signal,
} from './signals';

export const OFFLINE_GENERATOR = 'offline-rules';
export const PERSONA_RULE_VERSION = 'persona-rules-1';
export const PERSONA_NODE_VERSION = '1';

export interface OfflinePersonaOptions {
	/** Journey-map summary: its pain points are attached to segments that report friction. */
	journeyMap?: JourneyMap | null;
	/** Protected attributes (e.g. `ageBand`) that may be described; none by default. */
	allowProtectedAttributes?: readonly string[];
	/** Names from the input: customer-derived strings containing them are left out. */
	piiNames?: readonly string[];
	/** Which of the archetype's names to use (0 = first); buildPersonas uses it to avoid duplicates. */
	nameIndex?: number;
	/** Stamped on provenance when given (left out by default so output is deterministic). */
	createdAt?: string;
	/** z-score from which a distinguishing feature counts as a trait. Default 0.5. */
	minZScore?: number;
}

type ListField = 'motivations' | 'goals' | 'painPoints' | 'objections' | 'keyMessages';

interface Statement {
	field: ListField;
	text: string;
}

type ArchetypeId =
	| 'premiumLoyalist'
	| 'bigTicket'
	| 'valueSeeker'
	| 'regular'
	| 'occasional'
	| 'lapsing'
	| 'atRisk'
	| 'frustrated'
	| 'researcher'
	| 'decisive'
	| 'advocate'
	| 'newcomer'
	| 'engaged'
	| 'everyday';

const ARCHETYPES: Record<ArchetypeId, { names: string[]; title: string }> = {
	premiumLoyalist: {
		names: ['Devoted Dana', 'Loyal Logan', 'Faithful Frankie'],
		title: 'the premium loyalist',
	},
	bigTicket: {
		names: ['Selective Sam', 'Discerning Drew', 'Particular Pat'],
		title: 'the big-ticket buyer',
	},
	valueSeeker: {
		names: ['Thrifty Theo', 'Savvy Sasha', 'Frugal Finley'],
		title: 'the value seeker',
	},
	regular: {
		names: ['Regular Riley', 'Routine Robin', 'Habitual Hayden'],
		title: 'the habitual repeat buyer',
	},
	occasional: {
		names: ['Occasional Ollie', 'Sometime Sage', 'Seasonal Skyler'],
		title: 'the occasional shopper',
	},
	lapsing: {
		names: ['Drifting Devon', 'Distant Dallas', 'Faded Fern'],
		title: 'the lapsing customer',
	},
	atRisk: {
		names: ['Wavering Wren', 'Uncertain Umi', 'Restless Reese'],
		title: 'the at-risk customer',
	},
	frustrated: {
		names: ['Frustrated Flynn', 'Hassled Harper', 'Bothered Blake'],
		title: 'the friction-hit shopper',
	},
	researcher: {
		names: ['Curious Casey', 'Careful Cameron', 'Thorough Taylor'],
		title: 'the careful researcher',
	},
	decisive: {
		names: ['Decisive Dakota', 'Quick Quinn', 'Brisk Bailey'],
		title: 'the quick decider',
	},
	advocate: {
		names: ['Advocate Avery', 'Champion Charlie', 'Ambassador Alex'],
		title: 'the brand champion',
	},
	newcomer: {
		names: ['Newcomer Nico', 'Fresh Finn', 'Explorer Emery'],
		title: 'the first-time explorer',
	},
	engaged: {
		names: ['Engaged Ellis', 'Active Ari', 'Attentive Aspen'],
		title: 'the currently engaged customer',
	},
	everyday: {
		names: ['Steady Sky', 'Everyday Eden', 'Balanced Billie'],
		title: 'the everyday customer',
	},
};

interface Trait {
	id: string;
	score: number;
	signal: Signal;
	summary: string;
	statements: Statement[];
	keywords: string[];
	tone?: string;
	archetype?: ArchetypeId;
}

function ratio(signal: Signal): string {
	if (signal.baseline === undefined || signal.baseline === 0) return '';
	const r = signal.value / signal.baseline;
	return r >= 1.2 || r <= 0.8 ? `${fmt(r)}x` : '';
}

function vs(signal: Signal, unit = ''): string {
	return signal.baseline === undefined ? '' : ` (vs ${fmt(signal.baseline)}${unit} overall)`;
}

/** Comparison for use inside parentheses: " vs 4.1 overall". */
function vsBare(signal: Signal, unit = ''): string {
	return signal.baseline === undefined ? '' : ` vs ${fmt(signal.baseline)}${unit} overall`;
}

function z(signal: Signal): number {
	return Math.abs(signal.zScore ?? 0);
}

function numericTraits(s: SegmentSignals, minZ: number): Trait[] {
	const traits: Trait[] = [];
	const monetaryHigh = s.notable('monetary', 'higher', minZ);
	const monetaryLow = s.notable('monetary', 'lower', minZ);
	const freqHigh = s.notable('frequency', 'higher', minZ);
	const freqLow = s.notable('frequency', 'lower', minZ);
	const recencyHigh = s.notable('recencyDays', 'higher', minZ);
	const recencyLow = s.notable('recencyDays', 'lower', minZ);
	const convHigh = s.notable('conversions', 'higher', minZ);
	const convLow = s.notable('conversions', 'lower', minZ);
	const dtcLow = s.notable('daysToConvert', 'lower', minZ);
	const dtcHigh = s.notable('daysToConvert', 'higher', minZ);
	const painHigh = s.notable('painPoints', 'higher', minZ);

	if (monetaryHigh) {
		const r = ratio(monetaryHigh);
		traits.push({
			id: 'highValue',
			score: z(monetaryHigh),
			signal: monetaryHigh,
			summary: `spend ${fmt(monetaryHigh.value)} on average${r ? `, ${r} the typical customer` : ''}${vs(monetaryHigh)}`,
			statements: [
				{ field: 'motivations', text: 'Wants quality and service that match what they spend' },
				{ field: 'goals', text: 'Get full value from a premium relationship with the brand' },
				{
					field: 'objections',
					text: 'Expects recognition for their spend, not generic mass offers',
				},
				{
					field: 'keyMessages',
					text: 'Premium quality, with perks reserved for our best customers',
				},
			],
			keywords: ['premium', 'exclusive', 'quality'],
			tone: 'polished and appreciative',
			archetype: freqHigh ? 'premiumLoyalist' : 'bigTicket',
		});
	}
	if (monetaryLow) {
		traits.push({
			id: 'lowValue',
			score: z(monetaryLow),
			signal: monetaryLow,
			summary: `spend ${fmt(monetaryLow.value)} on average${vs(monetaryLow)}`,
			statements: [
				{ field: 'motivations', text: 'Looks for clear value for money' },
				{
					field: 'painPoints',
					text: `Price-sensitive: spends ${fmt(monetaryLow.value)} on average${vs(monetaryLow)}`,
				},
				{ field: 'objections', text: 'Is it worth the price compared with cheaper alternatives?' },
				{ field: 'keyMessages', text: 'Upfront pricing and clear value, with no hidden costs' },
			],
			keywords: ['value', 'save', 'deal'],
			tone: 'straightforward and value-focused',
			archetype: 'valueSeeker',
		});
	}
	if (freqHigh) {
		traits.push({
			id: 'frequent',
			score: z(freqHigh),
			signal: freqHigh,
			summary: `come back often (${fmt(freqHigh.value)} purchases or visits on average${vsBare(freqHigh)})`,
			statements: [
				{ field: 'motivations', text: 'Enjoys a routine that saves time' },
				{ field: 'goals', text: 'Reorder or return quickly, without friction' },
				{ field: 'keyMessages', text: 'Fast reorders and rewards for regulars' },
			],
			keywords: ['reorder', 'rewards', 'members'],
			archetype: monetaryHigh ? 'premiumLoyalist' : 'regular',
		});
	}
	if (freqLow) {
		traits.push({
			id: 'infrequent',
			score: z(freqLow),
			signal: freqLow,
			summary: `engage only occasionally (${fmt(freqLow.value)} purchases or visits on average${vsBare(freqLow)})`,
			statements: [
				{ field: 'goals', text: 'Buy when there is a clear need, not out of habit' },
				{ field: 'objections', text: 'Does not need it often enough to commit to more' },
				{ field: 'keyMessages', text: 'A timely reminder at the moment it matters' },
			],
			keywords: ['when you need it', 'easy'],
			archetype: 'occasional',
		});
	}
	if (recencyHigh) {
		traits.push({
			id: 'lapsing',
			score: z(recencyHigh) + 0.3,
			signal: recencyHigh,
			summary: `were last active ${fmt(recencyHigh.value)} days ago on average${vs(recencyHigh, ' days')}`,
			statements: [
				{
					field: 'painPoints',
					text: `Has drifted away: last active ${fmt(recencyHigh.value)} days ago on average${vs(recencyHigh, ' days')}`,
				},
				{ field: 'objections', text: 'Why come back now, and what has changed?' },
				{
					field: 'keyMessages',
					text: "A warm welcome back, with what's new since their last visit",
				},
			],
			keywords: ['welcome back', "what's new"],
			tone: 'warm and low-pressure',
			archetype: 'lapsing',
		});
	}
	if (recencyLow) {
		traits.push({
			id: 'recent',
			score: z(recencyLow) * 0.6,
			signal: recencyLow,
			summary: `were active recently (${fmt(recencyLow.value)} days ago on average${vsBare(recencyLow, ' days')})`,
			statements: [
				{ field: 'motivations', text: 'Currently engaged and open to a next step' },
				{ field: 'keyMessages', text: 'A timely next step while the brand is top of mind' },
			],
			keywords: ['new', 'next step'],
			archetype: 'engaged',
		});
	}
	if (convHigh) {
		traits.push({
			id: 'converter',
			score: z(convHigh) * 0.8,
			signal: convHigh,
			summary: `convert readily (${fmt(convHigh.value)} conversions on average${vsBare(convHigh)})`,
			statements: [
				{ field: 'motivations', text: 'Acts once convinced and likes a direct path to purchase' },
				{ field: 'keyMessages', text: 'A direct call to action with a clear offer' },
			],
			keywords: ['buy now', 'offer'],
			archetype: 'decisive',
		});
	}
	if (convLow) {
		traits.push({
			id: 'hesitant',
			score: z(convLow) * 0.9,
			signal: convLow,
			summary: `rarely convert (${fmt(convLow.value)} conversions on average${vsBare(convLow)})`,
			statements: [
				{ field: 'goals', text: 'Compare options thoroughly before choosing' },
				{
					field: 'objections',
					text: 'Needs more proof, such as reviews and comparisons, before committing',
				},
				{
					field: 'keyMessages',
					text: 'Proof that it works: reviews, comparisons and an easy first step',
				},
			],
			keywords: ['reviews', 'compare', 'trial'],
			tone: 'informative and reassuring',
			archetype: 'researcher',
		});
	}
	if (dtcLow) {
		traits.push({
			id: 'quickDecider',
			score: z(dtcLow) * 0.7,
			signal: dtcLow,
			summary: `decide quickly (${fmt(dtcLow.value)} days to convert on average${vsBare(dtcLow, ' days')})`,
			statements: [
				{ field: 'motivations', text: 'Values speed and simplicity when buying' },
				{ field: 'keyMessages', text: 'Short, direct offers with an obvious next step' },
			],
			keywords: ['fast', 'simple'],
			tone: 'direct and energetic',
			archetype: 'decisive',
		});
	}
	if (dtcHigh) {
		traits.push({
			id: 'slowDecider',
			score: z(dtcHigh) * 0.7,
			signal: dtcHigh,
			summary: `take their time (${fmt(dtcHigh.value)} days to convert on average${vsBare(dtcHigh, ' days')})`,
			statements: [
				{
					field: 'painPoints',
					text: `Long decision cycle: ${fmt(dtcHigh.value)} days to convert on average${vs(dtcHigh, ' days')}`,
				},
				{ field: 'objections', text: 'Not ready to decide yet' },
				{ field: 'keyMessages', text: 'Helpful guidance that supports a considered decision' },
			],
			keywords: ['guide', 'how it works'],
			tone: 'patient and helpful',
			archetype: 'researcher',
		});
	}
	if (painHigh) {
		traits.push({
			id: 'friction',
			score: z(painHigh) + 0.2,
			signal: painHigh,
			summary: `report more friction (${fmt(painHigh.value)} pain points per customer${vsBare(painHigh)})`,
			statements: [
				{
					field: 'painPoints',
					text: `Runs into friction along the journey: ${fmt(painHigh.value)} pain points per customer${vs(painHigh)}`,
				},
				{ field: 'objections', text: 'Worried the experience will be a hassle again' },
				{
					field: 'keyMessages',
					text: 'An easier, smoother experience, with help when it is needed',
				},
			],
			keywords: ['easy', 'support', 'hassle-free'],
			tone: 'empathetic and reassuring',
			archetype: 'frustrated',
		});
	}
	return traits;
}

function stageTrait(s: SegmentSignals): Trait | null {
	const top = s.stages()[0];
	if (!top || top.share < 0.4) return null;
	const signal: Signal = {
		feature: `stage_${top.stage}`,
		value: top.share,
		baseline: top.baseline,
	};
	const base = top.baseline === undefined ? '' : ` (vs ${pct(top.baseline)} overall)`;
	const baseBare = top.baseline === undefined ? '' : ` vs ${pct(top.baseline)} overall`;
	const score = Math.max(top.share * 1.5, Math.abs(top.zScore ?? 0));
	const share = pct(top.share);
	switch (top.stage) {
		case 'churn-risk':
			return {
				id: 'stage',
				score: score + 0.3,
				signal,
				summary: `are at risk of leaving (${share} in the churn-risk stage${baseBare})`,
				statements: [
					{
						field: 'painPoints',
						text: `At risk of leaving: ${share} are in the churn-risk stage${base}`,
					},
					{ field: 'keyMessages', text: 'Reasons to stay, and a direct line to help' },
				],
				keywords: ['stay', 'help'],
				tone: 'warm and attentive',
				archetype: 'atRisk',
			};
		case 'advocacy':
			return {
				id: 'stage',
				score,
				signal,
				summary: `speak up for the brand (${share} are advocates${baseBare})`,
				statements: [
					{
						field: 'motivations',
						text: `Likes to recommend what they love: ${share} are advocates${base}`,
					},
					{ field: 'keyMessages', text: 'Referral perks and a community to share with' },
				],
				keywords: ['refer a friend', 'community'],
				tone: 'enthusiastic and inclusive',
				archetype: 'advocate',
			};
		case 'awareness':
			return {
				id: 'stage',
				score,
				signal,
				summary: `are just discovering the brand (${share} in the awareness stage${baseBare})`,
				statements: [
					{
						field: 'goals',
						text: `Understand what the brand offers: ${share} are still in the awareness stage${base}`,
					},
					{ field: 'keyMessages', text: 'A clear, friendly introduction to what we do best' },
				],
				keywords: ['discover', 'introduction'],
				tone: 'welcoming and clear',
				archetype: 'newcomer',
			};
		case 'consideration':
			return {
				id: 'stage',
				score,
				signal,
				summary: `are weighing their options (${share} in the consideration stage${baseBare})`,
				statements: [
					{ field: 'goals', text: `Choose with confidence: ${share} are still considering${base}` },
					{ field: 'keyMessages', text: 'Side-by-side reasons to choose us' },
				],
				keywords: ['compare', 'why us'],
				tone: 'informative and reassuring',
				archetype: 'researcher',
			};
		case 'conversion':
			return {
				id: 'stage',
				score: score * 0.8,
				signal,
				summary: `have recently bought (${share} in the conversion stage${baseBare})`,
				statements: [
					{
						field: 'goals',
						text: `Get off to a good start after buying: ${share} have just converted${base}`,
					},
					{ field: 'keyMessages', text: 'Help getting started, and what to try next' },
				],
				keywords: ['getting started', 'next'],
				archetype: 'decisive',
			};
		case 'retention':
			return {
				id: 'stage',
				score: score * 0.8,
				signal,
				summary: `keep coming back (${share} in the retention stage${baseBare})`,
				statements: [
					{
						field: 'motivations',
						text: `Values a relationship that keeps delivering: ${share} are retained customers${base}`,
					},
					{ field: 'keyMessages', text: 'Loyalty rewards that grow with every visit' },
				],
				keywords: ['loyalty', 'rewards'],
				archetype: 'regular',
			};
		default:
			return null;
	}
}

function journeyPainTraits(
	s: SegmentSignals,
	journeyMap: JourneyMap | null | undefined,
	hasFriction: boolean,
	piiNames: readonly string[],
): Trait[] {
	if (!journeyMap || journeyMap.painPoints.length === 0) return [];
	const mean = s.mean('painPoints');
	if (!hasFriction && !(mean !== null && mean > 0)) return [];
	return journeyMap.painPoints
		.slice()
		.sort((a, b) => b.value - a.value || a.type.localeCompare(b.type))
		.map((p) => ({ p, label: safeText(p.label, piiNames, 80) }))
		.filter(
			(x): x is { p: (typeof journeyMap.painPoints)[number]; label: string } => x.label !== null,
		)
		.slice(0, 2)
		.map(({ p, label }) => ({
			id: `journey:${p.type}`,
			score: 0,
			signal: { feature: `journeyMap.painPoints.${p.type}`, value: p.value },
			summary: '',
			statements: [
				{ field: 'painPoints' as const, text: `Likely affected by: ${label} (${fmt(p.value)})` },
			],
			keywords: [],
		}));
}

function chooseArchetype(traits: Trait[]): ArchetypeId {
	let best: Trait | null = null;
	for (const t of traits) {
		if (!t.archetype) continue;
		if (best === null || t.score > best.score) best = t;
	}
	return best?.archetype ?? 'everyday';
}

function listJoin(parts: string[]): string {
	if (parts.length <= 1) return parts.join('');
	return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

interface Synthesis {
	persona: Persona;
	archetype: ArchetypeId;
}

/** Internal: the offline persona plus the archetype it was named after. */
export function synthesizeOfflinePersona(
	segment: Segment,
	options: OfflinePersonaOptions = {},
): Synthesis {
	const piiNames = options.piiNames ?? [];
	const s = new SegmentSignals(segment, options.allowProtectedAttributes ?? [], piiNames);
	const minZ = options.minZScore ?? 0.5;
	const traits = numericTraits(s, minZ);
	const stage = stageTrait(s);
	if (stage) traits.push(stage);
	traits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
	const journeyTraits = journeyPainTraits(
		s,
		options.journeyMap,
		traits.some((t) => t.id === 'friction'),
		piiNames,
	);

	const evidence: Evidence[] = [];
	const add = (claim: string, feature: string, value: number | string, baseline?: number) => {
		const e: Evidence = {
			claim,
			feature,
			value: typeof value === 'number' ? evidenceNumber(value) : value,
		};
		if (baseline !== undefined) e.baseline = evidenceNumber(baseline);
		if (!evidence.some((x) => x.claim === e.claim && x.feature === e.feature)) evidence.push(e);
	};

	const lists: Record<ListField, string[]> = {
		motivations: [],
		goals: [],
		painPoints: [],
		objections: [],
		keyMessages: [],
	};
	for (const t of [...traits, ...journeyTraits]) {
		for (const st of t.statements) {
			if (!lists[st.field].includes(st.text)) lists[st.field].push(st.text);
			add(st.text, t.signal.feature, t.signal.value, t.signal.baseline);
		}
	}

	// Name.
	const archetype = chooseArchetype(traits);
	const arch = ARCHETYPES[archetype];
	const nameIndex = options.nameIndex ?? 0;
	const firstName = arch.names[nameIndex % arch.names.length];
	const round = Math.floor(nameIndex / arch.names.length);
	const name = `${firstName} — ${arch.title}${round > 0 ? ` ${round + 1}` : ''}`;

	// Summary.
	const sentences: string[] = [];
	const sizeClaim = `${fmt(segment.size)} customers (${pct(segment.share)} of the base)`;
	add(sizeClaim, 'size', segment.size);
	add(sizeClaim, 'share', segment.share);
	const phrases = traits.filter((t) => t.summary.length > 0).slice(0, 3);
	for (const t of phrases)
		add(capitalise(t.summary), t.signal.feature, t.signal.value, t.signal.baseline);
	const who = phrases.length > 0 ? ` who ${listJoin(phrases.map((t) => t.summary))}` : '';
	sentences.push(`${firstName.split(' ')[1] ?? firstName} stands for ${sizeClaim}${who}.`);
	if (segment.conversionRate !== null) {
		const claim = `${pct(segment.conversionRate)} of them have converted`;
		add(capitalise(claim), 'conversionRate', segment.conversionRate);
		let sentence = capitalise(claim);
		if (segment.revenue !== null && segment.revenue > 0) {
			const revenueClaim = `bringing in ${fmt(segment.revenue)} in revenue`;
			add(capitalise(revenueClaim), 'revenue', segment.revenue);
			sentence += `, ${revenueClaim}`;
		}
		sentences.push(`${sentence}.`);
	} else if (segment.revenue !== null && segment.revenue > 0) {
		const revenueClaim = `Together they bring in ${fmt(segment.revenue)} in revenue`;
		add(revenueClaim, 'revenue', segment.revenue);
		sentences.push(`${revenueClaim}.`);
	}

	// Channels.
	const channels = s
		.channels()
		.filter((c) => c.share >= 0.1)
		.slice(0, 3);
	const preferredChannels = channels.map((c) => c.channel);
	for (const c of channels) {
		const above =
			c.baseline !== undefined && c.share > c.baseline
				? `, more than the ${pct(c.baseline)} overall`
				: '';
		add(
			`Reached through ${channelLabel(c.channel)}: ${pct(c.share)} of their touchpoints${above}`,
			`channel_${c.channel}`,
			c.share,
			c.baseline,
		);
	}
	if (channels.length > 0) {
		sentences.push(
			`They mostly reach us through ${listJoin(channels.map((c) => channelLabel(c.channel)))}.`,
		);
	}

	// Times (only when the segment carries timing features).
	const preferredTimes: string[] = [];
	for (const t of s
		.timing()
		.filter((x) => x.share >= 0.2)
		.slice(0, 2)) {
		preferredTimes.push(t.label);
		add(`Active ${t.label.toLowerCase()}: ${pct(t.share)} of their activity`, t.feature, t.share);
	}

	// Demographics: non-protected attributes only.
	const demoParts: string[] = [];
	for (const a of s.attributes(piiNames).slice(0, 4)) {
		const part = `${attributeLabel(a.key)}: mostly ${a.value} (${pct(a.share)})`;
		demoParts.push(part);
		add(
			`Most common ${attributeLabel(a.key)} is ${a.value} (${pct(a.share)} of the segment)`,
			`attributes.${a.key}`,
			a.share,
		);
	}
	const demographics = demoParts.length > 0 ? `${capitalise(demoParts.join('; '))}.` : '';

	// Tone and keywords.
	const tones: string[] = [];
	for (const t of traits)
		if (t.tone && !tones.includes(t.tone) && tones.length < 2) tones.push(t.tone);
	const tone = tones.length > 0 ? capitalise(tones.join('; ')) : 'Friendly, clear and helpful';
	for (const t of traits) {
		if (t.tone && tones.includes(t.tone))
			add(`Tone: ${t.tone}`, t.signal.feature, t.signal.value, t.signal.baseline);
	}
	const keywords: string[] = [];
	for (const t of traits)
		for (const k of t.keywords) if (!keywords.includes(k) && keywords.length < 10) keywords.push(k);
	if (keywords.length === 0) keywords.push('customer favourites');

	const persona: Persona = {
		kind: 'persona',
		personaId: `persona-${segment.segmentId}`,
		segmentId: segment.segmentId,
		name,
		summary: sentences.join(' '),
		demographics,
		motivations: lists.motivations,
		goals: lists.goals,
		painPoints: lists.painPoints,
		objections: lists.objections,
		preferredChannels,
		preferredTimes,
		tone,
		keyMessages: lists.keyMessages,
		keywords,
		evidence,
		size: segment.size,
		generator: OFFLINE_GENERATOR,
		provenance: {
			node: 'personaBuilder',
			version: PERSONA_NODE_VERSION,
			generator: OFFLINE_GENERATOR,
			ruleVersion: PERSONA_RULE_VERSION,
			inputs: { segmentId: segment.segmentId, segmentHash: contentHash(segment) },
			...(options.createdAt ? { createdAt: options.createdAt } : {}),
		},
	};
	return { persona, archetype };
}

/**
 * A persona written from the segment's numbers alone, deterministic and offline: every motivation,
 * goal, pain point, objection, key message, channel and summary phrase has an evidence entry naming
 * the feature and the number behind it. Protected attributes (age, gender ...) are never described
 * unless listed in `allowProtectedAttributes`.
 *
 * @example buildOfflinePersona(segment).name // "Devoted Dana — the premium loyalist"
 */
export function buildOfflinePersona(
	segment: Segment,
	options: OfflinePersonaOptions = {},
): Persona {
	if (!segment || typeof segment.segmentId !== 'string' || segment.segmentId.length === 0) {
		throw new Error('buildOfflinePersona requires a segment with a segmentId');
	}
	return synthesizeOfflinePersona(segment, options).persona;
}
