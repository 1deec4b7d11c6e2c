import type { Journey, JourneyMap, JourneyStage } from '../contracts';
import { consentExclusion, type AttributePrivacyCounts } from '../governance';
import { contentHash, pseudonymize } from '../util/hash';
import { median } from '../util/stats';
import type { FlatPaths } from './attribution';
import { heuristicCredit, markovAttribution } from './attribution';
import { combineConsentCodes, consentStateOfCode, type Ingestor } from './ingest';
import type { ResolvedJourneyOptions } from './options';
import type { JourneyFacts } from './rules';
import { matchRule } from './rules';
import { KEY_PREFIX, KeyKind, SOURCE_CODE, SOURCE_NAMES } from './store';
import { DAY_MS } from './time';
import type { RejectedRecord } from './types';

export const JOURNEY_MAPPER_VERSION = '1.0.0';

type Attr = string | number | boolean | null;

/** Grows a typed array by doubling. */
class GrowI32 {
	a = new Int32Array(1024);
	n = 0;
	push(v: number): void {
		if (this.n === this.a.length) {
			const b = new Int32Array(this.a.length * 2);
			b.set(this.a);
			this.a = b;
		}
		this.a[this.n++] = v;
	}
}
class GrowF64 {
	a = new Float64Array(1024);
	n = 0;
	push(v: number): void {
		if (this.n === this.a.length) {
			const b = new Float64Array(this.a.length * 2);
			b.set(this.a);
			this.a = b;
		}
		this.a[this.n++] = v;
	}
}

/**
 * Identity resolution. Every key resolves to a root key, deterministically:
 * - CRM ids (HubSpot, Salesforce, custom) are anchors. A CRM record whose email already belongs to
 *   another CRM record's customer merges the two customers: ids linked by shared emails
 *   (transitively) are one customer, rooted at the id seen first in input order (whatever order
 *   the links come in; the warehouse SQL computes the same components and roots).
 * - A GA4 user_id resolves to the HubSpot contact with that id, else the Salesforce record, else
 *   the custom id, else stays its own customer.
 * - A GA4 user_pseudo_id follows the first user_id it was seen with (input order); later different
 *   user_ids on the same pseudo id are conflicts: counted, those events stay with their own user_id.
 * - An email follows the CRM record that first carried it; a Shopify customer id follows the first
 *   order email seen with it.
 */
function resolveKeys(ing: Ingestor): Int32Array {
	const keys = ing.keys;
	const resolved = new Int32Array(keys.size).fill(-1);
	const resolve = (k: number): number => {
		if (resolved[k] >= 0) return resolved[k];
		let root = k;
		switch (keys.kind[k] as KeyKind) {
			case KeyKind.Hubspot:
			case KeyKind.Salesforce:
			case KeyKind.Custom:
				root = ing.crmRoot(k);
				break;
			case KeyKind.UserId: {
				const raw = keys.raw[k];
				let t = keys.find(KeyKind.Hubspot, raw);
				if (t < 0) t = keys.find(KeyKind.Salesforce, raw);
				if (t < 0) t = keys.find(KeyKind.Custom, raw);
				root = t >= 0 ? ing.crmRoot(t) : k;
				break;
			}
			case KeyKind.Pseudo:
			case KeyKind.Email:
			case KeyKind.ShopifyCustomer:
				root = keys.link[k] >= 0 ? resolve(keys.link[k]) : k;
				break;
		}
		resolved[k] = root;
		return root;
	};
	for (let k = 0; k < keys.size; k++) resolve(k);
	return resolved;
}

function share(n: number, d: number): number {
	return d > 0 ? Math.min(1, Math.max(0, n / d)) : 0;
}

export interface BuildOutput {
	journeys: Journey[];
	journeyMap: JourneyMap;
	rejected: RejectedRecord[];
	journeyRecords?: number[][];
}

/**
 * What one customer's events say, before any cross-customer aggregation: the event loop's output
 * and the assembly's input. Channels are codes into the channel names given to the assembly; the
 * warehouse mode computes the same record in SQL.
 */
export interface CustomerFacts {
	/** The journey's customer id (a pseudonym when pseudonymized). */
	customerId: string;
	/** Known only by a device / browser id: never logged in, no CRM, e-mail or order identity. */
	anonymous: boolean;
	firstMs: number;
	lastMs: number;
	/** Events kept (duplicates removed). */
	touches: number;
	/** Conversion events counted (one per transaction id). */
	conversions: number;
	/** Sum of the counted conversions' positive values, unrounded. */
	revenue: number;
	firstConversionMs: number | null;
	lastConversionMs: number | null;
	/** Funnel steps reached in order (greedy: each event advances at most one step). */
	depth: number;
	/** Consecutive touches on one channel collapsed: the channel of each run ... */
	runChannels: number[];
	/** ... and the time of its last touch. */
	runLastMs: number[];
	/** The runs credited for the first conversion: those seen by then within the conversion window. */
	attributedChannels: number[];
	/** Their last touch times (the run holding the conversion ends at the conversion). */
	attributedMs: number[];
	byChannel: Record<string, number>;
	byEvent: Record<string, number>;
	/** Source names, in SOURCE_NAMES order. */
	sources: string[];
	sessions: number;
	/** Support ticket tags, one entry per tag on each ticket, in time order. */
	supportTags: string[];
	/** Whether any event came from e-mail marketing (Mailchimp). */
	hasEmail: boolean;
	attributes: Record<string, Attr>;
}

/** What the journey map reports about the input apart from the customers' facts. */
export interface InputSummary {
	/** Returned as the result's rejections. */
	rejected: RejectedRecord[];
	recordsIn: number;
	recordsRejected: number;
	rejectedByReason: Record<string, number>;
	recordsBySource: Record<string, number>;
	droppedForConsent: number;
	duplicates: number;
	customersWithoutEvents: number;
	identityConflicts: number;
	mergedByEmail: number;
	privacy: AttributePrivacyCounts;
	spendByChannel: ReadonlyMap<string, number>;
	spendByCampaign: ReadonlyMap<string, { spend: number; impressions: number; clicks: number }>;
}

export function buildJourneys(
	ing: Ingestor,
	o: ResolvedJourneyOptions,
	records: readonly unknown[],
	rejected: RejectedRecord[],
): BuildOutput {
	const keys = ing.keys;
	const ev = ing.events;
	const E = ev.size;
	const resolved = resolveKeys(ing);

	// Customers: one per root key that has a record, numbered by root key order.
	const custOfRoot = new Int32Array(keys.size).fill(-1);
	const roots: number[] = [];
	const hasRecord = new Uint8Array(keys.size);
	for (let i = 0; i < records.length; i++)
		if (ing.recordKey[i] >= 0) hasRecord[resolved[ing.recordKey[i]]] = 1;
	for (let k = 0; k < keys.size; k++) {
		if (hasRecord[k]) {
			custOfRoot[k] = roots.length;
			roots.push(k);
		}
	}
	const N = roots.length;
	const consent = new Uint8Array(N);
	for (let k = 0; k < keys.size; k++) {
		const c = custOfRoot[resolved[k]];
		if (c < 0) continue;
		consent[c] = combineConsentCodes(consent[c], keys.consent[k]);
	}
	const dropped = new Uint8Array(N);
	const dropReason: Array<string | null> = new Array<string | null>(N).fill(null);
	let droppedForConsent = 0;
	for (let c = 0; c < N; c++) {
		dropReason[c] = consentExclusion(consentStateOfCode(consent[c]), o);
		if (dropReason[c] !== null) {
			dropped[c] = 1;
			droppedForConsent++;
		}
	}
	for (let i = 0; i < records.length; i++) {
		const k = ing.recordKey[i];
		if (k >= 0 && dropped[custOfRoot[resolved[k]]]) {
			rejected.push({ index: i, reason: dropReason[custOfRoot[resolved[k]]] as string });
		}
	}

	// Bucket events by customer (counting sort), then sort each customer's events by time.
	const evCust = new Int32Array(E);
	const counts = new Int32Array(N + 1);
	for (let e = 0; e < E; e++) {
		const c = custOfRoot[resolved[ev.key[e]]];
		evCust[e] = c;
		counts[c + 1]++;
	}
	const offsets = new Int32Array(N + 1);
	for (let c = 0; c < N; c++) offsets[c + 1] = offsets[c] + counts[c + 1];
	const fill = offsets.slice(0, N);
	const order = new Int32Array(E);
	for (let e = 0; e < E; e++) order[fill[evCust[e]]++] = e;
	const ts = ev.ts;
	const byTime = (a: number, b: number) => ts[a] - ts[b] || a - b;
	/** Sort one customer's events by (time, input order): insertion sort when short or nearly sorted. */
	const sortRange = (start: number, end: number) => {
		let inversions = 0;
		for (let j = start + 1; j < end; j++) {
			const e = order[j];
			const t = ts[e];
			let k = j - 1;
			while (k >= start && (ts[order[k]] > t || (ts[order[k]] === t && order[k] > e))) {
				order[k + 1] = order[k];
				k--;
				if (++inversions > 4096) {
					order[k + 1] = e;
					order.subarray(start, end).sort(byTime);
					return;
				}
			}
			order[k + 1] = e;
		}
	};

	// Lookups by code.
	const nEvents = ing.eventNames.size;
	const nChannels = ing.channels.size;
	const isConversion = new Uint8Array(nEvents);
	for (const name of o.conversionEvents) {
		const id = ing.eventNames.find(name);
		if (id >= 0) isConversion[id] = 1;
	}
	const S = o.funnel.length;
	const stepMask = new Int32Array(nEvents);
	o.funnel.forEach((step, s) => {
		for (const name of step.events) {
			const id = ing.eventNames.find(name);
			if (id >= 0) stepMask[id] |= 1 << s;
		}
	});
	const evName = ing.eventNames.values;
	const chName = ing.channels.values;
	const chDirect = ing.channels.find('direct');
	const windowMs = o.conversionWindowDays * DAY_MS;

	// Scratch state, reused per customer.
	const chCount = new Int32Array(nChannels);
	const evCount = new Int32Array(nEvents);
	const chTouched: number[] = [];
	const evTouched: number[] = [];
	// Sessions of the current customer: ids and their channel (-1 unknown), searched linearly.
	let sessIds = new Float64Array(64);
	let sessCh = new Int32Array(64);
	let sessN = 0;
	const sessionIndex = (id: number): number => {
		for (let i = sessN - 1; i >= 0; i--) if (sessIds[i] === id) return i;
		if (sessN === sessIds.length) {
			const a = new Float64Array(sessN * 2);
			a.set(sessIds);
			sessIds = a;
			const b = new Int32Array(sessN * 2);
			b.set(sessCh);
			sessCh = b;
		}
		sessIds[sessN] = id;
		sessCh[sessN] = -1;
		return sessN++;
	};
	const txnSeen = new Set<number>();

	let duplicates = 0;
	let customersWithoutEvents = 0;
	const facts: CustomerFacts[] = [];
	// The customer of each facts record (same index), for attributes and pairing after the loop.
	const factCust: number[] = [];

	for (let c = 0; c < N; c++) {
		if (dropped[c]) continue;
		const start = offsets[c];
		const end = offsets[c + 1];
		if (end === start) {
			customersWithoutEvents++;
			continue;
		}
		if (end - start > 1) sortRange(start, end);
		sessN = 0;
		for (let j = start; j < end; j++) {
			const e = order[j];
			const s = ev.session[e];
			if (Number.isNaN(s)) continue;
			const si = sessionIndex(s);
			if (sessCh[si] < 0 && ev.channel[e] >= 0) sessCh[si] = ev.channel[e];
		}
		txnSeen.clear();
		const runCh: number[] = [];
		const runTs: number[] = [];
		const attributedChannels: number[] = [];
		const attributedMs: number[] = [];
		const supportTags: string[] = [];
		let touches = 0;
		let conversions = 0;
		let revenue = 0;
		let firstConvTs: number | null = null;
		let lastConvTs: number | null = null;
		let depth = 0;
		let sources = 0;
		let firstTs = Number.NaN;
		let lastTs = Number.NaN;
		for (let j = start; j < end; j++) {
			const e = order[j];
			const t = ts[e];
			const code = ev.event[e];
			// Duplicate: same customer, event, timestamp and source as an earlier kept event.
			let dup = false;
			for (let k = j - 1; k >= start && ts[order[k]] === t; k--) {
				const p = order[k];
				if (ev.event[p] === code && ev.source[p] === ev.source[e]) {
					dup = true;
					break;
				}
			}
			if (dup) {
				duplicates++;
				continue;
			}
			if (touches === 0) firstTs = t;
			lastTs = t;
			touches++;
			let ch = ev.channel[e];
			if (ch < 0) {
				const s = ev.session[e];
				const inherited = Number.isNaN(s) ? -1 : sessCh[sessionIndex(s)];
				ch = inherited >= 0 ? inherited : chDirect;
			}
			if (chCount[ch]++ === 0) chTouched.push(ch);
			if (evCount[code]++ === 0) evTouched.push(code);
			sources |= 1 << ev.source[e];
			if (runCh.length === 0 || runCh[runCh.length - 1] !== ch) {
				runCh.push(ch);
				runTs.push(t);
			} else runTs[runTs.length - 1] = t;
			if (depth < S && stepMask[code] & (1 << depth)) depth++;
			if (ev.tags[e] >= 0) for (const tag of ing.tagLists[ev.tags[e]]) supportTags.push(tag);
			if (isConversion[code]) {
				const txn = ev.txn[e];
				if (txn >= 0) {
					if (txnSeen.has(txn)) continue;
					txnSeen.add(txn);
				}
				conversions++;
				const v = ev.value[e];
				if (v > 0) revenue += v;
				lastConvTs = t;
				if (firstConvTs === null) {
					firstConvTs = t;
					for (let r = 0; r < runCh.length; r++) {
						if (t - runTs[r] <= windowMs) {
							attributedChannels.push(runCh[r]);
							attributedMs.push(runTs[r]);
						}
					}
				}
			}
		}

		const byChannel: Record<string, number> = {};
		const byEvent: Record<string, number> = {};
		chTouched.sort((a, b) => a - b);
		evTouched.sort((a, b) => a - b);
		for (const ch of chTouched) {
			byChannel[chName[ch]] = chCount[ch];
			chCount[ch] = 0;
		}
		for (const code of evTouched) {
			byEvent[evName[code]] = evCount[code];
			evCount[code] = 0;
		}
		chTouched.length = 0;
		evTouched.length = 0;
		const sourceList: string[] = [];
		for (let s = 0; s < SOURCE_NAMES.length; s++)
			if (sources & (1 << s)) sourceList.push(SOURCE_NAMES[s]);

		const root = roots[c];
		const rawId = `${KEY_PREFIX[keys.kind[root]]}:${keys.raw[root]}`;
		const customerId = o.pseudonymize
			? pseudonymize(rawId, o.secret)
			: keys.kind[root] === KeyKind.Email
				? `email:${contentHash(keys.raw[root], 20)}`
				: rawId;
		facts.push({
			customerId,
			anonymous: keys.kind[root] === KeyKind.Pseudo,
			firstMs: firstTs,
			lastMs: lastTs,
			touches,
			conversions,
			revenue,
			firstConversionMs: firstConvTs,
			lastConversionMs: lastConvTs,
			depth,
			runChannels: runCh,
			runLastMs: runTs,
			attributedChannels,
			attributedMs,
			byChannel,
			byEvent,
			sources: sourceList,
			sessions: sessN,
			supportTags,
			hasEmail: (sources & (1 << SOURCE_CODE.mailchimp)) !== 0,
			attributes: {},
		});
		factCust.push(c);
	}

	// Attributes per customer (after the loop: a customer's keys are spread over the key space).
	// First value per name wins, in key order (keys are numbered in input order).
	const custFacts = new Int32Array(N).fill(-1);
	for (let i = 0; i < factCust.length; i++) custFacts[factCust[i]] = i;
	for (const [k, attrs] of ing.attributes) {
		const c = custOfRoot[resolved[k]];
		if (c < 0 || custFacts[c] < 0) continue;
		const target = facts[custFacts[c]].attributes;
		for (const name in attrs) if (!(name in target)) target[name] = attrs[name];
	}
	// Input records behind each journey (for n8n's pairedItem), in input order.
	const journeyRecords: number[][] = facts.map(() => []);
	for (let i = 0; i < records.length; i++) {
		const k = ing.recordKey[i];
		if (k < 0) continue;
		const c = custOfRoot[resolved[k]];
		if (!dropped[c] && custFacts[c] >= 0) journeyRecords[custFacts[c]].push(i);
	}

	rejected.sort((a, b) => a.index - b.index);
	const rejectedByReason: Record<string, number> = {};
	for (const r of rejected) rejectedByReason[r.reason] = (rejectedByReason[r.reason] ?? 0) + 1;
	const recordsBySource: Record<string, number> = {};
	for (let i = 0; i < records.length; i++) {
		const s = ing.recordSource[i];
		if (s !== 255 && ing.recordKey[i] !== -2)
			recordsBySource[SOURCE_NAMES[s]] = (recordsBySource[SOURCE_NAMES[s]] ?? 0) + 1;
	}
	const out = assembleJourneys(facts, chName, o, o.pseudonymize, {
		rejected,
		recordsIn: records.length,
		recordsRejected: rejected.length,
		rejectedByReason,
		recordsBySource,
		droppedForConsent,
		duplicates,
		customersWithoutEvents,
		identityConflicts: ing.identityConflicts,
		mergedByEmail: ing.mergedByEmail,
		privacy: ing.privacy,
		spendByChannel: ing.spendByChannel,
		spendByCampaign: ing.spendByCampaign,
	});
	return { ...out, journeyRecords };
}

/**
 * Journeys (same order as `facts`), the journey map and its attribution from per-customer facts.
 * `channels` names the channel codes the facts use; `pseudonymized` is the journeys' flag.
 */
export function assembleJourneys(
	facts: readonly CustomerFacts[],
	channels: readonly string[],
	o: ResolvedJourneyOptions,
	pseudonymized: boolean,
	input: InputSummary,
): BuildOutput {
	const nChannels = channels.length;
	const channelCode = new Map<string, number>();
	channels.forEach((name, code) => channelCode.set(name, code));
	const S = o.funnel.length;
	const windowMs = o.conversionWindowDays * DAY_MS;
	const stalledMs = o.stalledAfterDays * DAY_MS;
	const ruleVersion = contentHash(o.stageRules, 12);
	let refMs = o.referenceMs ?? Number.NEGATIVE_INFINITY;
	if (o.referenceMs === null) {
		for (const f of facts) if (f.lastMs > refMs) refMs = f.lastMs;
		if (!Number.isFinite(refMs)) refMs = 0;
	}

	// Aggregates.
	const flatCh = new GrowI32();
	const flatTs = new GrowF64();
	const pathOffsets = new GrowI32();
	pathOffsets.push(0);
	const pathConverted: number[] = [];
	const pathConvTs: number[] = [];
	const reachedDepth = new Int32Array(S + 1);
	const ttc: number[] = [];
	const pathStats = new Map<string, { path: string[]; customers: number; conversions: number }>();
	const entry = new Int32Array(nChannels);
	const exit = new Int32Array(nChannels);
	const effTouches = new Float64Array(nChannels);
	const effCustomers = new Int32Array(nChannels);
	const effConversions = new Int32Array(nChannels);
	const effRevenue = new Float64Array(nChannels);
	const stageCounts: Record<string, number> = {};
	let customersWithEmail = 0;
	let bounced = 0;
	let unsubscribed = 0;
	let complained = 0;
	let withTicket = 0;
	let stalled = 0;
	let convertedCustomers = 0;
	let totalRevenue = 0;
	const tagTickets = new Map<string, number>();
	const depthTags: Map<string, number>[] = [];
	for (let s = 0; s <= S; s++) depthTags.push(new Map());
	const journeys: Journey[] = [];

	for (const f of facts) {
		const converted = f.conversions > 0;
		const daysToConvert =
			converted && f.firstConversionMs !== null ? (f.firstConversionMs - f.firstMs) / DAY_MS : null;
		const runs = converted ? f.attributedChannels : f.runChannels;
		const runTimes = converted ? f.attributedMs : f.runLastMs;
		for (let r = 0; r < runs.length; r++) {
			flatCh.push(runs[r]);
			flatTs.push(runTimes[r]);
		}
		pathOffsets.push(flatCh.n);
		pathConverted.push(converted ? 1 : 0);
		pathConvTs.push(converted ? (f.firstConversionMs as number) : Number.NaN);

		for (const name in f.byChannel) {
			const ch = channelCode.get(name);
			if (ch === undefined) throw new Error(`customer ${f.customerId}: unknown channel "${name}"`);
			effTouches[ch] += f.byChannel[name];
			effCustomers[ch]++;
			if (converted) {
				effConversions[ch]++;
				effRevenue[ch] += f.revenue;
			}
		}
		for (const tag of f.supportTags) tagTickets.set(tag, (tagTickets.get(tag) ?? 0) + 1);

		const painPoints: string[] = [];
		if (!converted && f.depth >= 2) {
			const last = o.funnel[f.depth - 1].name;
			painPoints.push(
				last === 'add_to_cart'
					? 'abandoned_cart'
					: last === 'begin_checkout'
						? 'abandoned_checkout'
						: `stopped_after:${last}`,
			);
		}
		if (f.hasEmail) customersWithEmail++;
		if (f.byEvent.email_bounce) {
			painPoints.push('email_bounce');
			bounced++;
		}
		if (f.byEvent.unsubscribe) {
			painPoints.push('unsubscribed');
			unsubscribed++;
		}
		if (f.byEvent.email_complaint || f.byEvent.support_ticket) {
			painPoints.push('complaint');
			complained++;
		}
		if (f.byEvent.support_ticket) withTicket++;
		if (f.supportTags.length > 0) {
			const uniq = Array.from(new Set(f.supportTags)).sort();
			for (const tag of uniq) {
				painPoints.push(`support:${tag}`);
				const m = depthTags[f.depth];
				m.set(tag, (m.get(tag) ?? 0) + 1);
			}
		}
		const isStalled = !converted && f.depth >= 2 && refMs - f.lastMs >= stalledMs;
		if (isStalled) {
			painPoints.push('stalled');
			stalled++;
		}

		const path = f.runChannels.map((ch) => channels[ch]);
		const journey = {
			customerId: f.customerId,
			pseudonymized,
			firstSeen: new Date(f.firstMs).toISOString(),
			lastSeen: new Date(f.lastMs).toISOString(),
			stage: 'awareness' as JourneyStage,
			path,
			touchpoints: f.touches,
			converted,
			conversions: f.conversions,
			revenue: Math.round(f.revenue * 100) / 100,
			daysToConvert,
			engagement: { byChannel: f.byChannel, byEvent: f.byEvent },
			painPoints,
			attributes: f.attributes,
			sources: f.sources,
			sessions: f.sessions,
			funnelStep: f.depth > 0 ? o.funnel[f.depth - 1].name : null,
			stageReason: '',
			anonymous: f.anonymous,
		};
		journeys.push(journey as Journey);

		reachedDepth[f.depth]++;
		if (converted) {
			convertedCustomers++;
			totalRevenue += f.revenue;
			if (daysToConvert !== null && daysToConvert * DAY_MS <= windowMs) ttc.push(daysToConvert);
		}
		const pathKey = f.runChannels.join('>');
		let ps = pathStats.get(pathKey);
		if (ps === undefined) {
			ps = { path, customers: 0, conversions: 0 };
			pathStats.set(pathKey, ps);
		}
		ps.customers++;
		if (converted) ps.conversions++;
		entry[f.runChannels[0]]++;
		exit[f.runChannels[f.runChannels.length - 1]]++;
	}

	// Stage rules read attributes, so they run once those are in place.
	for (let i = 0; i < journeys.length; i++) {
		const f = facts[i];
		const j = journeys[i] as Journey & {
			sessions: number;
			funnelStep: string | null;
			stageReason: string;
		};
		const ruleFacts: JourneyFacts = {
			base: {
				conversions: j.conversions,
				revenue: j.revenue,
				touchpoints: j.touchpoints,
				sessions: j.sessions,
				converted: j.converted,
				daysSinceFirstSeen: (refMs - f.firstMs) / DAY_MS,
				daysSinceLastSeen: (refMs - f.lastMs) / DAY_MS,
				daysSinceLastConversion:
					f.lastConversionMs === null ? null : (refMs - f.lastConversionMs) / DAY_MS,
				funnelStep: f.depth - 1,
				funnelStepName: j.funnelStep,
				painPoints: j.painPoints,
			},
			events: j.engagement.byEvent,
			channels: j.engagement.byChannel,
			attributes: j.attributes,
		};
		const r = matchRule(o.stageRules, ruleFacts);
		j.stage = r >= 0 ? o.stageRules[r].stage : 'awareness';
		j.stageReason = r >= 0 ? (o.stageRules[r].label ?? `stageRules[${r}]`) : 'no rule matched';
		stageCounts[j.stage] = (stageCounts[j.stage] ?? 0) + 1;
	}
	return assembleMap({
		channels,
		o,
		input,
		journeys,
		refMs,
		ruleVersion,
		paths: {
			count: pathConverted.length,
			offsets: pathOffsets.a.subarray(0, pathOffsets.n),
			channels: flatCh.a.subarray(0, flatCh.n),
			times: flatTs.a.subarray(0, flatTs.n),
			converted: Uint8Array.from(pathConverted),
			conversionTimes: Float64Array.from(pathConvTs),
		},
		reachedDepth,
		ttc,
		pathStats,
		entry,
		exit,
		eff: { effTouches, effCustomers, effConversions, effRevenue },
		stageCounts,
		pain: {
			customersWithEmail,
			bounced,
			unsubscribed,
			complained,
			withTicket,
			stalled,
			tagTickets,
			depthTags,
		},
		convertedCustomers,
		totalRevenue,
	});
}

interface AssembleInput {
	channels: readonly string[];
	o: ResolvedJourneyOptions;
	input: InputSummary;
	journeys: Journey[];
	refMs: number;
	ruleVersion: string;
	paths: FlatPaths;
	reachedDepth: Int32Array;
	ttc: number[];
	pathStats: Map<string, { path: string[]; customers: number; conversions: number }>;
	entry: Int32Array;
	exit: Int32Array;
	eff: {
		effTouches: Float64Array;
		effCustomers: Int32Array;
		effConversions: Int32Array;
		effRevenue: Float64Array;
	};
	stageCounts: Record<string, number>;
	pain: {
		customersWithEmail: number;
		bounced: number;
		unsubscribed: number;
		complained: number;
		withTicket: number;
		stalled: number;
		tagTickets: Map<string, number>;
		depthTags: Map<string, number>[];
	};
	convertedCustomers: number;
	totalRevenue: number;
}

function assembleMap(x: AssembleInput): BuildOutput {
	const { o, journeys, input } = x;
	const chName = x.channels;
	const C = chName.length;
	const J = journeys.length;

	// Funnel: customers who reached each step in order.
	const S = o.funnel.length;
	const funnel: JourneyMap['funnel'] = [];
	let atOrBeyond = 0;
	const reached = new Array<number>(S).fill(0);
	for (let s = S; s >= 1; s--) {
		atOrBeyond += x.reachedDepth[s];
		reached[s - 1] = atOrBeyond;
	}
	for (let s = 0; s < S; s++) {
		const prev = s === 0 ? null : reached[s - 1];
		const conv = prev === null || prev === 0 ? null : share(reached[s], prev);
		funnel.push({
			step: o.funnel[s].name,
			customers: reached[s],
			conversionFromPrevious: conv,
			dropOff: conv === null ? null : 1 - conv,
		});
	}

	const sortedTtc = x.ttc.slice().sort((a, b) => a - b);
	const timeToConvert = {
		windowDays: o.conversionWindowDays,
		medianDays: sortedTtc.length ? median(sortedTtc) : null,
		meanDays: sortedTtc.length ? sortedTtc.reduce((a, b) => a + b, 0) / sortedTtc.length : null,
		convertedInWindow: sortedTtc.length,
	};

	// Most customers first, then most conversions, then the path's channel names.
	const named = Array.from(x.pathStats.values()).map((v) => ({ v, name: v.path.join('>') }));
	const topPaths = named
		.sort(
			(a, b) =>
				b.v.customers - a.v.customers ||
				b.v.conversions - a.v.conversions ||
				(a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
		)
		.slice(0, o.topPaths)
		.map(({ v }) => ({
			path: v.path,
			customers: v.customers,
			conversions: v.conversions,
			conversionRate: share(v.conversions, v.customers),
		}));

	const touchpointList = (counts: Int32Array) => {
		const out: { channel: string; count: number; share: number }[] = [];
		for (let ch = 0; ch < C; ch++)
			if (counts[ch] > 0)
				out.push({ channel: chName[ch], count: counts[ch], share: share(counts[ch], J) });
		return out.sort((a, b) => b.count - a.count || (a.channel < b.channel ? -1 : 1));
	};

	const spendByChannel: Record<string, number> = {};
	for (const [ch, v] of Array.from(input.spendByChannel.entries()).sort((a, b) =>
		a[0] < b[0] ? -1 : 1,
	)) {
		spendByChannel[ch] = Math.round(v * 100) / 100;
	}
	const channelEffectiveness: (JourneyMap['channelEffectiveness'][number] &
		Record<string, unknown>)[] = [];
	for (let ch = 0; ch < C; ch++) {
		const cust = x.eff.effCustomers[ch];
		if (cust === 0) continue;
		const conv = x.eff.effConversions[ch];
		const rate = share(conv, cust);
		const others = J - cust;
		const otherRate = others > 0 ? (x.convertedCustomers - conv) / others : null;
		const spend = spendByChannel[chName[ch]];
		channelEffectiveness.push({
			channel: chName[ch],
			touchpoints: x.eff.effTouches[ch],
			customers: cust,
			conversions: conv,
			conversionRate: rate,
			revenue: Math.round(x.eff.effRevenue[ch] * 100) / 100,
			conversionRateWithout: otherRate,
			lift: otherRate !== null && otherRate > 0 ? rate / otherRate : null,
			spend: spend ?? null,
			costPerConversion:
				spend !== undefined && conv > 0 ? Math.round((spend / conv) * 100) / 100 : null,
		});
	}
	channelEffectiveness.sort(
		(a, b) => b.customers - a.customers || (a.channel < b.channel ? -1 : 1),
	);

	// Attribution.
	const totalConversions = x.paths.converted.reduce((a, b) => a + b, 0);
	const heur = heuristicCredit(x.paths, C, o.halfLifeDays * DAY_MS);
	const markov = markovAttribution(x.paths, C, o.markovOrder as 1 | 2);
	let reSum = 0;
	for (let ch = 0; ch < C; ch++) reSum += markov.removalEffects[ch];
	const toRecord = (arr: Float64Array, presentOnly: Uint8Array | null) => {
		const out: Record<string, number> = {};
		for (let ch = 0; ch < C; ch++) {
			if (presentOnly ? presentOnly[ch] : arr[ch] !== 0) out[chName[ch]] = arr[ch];
		}
		return out;
	};
	const markovCredit = new Float64Array(C);
	for (let ch = 0; ch < C; ch++)
		markovCredit[ch] = reSum > 0 ? (markov.removalEffects[ch] / reSum) * totalConversions : 0;
	const attribution = {
		totalConversions,
		models: {
			firstTouch: toRecord(heur.firstTouch, markov.present),
			lastTouch: toRecord(heur.lastTouch, markov.present),
			linear: toRecord(heur.linear, markov.present),
			timeDecay: toRecord(heur.timeDecay, markov.present),
			positionBased: toRecord(heur.positionBased, markov.present),
			markov: toRecord(markovCredit, markov.present),
		},
		markovRemovalEffects: toRecord(markov.removalEffects, markov.present),
		markovOrder: o.markovOrder,
		markovConversionProbability: markov.conversionProbability,
		halfLifeDays: o.halfLifeDays,
		unit: 'first conversion per customer; touches within conversionWindowDays before it',
	};

	// Pain points, ranked by value.
	const painPoints: (JourneyMap['painPoints'][number] & Record<string, unknown>)[] = [];
	let worst = -1;
	for (let s = 1; s < S; s++) {
		const d = funnel[s].dropOff;
		if (d !== null && (worst < 0 || d > (funnel[worst].dropOff as number))) worst = s;
	}
	if (worst > 0) {
		const from = funnel[worst - 1];
		const to = funnel[worst];
		const tags = Array.from(x.pain.depthTags[worst].entries()).sort(
			(a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
		);
		const lost = from.customers - to.customers;
		let detail = `${lost} of ${from.customers} customers who reached ${from.step} did not reach ${to.step}`;
		if (tags.length > 0) {
			detail += `; their support tickets: ${tags
				.slice(0, 3)
				.map(([t, n]) => `${t} (${n})`)
				.join(', ')}`;
		}
		painPoints.push({
			type: 'funnel_drop_off',
			label: `${from.step} -> ${to.step}`,
			value: to.dropOff as number,
			detail,
			from: from.step,
			to: to.step,
			customers: lost,
			topSupportTags: tags.slice(0, 3).map(([tag, count]) => ({ tag, count })),
		});
	}
	const p = x.pain;
	if (p.customersWithEmail > 0) {
		painPoints.push({
			type: 'email_bounce',
			label: 'email bounce rate',
			value: share(p.bounced, p.customersWithEmail),
			detail: `${p.bounced} of ${p.customersWithEmail} customers with email activity bounced`,
		});
		painPoints.push({
			type: 'unsubscribe',
			label: 'unsubscribe rate',
			value: share(p.unsubscribed, p.customersWithEmail),
			detail: `${p.unsubscribed} of ${p.customersWithEmail} customers with email activity unsubscribed`,
		});
	}
	if (J > 0) {
		painPoints.push({
			type: 'complaint',
			label: 'complaint rate',
			value: share(p.complained, J),
			detail: `${p.complained} of ${J} customers filed a support ticket or spam complaint`,
		});
		painPoints.push({
			type: 'stalled',
			label: 'stalled journeys',
			value: share(p.stalled, J),
			detail: `${p.stalled} of ${J} customers went past the first funnel step, did not convert and were inactive for ${o.stalledAfterDays}+ days`,
		});
	}
	let ticketTotal = 0;
	for (const n of p.tagTickets.values()) ticketTotal += n;
	const topTag = Array.from(p.tagTickets.entries()).sort(
		(a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
	)[0];
	if (topTag && ticketTotal > 0) {
		painPoints.push({
			type: 'support_topic',
			label: `support tickets tagged ${topTag[0]}`,
			value: share(topTag[1], ticketTotal),
			detail: `${topTag[1]} of ${ticketTotal} ticket tags are ${topTag[0]}`,
		});
	}
	painPoints.sort((a, b) => b.value - a.value || (a.type < b.type ? -1 : 1));
	painPoints.forEach((pp, i) => (pp.rank = i + 1));

	const { recordsIn, recordsRejected } = input;
	const spendByCampaign = Array.from(input.spendByCampaign.entries())
		.sort((a, b) => b[1].spend - a[1].spend || (a[0] < b[0] ? -1 : 1))
		.map(([campaign, v]) => ({
			campaign,
			spend: Math.round(v.spend * 100) / 100,
			impressions: v.impressions,
			clicks: v.clicks,
		}));

	const journeyMap = {
		kind: 'journeyMap' as const,
		funnel,
		timeToConvert,
		topPaths,
		entryTouchpoints: touchpointList(x.entry),
		exitTouchpoints: touchpointList(x.exit),
		channelEffectiveness,
		attribution,
		painPoints,
		counts: {
			recordsIn,
			recordsUsed: recordsIn - recordsRejected,
			recordsRejected,
			duplicates: input.duplicates,
			customers: J,
			droppedForConsent: input.droppedForConsent,
			convertedCustomers: x.convertedCustomers,
			customersWithoutEvents: input.customersWithoutEvents,
			identityConflicts: input.identityConflicts,
			mergedByEmail: input.mergedByEmail,
			recordsBySource: input.recordsBySource,
			rejectedByReason: input.rejectedByReason,
		},
		privacy: {
			attributeValuesRedacted: input.privacy.piiValues,
			redactedByField: input.privacy.piiByField,
			freeTextValuesRemoved: input.privacy.freeTextValues,
			freeTextByField: input.privacy.freeTextByField,
		},
		spendByChannel,
		spendByCampaign,
		stages: x.stageCounts,
		revenue: Math.round(x.totalRevenue * 100) / 100,
		referenceDate: new Date(x.refMs).toISOString(),
		provenance: {
			node: 'journeyMapper',
			version: JOURNEY_MAPPER_VERSION,
			ruleVersion: x.ruleVersion,
			inputs: {
				records: recordsIn,
				source: o.source,
				conversionWindowDays: o.conversionWindowDays,
				halfLifeDays: o.halfLifeDays,
				markovOrder: o.markovOrder,
				pseudonymized: o.pseudonymize ? 1 : 0,
			},
		},
	};
	return { journeys, journeyMap: journeyMap as JourneyMap, rejected: input.rejected };
}
