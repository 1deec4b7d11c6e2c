import { Rng } from '../util/rng';
import type {
	SampleData,
	SampleDataOptions,
	SampleGroup,
	SampleGroupTruth,
	SampleSource,
	SampleTruth,
} from './types';
import { SAMPLE_GROUPS, SAMPLE_SOURCES } from './types';
import {
	AGE_BANDS,
	AGE_WEIGHTS,
	EMAIL_CAMPAIGN_TITLES,
	EMAIL_DOMAINS,
	FIRST_NAMES,
	GA4_REGION_NAMES,
	GENDERS,
	GENDER_WEIGHTS,
	INJECTION_NOTES,
	LAST_NAMES,
	META_CAMPAIGNS,
	NOTES,
	PLANS,
	PRODUCTS,
	REGIONS,
	STREETS,
	STREET_SUFFIXES,
	SUPPORT_SUBJECTS,
} from './vocabulary';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DEFAULT_END = '2026-10-31T23:59:59.000Z';
const SHOP = 'https://shop.juniperandoak.example';
const PAGE_HOME = `${SHOP}/`;
const PAGE_COLLECTION = `${SHOP}/collections/kitchen`;
const PAGE_CHECKOUT = `${SHOP}/checkout`;
const PAGE_PRODUCTS = PRODUCTS.map((p) => `${SHOP}/products/${p.sku.toLowerCase()}`);

/** Channels the simulation draws sessions from. */
type SimChannel =
	| 'direct'
	| 'organic_search'
	| 'paid_search'
	| 'paid_social'
	| 'organic_social'
	| 'referral'
	| 'email';

interface GroupProfile {
	weight: number;
	sessions: readonly [number, number];
	channels: readonly SimChannel[];
	channelWeights: readonly number[];
	/** Probability of opening one campaign, and of clicking once opened. */
	open: number;
	click: number;
	/** In-period conversion probability without, and the multiplier with, an email click. */
	baseConversion: number;
	clickMultiplier: number;
	orders: readonly [number, number];
	/** Products the group buys (indices into PRODUCTS). */
	products: readonly number[];
	historicalOrders: readonly [number, number];
	bounce: number;
	unsubscribe: number;
	plans: readonly number[];
}

const GROUP_PROFILES: Record<SampleGroup, GroupProfile> = {
	premium_loyalists: {
		weight: 0.15,
		sessions: [6, 10],
		channels: ['direct', 'organic_search', 'referral', 'paid_search'],
		channelWeights: [0.5, 0.35, 0.1, 0.05],
		open: 0.45,
		click: 0.2,
		baseConversion: 0.5,
		clickMultiplier: 1.6,
		orders: [2, 5],
		products: [0, 4, 5, 6],
		historicalOrders: [0, 0],
		bounce: 0,
		unsubscribe: 0,
		plans: [0.15, 0.35, 0.5],
	},
	deal_seekers: {
		weight: 0.3,
		sessions: [2, 5],
		channels: ['paid_search', 'direct', 'organic_search', 'organic_social'],
		channelWeights: [0.35, 0.25, 0.25, 0.15],
		open: 0.6,
		click: 0.5,
		baseConversion: 0.07,
		clickMultiplier: 7,
		orders: [2, 4],
		products: [1, 2, 3, 7],
		historicalOrders: [0, 0],
		bounce: 0.01,
		unsubscribe: 0.02,
		plans: [0.6, 0.35, 0.05],
	},
	browsers: {
		weight: 0.35,
		sessions: [5, 10],
		channels: ['paid_social', 'organic_social', 'paid_search', 'direct'],
		channelWeights: [0.6, 0.15, 0.15, 0.1],
		open: 0.15,
		click: 0.1,
		baseConversion: 0.03,
		clickMultiplier: 4,
		orders: [1, 1],
		products: [0, 1, 2, 3, 4, 5, 6, 7],
		historicalOrders: [0, 0],
		bounce: 0.02,
		unsubscribe: 0.03,
		plans: [0.75, 0.22, 0.03],
	},
	lapsed: {
		weight: 0.2,
		sessions: [0, 2],
		channels: ['direct', 'organic_search', 'paid_social'],
		channelWeights: [0.4, 0.3, 0.3],
		open: 0.06,
		click: 0.15,
		baseConversion: 0.02,
		clickMultiplier: 4,
		orders: [1, 1],
		products: [1, 2, 3, 6],
		historicalOrders: [1, 3],
		bounce: 0.3,
		unsubscribe: 0.35,
		plans: [0.55, 0.35, 0.1],
	},
};

/** Funnel depth of non-converting sessions' deepest step: the planted cart -> checkout drop. */
const NON_CONVERTER_DEPTH = [0.3, 0.25, 0.4, 0.05];
const ANONYMOUS_DEPTH = [0.6, 0.4, 0, 0];
export const SAMPLE_FUNNEL = [
	'session_start',
	'view_item',
	'add_to_cart',
	'begin_checkout',
	'purchase',
];
const STEP_EVENTS = ['view_item', 'add_to_cart', 'begin_checkout', 'purchase'];

const HUBSPOT_SOURCE: Record<SimChannel, string> = {
	direct: 'DIRECT_TRAFFIC',
	organic_search: 'ORGANIC_SEARCH',
	paid_search: 'PAID_SEARCH',
	paid_social: 'PAID_SOCIAL',
	organic_social: 'SOCIAL_MEDIA',
	referral: 'REFERRALS',
	email: 'EMAIL_MARKETING',
};

interface Campaign {
	id: string;
	title: string;
	time: number;
	slug: string;
}

interface MetaAd {
	id: string;
	campaign: string;
	adset: string;
	name: string;
}

interface Session {
	time: number;
	channel: SimChannel;
	/** Email campaign index for email sessions, Meta ad index for paid social, else -1. */
	ref: number;
	depth: number;
	device: number;
	orderValue: number;
	orderId: number;
}

interface ResolvedOptions {
	seed: number;
	customers: number;
	sources: ReadonlySet<SampleSource>;
	endMs: number;
	days: number;
}

function resolveOptions(options: SampleDataOptions | undefined): ResolvedOptions {
	const o = options ?? {};
	if (o === null || typeof o !== 'object') throw new Error('sample data options must be an object');
	const seed = o.seed ?? 42;
	if (typeof seed !== 'number' || !Number.isFinite(seed)) {
		throw new Error(`sample data option "seed" must be a finite number, got ${String(seed)}`);
	}
	const customers = o.customers ?? 500;
	if (!Number.isInteger(customers) || customers < 1 || customers > 5_000_000) {
		throw new Error(
			`sample data option "customers" must be an integer between 1 and 5000000, got ${String(customers)}`,
		);
	}
	const days = o.days ?? 90;
	if (!Number.isInteger(days) || days < 7 || days > 3650) {
		throw new Error(
			`sample data option "days" must be an integer between 7 and 3650, got ${String(days)}`,
		);
	}
	const endDate = o.endDate ?? DEFAULT_END;
	const endMs = typeof endDate === 'string' ? Date.parse(endDate) : Number.NaN;
	if (Number.isNaN(endMs)) {
		throw new Error(
			`sample data option "endDate" must be an ISO 8601 date, got ${String(endDate)}`,
		);
	}
	const list = o.sources ?? SAMPLE_SOURCES;
	if (!Array.isArray(list) || list.length === 0) {
		throw new Error('sample data option "sources" must be a non-empty array of source names');
	}
	for (const s of list) {
		if (!SAMPLE_SOURCES.includes(s)) {
			throw new Error(
				`sample data option "sources" has unknown source "${String(s)}"; known: ${SAMPLE_SOURCES.join(', ')}`,
			);
		}
	}
	return { seed, customers, sources: new Set(list), endMs, days };
}

function emptyBySource(): Record<SampleSource, number> {
	return { hubspot: 0, ga4: 0, mailchimp: 0, metaAds: 0, shopify: 0, support: 0 };
}

function pad2(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

function money(n: number): string {
	return n.toFixed(2);
}

/** Shopify-style local timestamp with a fixed store offset of -05:00. */
function shopifyTime(ms: number): string {
	return `${new Date(ms - 5 * 3_600_000).toISOString().slice(0, 19)}-05:00`;
}

/**
 * The simulated company: Juniper & Oak, an online home-goods shop. One instance produces one run's
 * records, in order, and accumulates the truth while doing so (nothing but the small per-customer
 * state and the Meta Ads day x ad counters is held).
 */
class SampleWorld {
	readonly truth: SampleTruth;
	readonly counts = emptyBySource();
	private readonly rng: Rng;
	private readonly o: ResolvedOptions;
	private readonly startMs: number;
	private readonly campaigns: Campaign[] = [];
	private readonly ads: MetaAd[] = [];
	private readonly adClicks: Int32Array;
	private readonly adPurchases: Int32Array;
	private readonly dayStrings: string[] = [];
	private readonly pii = new Set<string>();
	private nextOrderId = 5_100_000_001;
	private nextOrderName = 1001;
	private nextTicketId = 20_001;
	private nextLineItemId = 13_000_000_001;
	private clickedCustomers = 0;
	private clickedConverted = 0;
	private notClickedCustomers = 0;
	private notClickedConverted = 0;

	constructor(o: ResolvedOptions) {
		this.o = o;
		this.rng = new Rng(o.seed);
		this.startMs = o.endMs - o.days * DAY_MS;
		const groups = {} as Record<SampleGroup, SampleGroupTruth>;
		for (const g of SAMPLE_GROUPS) {
			groups[g] = {
				count: 0,
				customerIds: [],
				emails: [],
				convertedInPeriod: 0,
				orders: 0,
				revenue: 0,
				sessions: 0,
				emailClicks: 0,
			};
		}
		const funnelDepth: Record<string, number> = {};
		for (const s of SAMPLE_FUNNEL) funnelDepth[s] = 0;
		this.truth = {
			seed: o.seed,
			customers: o.customers,
			anonymousVisitors: Math.round(o.customers * 0.2),
			startDate: new Date(this.startMs).toISOString(),
			endDate: new Date(o.endMs).toISOString(),
			decisiveChannel: 'email',
			worstFunnelStep: { from: 'add_to_cart', to: 'begin_checkout' },
			funnelSteps: SAMPLE_FUNNEL.slice(),
			groups,
			consentWithheld: { count: 0, customerIds: [], emails: [], records: 0 },
			piiValues: [],
			malformedRecords: 0,
			malformedBySource: emptyBySource(),
			duplicateEvents: 0,
			duplicatesBySource: emptyBySource(),
			conversionByEmailClick: {
				clicked: { customers: 0, converted: 0, rate: 0 },
				notClicked: { customers: 0, converted: 0, rate: 0 },
			},
			funnelDepth,
			shippingCostTickets: 0,
			orders: 0,
			revenue: 0,
			metaAdsSpend: 0,
		};
		// Weekly email campaigns, Tuesday-ish mornings.
		const weeks = Math.floor(o.days / 7);
		for (let k = 0; k < weeks; k++) {
			const title = `${EMAIL_CAMPAIGN_TITLES[k % EMAIL_CAMPAIGN_TITLES.length]} #${k + 1}`;
			let id = '';
			for (let j = 0; j < 10; j++) id += '0123456789abcdef'[this.rng.int(16)];
			this.campaigns.push({
				id,
				title,
				time: this.startMs + k * 7 * DAY_MS + DAY_MS + 14 * 3_600_000,
				slug: title
					.toLowerCase()
					.replace(/[^a-z0-9]+/g, '_')
					.replace(/_$/, ''),
			});
		}
		let adNumber = 0;
		for (const c of META_CAMPAIGNS) {
			for (const adset of c.adsets) {
				for (const variant of ['A', 'B']) {
					this.ads.push({
						id: String(23_851_000_000_000 + 1000 * adNumber + 17),
						campaign: c.name,
						adset,
						name: `${adset} - Creative ${variant}`,
					});
					adNumber++;
				}
			}
		}
		this.adClicks = new Int32Array(o.days * this.ads.length);
		this.adPurchases = new Int32Array(o.days * this.ads.length);
		for (let d = 0; d < o.days; d++) {
			const t = new Date(this.startMs + d * DAY_MS);
			this.dayStrings.push(
				`${t.getUTCFullYear()}${pad2(t.getUTCMonth() + 1)}${pad2(t.getUTCDate())}`,
			);
		}
	}

	private addPii(value: string): void {
		this.pii.add(value);
	}

	private emits(source: SampleSource): boolean {
		return this.o.sources.has(source);
	}

	private dayIndex(ms: number): number {
		const d = Math.floor((ms - this.startMs) / DAY_MS);
		return d < 0 ? 0 : d >= this.o.days ? this.o.days - 1 : d;
	}

	private pickGroup(ageIndex: number): SampleGroup {
		// Demographics only weakly tied to behaviour: older customers lean a little to premium.
		const w = SAMPLE_GROUPS.map((g) => GROUP_PROFILES[g].weight);
		if (ageIndex >= 3) w[0] *= 1.25;
		if (ageIndex <= 1) w[2] *= 1.15;
		return this.rng.weighted(SAMPLE_GROUPS, w);
	}

	private between(range: readonly [number, number]): number {
		return range[0] + this.rng.int(range[1] - range[0] + 1);
	}

	/** Records of the current customer (or visitor, or the Meta rows), drained by `records()`. */
	private readonly buf: Record<string, unknown>[] = [];

	/** Every record, in emission order. One generator level; the rest fill `buf`. */
	*records(): Generator<Record<string, unknown>> {
		const buf = this.buf;
		// About one malformed record per 250 customers, at least 4 (one of each kind) when possible.
		const malformedEvery = Math.max(1, Math.min(250, Math.floor(this.o.customers / 8)));
		let malformedKind = 0;
		let pending = false;
		for (let i = 0; i < this.o.customers; i++) {
			if (i % malformedEvery === Math.floor(malformedEvery / 2)) pending = true;
			const used = this.customer(i, pending ? malformedKind : -1);
			if (used) {
				pending = false;
				malformedKind++;
			}
			for (let j = 0; j < buf.length; j++) yield buf[j];
			buf.length = 0;
		}
		for (let i = 0; i < this.truth.anonymousVisitors; i++) {
			this.anonymous(i);
			for (let j = 0; j < buf.length; j++) yield buf[j];
			buf.length = 0;
		}
		this.metaRows();
		for (let j = 0; j < buf.length; j++) yield buf[j];
		buf.length = 0;
		this.finish();
	}

	private finish(): void {
		this.truth.piiValues = Array.from(this.pii);
		const c = this.truth.conversionByEmailClick;
		c.clicked = {
			customers: this.clickedCustomers,
			converted: this.clickedConverted,
			rate: this.clickedCustomers ? this.clickedConverted / this.clickedCustomers : 0,
		};
		c.notClicked = {
			customers: this.notClickedCustomers,
			converted: this.notClickedConverted,
			rate: this.notClickedCustomers ? this.notClickedConverted / this.notClickedCustomers : 0,
		};
		this.truth.revenue = Math.round(this.truth.revenue * 100) / 100;
		this.truth.metaAdsSpend = Math.round(this.truth.metaAdsSpend * 100) / 100;
		for (const g of SAMPLE_GROUPS) {
			this.truth.groups[g].revenue = Math.round(this.truth.groups[g].revenue * 100) / 100;
		}
	}

	private count(source: SampleSource, withheld: boolean): boolean {
		if (!this.emits(source)) return false;
		this.counts[source]++;
		if (withheld) this.truth.consentWithheld.records++;
		return true;
	}

	// ---------------------------------------------------------------- one CRM customer

	/** One CRM customer's rows; returns whether the requested malformed record was emitted. */
	private customer(i: number, malformedKind: number): boolean {
		const rng = this.rng;
		const id = String(1_000_001 + i);
		const first = FIRST_NAMES[rng.int(FIRST_NAMES.length)];
		const last = LAST_NAMES[rng.int(LAST_NAMES.length)];
		const email =
			`${first}.${last}.${i + 1}@${EMAIL_DOMAINS[rng.int(EMAIL_DOMAINS.length)]}`.toLowerCase();
		const phone = `+1 555-${100 + rng.int(900)}-${1000 + rng.int(9000)}`;
		const address = `${1 + rng.int(980)} ${rng.pick(STREETS)} ${rng.pick(STREET_SUFFIXES)}`;
		const regionEntry = REGIONS[rng.int(REGIONS.length)];
		const [state, city] = regionEntry.states[rng.int(regionEntry.states.length)];
		const ageIndex = rng.weighted([0, 1, 2, 3, 4, 5], AGE_WEIGHTS);
		const gender = rng.weighted(GENDERS, GENDER_WEIGHTS);
		const group = this.pickGroup(ageIndex);
		const profile = GROUP_PROFILES[group];
		const plan = rng.weighted(PLANS, profile.plans);
		const consent = rng.chance(0.92);
		let notes = '';
		const noteRoll = rng.next();
		if (noteRoll < 0.03) notes = rng.pick(INJECTION_NOTES);
		else if (noteRoll < 0.4) {
			notes = rng
				.pick(NOTES)
				.replace('{first}', first)
				.replace('{n}', String(2 + rng.int(90)))
				.replace('{month}', rng.pick(['March', 'July', 'November']));
		}
		this.addPii(first);
		this.addPii(last);
		this.addPii(`${first} ${last}`);
		this.addPii(email);
		this.addPii(phone);
		this.addPii(address);
		if (notes) this.addPii(notes);

		const gt = this.truth.groups[group];
		gt.count++;
		gt.customerIds.push(id);
		gt.emails.push(email);
		if (!consent) {
			this.truth.consentWithheld.count++;
			this.truth.consentWithheld.customerIds.push(id);
			this.truth.consentWithheld.emails.push(email);
		}

		// Email: marketing only goes to customers who granted consent.
		const mail: { action: string; time: number; campaign: number; type?: string }[] = [];
		const clicks: number[] = [];
		if (consent) {
			const startCampaign = group === 'lapsed' ? 0 : rng.int(3);
			for (let k = startCampaign; k < this.campaigns.length; k++) {
				const c = this.campaigns[k];
				if (rng.chance(profile.bounce / 4)) {
					mail.push({
						action: 'bounce',
						time: c.time + 60_000 + rng.int(600_000),
						campaign: k,
						type: 'hard',
					});
					break;
				}
				if (rng.chance(profile.open)) {
					const openAt = c.time + MINUTE_MS * (5 + rng.int(60 * 30));
					mail.push({ action: 'open', time: openAt, campaign: k });
					if (rng.chance(profile.click)) {
						const clickAt = openAt + MINUTE_MS * (1 + rng.int(20));
						mail.push({ action: 'click', time: clickAt, campaign: k });
						clicks.push(clickAt);
						clicks.push(k);
					}
				}
				if (rng.chance(profile.unsubscribe / 4)) {
					mail.push({
						action: 'unsub',
						time: c.time + MINUTE_MS * (30 + rng.int(600)),
						campaign: k,
					});
					break;
				}
			}
		}
		const clicked = clicks.length > 0;
		const pConvert = Math.min(
			0.95,
			profile.baseConversion * (clicked ? profile.clickMultiplier : 1),
		);
		const converts = rng.chance(pConvert);

		// Sessions: one per email click plus the group's own channel mix.
		const sessions: Session[] = [];
		for (let j = 0; j < clicks.length; j += 2) {
			sessions.push({
				time: clicks[j] + 20_000 + rng.int(100_000),
				channel: 'email',
				ref: clicks[j + 1],
				depth: 0,
				device: 0,
				orderValue: 0,
				orderId: 0,
			});
		}
		const own = this.between(profile.sessions);
		for (let j = 0; j < own; j++) sessions.push(this.drawSession(profile));
		sessions.sort((a, b) => a.time - b.time);

		let orders = 0;
		if (sessions.length > 0) {
			if (converts) {
				const nOrders = Math.min(sessions.length, this.between(profile.orders));
				const chosen = new Set<number>();
				const emailSessions: number[] = [];
				for (let j = 0; j < sessions.length; j++)
					if (sessions[j].channel === 'email') emailSessions.push(j);
				if (emailSessions.length > 0 && rng.chance(0.85)) chosen.add(rng.pick(emailSessions));
				while (chosen.size < nOrders) chosen.add(rng.int(sessions.length));
				for (let j = 0; j < sessions.length; j++) {
					sessions[j].depth = chosen.has(j) ? 4 : rng.weighted([0, 1, 2], [0.45, 0.4, 0.15]);
				}
				orders = nOrders;
			} else {
				const deepest = rng.weighted([0, 1, 2, 3], NON_CONVERTER_DEPTH);
				const at = rng.int(sessions.length);
				for (let j = 0; j < sessions.length; j++) {
					sessions[j].depth =
						j === at ? deepest : Math.min(deepest, rng.weighted([0, 1], [0.6, 0.4]));
				}
			}
			let maxDepth = 0;
			for (const s of sessions) if (s.depth > maxDepth) maxDepth = s.depth;
			if (consent) this.truth.funnelDepth[SAMPLE_FUNNEL[maxDepth]]++;
		}
		if (clicked) {
			this.clickedCustomers++;
			if (orders > 0) this.clickedConverted++;
		} else {
			this.notClickedCustomers++;
			if (orders > 0) this.notClickedConverted++;
		}
		gt.sessions += sessions.length;
		gt.emailClicks += clicks.length / 2;
		if (orders > 0) gt.convertedInPeriod++;

		// Devices: a fifth use two; every device logs in at some point, so web ids link to the CRM.
		const twoDevices = sessions.length >= 3 && rng.chance(0.2);
		const pseudo = [this.pseudoId(sessions.length ? sessions[0].time : this.o.endMs)];
		if (twoDevices) pseudo.push(this.pseudoId(sessions[1].time));
		let device0Sessions = 0;
		for (let j = 0; j < sessions.length; j++) {
			sessions[j].device = twoDevices && j > 0 && rng.chance(0.4) ? 1 : 0;
			if (sessions[j].device === 0) device0Sessions++;
		}
		const anonymousFirst = device0Sessions >= 2 && rng.chance(0.6);

		// Orders: values and ids for purchase sessions, plus long-ago orders for the lapsed.
		const historical: { time: number; channel: SimChannel }[] = [];
		const nHistorical = this.between(profile.historicalOrders);
		for (let j = 0; j < nHistorical; j++) {
			historical.push({
				time: this.startMs - DAY_MS * (30 + rng.int(300)) - rng.int(DAY_MS),
				channel: rng.weighted(
					['email', 'paid_search', 'organic_search', 'direct'] as SimChannel[],
					[0.5, 0.2, 0.15, 0.15],
				),
			});
		}
		historical.sort((a, b) => a.time - b.time);

		const firstTouch = Math.min(
			sessions.length ? sessions[0].time : Infinity,
			mail.length ? mail[0].time : Infinity,
			historical.length ? historical[0].time : Infinity,
			this.o.endMs - DAY_MS,
		);
		const firstChannel: SimChannel =
			historical.length && historical[0].time === firstTouch
				? historical[0].channel
				: sessions.length && sessions[0].time === firstTouch
					? sessions[0].channel
					: mail.length
						? 'email'
						: 'direct';
		const created = firstTouch - MINUTE_MS * (1 + rng.int(30));
		const lifecycle =
			orders + nHistorical === 0
				? rng.pick(['subscriber', 'lead', 'marketingqualifiedlead'])
				: group === 'premium_loyalists' && rng.chance(0.3)
					? 'evangelist'
					: 'customer';
		const withheld = !consent;

		// ---- HubSpot contact (v3 shape, as n8n's HubSpot node returns it)
		if (this.count('hubspot', withheld)) {
			const createdIso = new Date(created).toISOString();
			const updatedIso = new Date(
				Math.max(created, this.o.endMs - rng.int(20) * DAY_MS),
			).toISOString();
			this.buf.push({
				id,
				properties: {
					email,
					firstname: first,
					lastname: last,
					phone,
					address,
					city,
					state,
					lifecyclestage: lifecycle,
					hs_analytics_source: HUBSPOT_SOURCE[firstChannel],
					createdate: createdIso,
					lastmodifieddate: updatedIso,
					hs_object_id: id,
					age_band: AGE_BANDS[ageIndex],
					gender,
					region: regionEntry.region,
					plan,
					marketing_consent: consent ? 'granted' : 'withheld',
					notes,
				},
				createdAt: createdIso,
				updatedAt: updatedIso,
				archived: false,
			});
		}
		const kind = consent ? malformedKind % 4 : -1;
		const malformedDone = malformedKind >= 0 && consent && (kind !== 1 || sessions.length > 0);
		if (malformedKind >= 0 && kind === 0 && this.emits('hubspot')) {
			// A contact export row that lost its id.
			this.counts.hubspot++;
			this.truth.malformedRecords++;
			this.truth.malformedBySource.hubspot++;
			this.buf.push({
				properties: {
					email,
					firstname: first,
					lastname: last,
					createdate: new Date(created).toISOString(),
				},
				createdAt: new Date(created).toISOString(),
				archived: false,
			});
		}

		// ---- GA4 events
		const geo = { country: 'United States', region: GA4_REGION_NAMES[state] };
		const deviceCategory = [
			rng.weighted(['mobile', 'desktop', 'tablet'], [0.6, 0.33, 0.07]),
			'desktop',
		];
		const firstSource = this.trafficSource(sessions.length ? sessions[0] : null);
		let loggedIn = false;
		const sessionNumber = [0, 0];
		for (let j = 0; j < sessions.length; j++) {
			const s = sessions[j];
			const dev = s.device;
			sessionNumber[dev]++;
			const logs = dev === 1 || !anonymousFirst || j > 0;
			let orderValue = 0;
			let orderId = 0;
			if (s.depth === 4) {
				orderValue = this.orderValue(profile);
				orderId = this.nextOrderId++;
				s.orderValue = orderValue;
				s.orderId = orderId;
				if (s.channel === 'paid_social')
					this.adPurchases[this.dayIndex(s.time) * this.ads.length + s.ref]++;
			}
			this.sessionEvents(
				s,
				pseudo[dev],
				logs ? id : null,
				logs && !loggedIn,
				sessionNumber[dev],
				firstSource,
				deviceCategory[dev],
				geo,
				consent,
				withheld,
				malformedKind >= 0 && kind === 1 && j === 0,
			);
			if (logs) loggedIn = true;
		}

		// ---- Mailchimp member activity
		for (const m of mail) {
			const c = this.campaigns[m.campaign];
			const row: Record<string, unknown> = {
				email_address: email,
				action: m.action,
				timestamp: new Date(m.time).toISOString(),
				campaign_id: c.id,
				title: c.title,
			};
			if (m.action === 'click') {
				row.url = `${SHOP}/collections/sale?utm_source=mailchimp&utm_medium=email&utm_campaign=${c.slug}`;
			}
			if (m.type) row.type = m.type;
			const duplicate = !withheld && rng.chance(0.004);
			if (this.count('mailchimp', withheld)) {
				this.buf.push(row);
				if (duplicate) {
					this.counts.mailchimp++;
					this.truth.duplicateEvents++;
					this.truth.duplicatesBySource.mailchimp++;
					this.buf.push({ ...row });
				}
			}
		}
		if (malformedKind >= 0 && kind === 2 && this.emits('mailchimp')) {
			this.counts.mailchimp++;
			this.truth.malformedRecords++;
			this.truth.malformedBySource.mailchimp++;
			this.buf.push({
				email_address: email,
				action: 'open',
				timestamp: '31/02/2026 25:61',
				campaign_id: this.campaigns[0].id,
				title: this.campaigns[0].title,
			});
		}

		// ---- Shopify orders
		const shopifyCustomerId = 7_200_000_001 + i;
		for (const h of historical) {
			const value = this.orderValue(profile);
			const s: Session = {
				time: h.time,
				channel: h.channel,
				ref: rng.int(this.campaigns.length),
				depth: 4,
				device: 0,
				orderValue: value,
				orderId: this.nextOrderId++,
			};
			orders++;
			this.shopifyOrder(s, email, first, last, shopifyCustomerId, group, withheld, false);
		}
		for (const s of sessions) {
			if (s.depth !== 4) continue;
			this.shopifyOrder(s, email, first, last, shopifyCustomerId, group, withheld, false);
		}
		if (malformedKind >= 0 && kind === 3 && this.emits('shopify')) {
			const s: Session = {
				time: this.o.endMs - DAY_MS,
				channel: 'direct',
				ref: -1,
				depth: 4,
				device: 0,
				orderValue: 42,
				orderId: this.nextOrderId++,
			};
			this.shopifyOrder(s, email, first, last, shopifyCustomerId, group, withheld, true);
		}

		// ---- Support tickets
		const maxDepth = sessions.reduce((m, s) => (s.depth > m ? s.depth : m), -1);
		const tickets: { tag: string; time: number }[] = [];
		if (maxDepth === 2 || maxDepth === 3) {
			const abandon = sessions.find((s) => s.depth === maxDepth);
			if (abandon && rng.chance(0.3))
				tickets.push({ tag: 'shipping_cost', time: abandon.time + 3_600_000 * (1 + rng.int(40)) });
		}
		if (orders > 0 && rng.chance(0.12)) {
			tickets.push({
				tag: rng.weighted(
					['order_status', 'returns', 'damaged_item', 'product_question'],
					[0.4, 0.25, 0.15, 0.2],
				),
				time: this.o.endMs - DAY_MS * (1 + rng.int(this.o.days - 2)),
			});
		}
		if (group === 'lapsed' && rng.chance(0.1))
			tickets.push({ tag: 'refund', time: this.o.endMs - DAY_MS * (1 + rng.int(this.o.days - 2)) });
		for (const t of tickets) {
			const subject = rng.pick(SUPPORT_SUBJECTS[t.tag]);
			const status = rng.weighted(['solved', 'open', 'pending'], [0.6, 0.25, 0.15]);
			const via = rng.weighted(['email', 'web', 'chat'], [0.5, 0.3, 0.2]);
			if (!this.count('support', withheld)) continue;
			if (t.tag === 'shipping_cost') this.truth.shippingCostTickets++;
			const description = `Hi, this is ${first}. ${subject} Order email ${email}, call me on ${phone}.`;
			this.addPii(description);
			this.buf.push({
				id: this.nextTicketId++,
				requester_email: email,
				subject,
				description,
				created_at: new Date(t.time).toISOString(),
				status,
				tags: t.tag === 'shipping_cost' ? ['shipping_cost', 'checkout'] : [t.tag],
				via: { channel: via },
			});
		}
		return malformedDone;
	}

	private drawSession(profile: GroupProfile): Session {
		const rng = this.rng;
		const channel = rng.weighted(profile.channels, profile.channelWeights);
		const time = this.startMs + rng.int(this.o.days * DAY_MS - 2 * 3_600_000);
		let ref = -1;
		if (channel === 'paid_social') {
			ref = rng.int(this.ads.length);
			this.adClicks[this.dayIndex(time) * this.ads.length + ref]++;
		}
		return { time, channel, ref, depth: 0, device: 0, orderValue: 0, orderId: 0 };
	}

	private pseudoId(firstMs: number): string {
		return `${1_000_000_000 + this.rng.int(1_000_000_000)}.${Math.floor(firstMs / 1000)}`;
	}

	private orderValue(profile: GroupProfile): number {
		const rng = this.rng;
		let total = 0;
		const lines = 1 + rng.int(3);
		for (let l = 0; l < lines; l++) total += PRODUCTS[rng.pick(profile.products)].price;
		return total;
	}

	private trafficSource(s: Session | null): Record<string, string> {
		if (!s) return { name: '(direct)', medium: '(none)', source: '(direct)' };
		const ts = this.sessionSource(s);
		if (!ts) return { name: '(direct)', medium: '(none)', source: '(direct)' };
		return {
			name: ts.manual_campaign_name ?? '(organic)',
			medium: ts.manual_medium,
			source: ts.manual_source,
		};
	}

	private sessionSource(s: Session): Record<string, string> | null {
		switch (s.channel) {
			case 'direct':
				return null;
			case 'email':
				return {
					manual_source: 'mailchimp',
					manual_medium: 'email',
					manual_campaign_name: this.campaigns[s.ref].slug,
				};
			case 'paid_social': {
				const ad = this.ads[s.ref];
				return {
					manual_source: s.time % 3 === 0 ? 'instagram' : 'facebook',
					manual_medium: 'paid_social',
					manual_campaign_name: ad.campaign,
					manual_content: ad.id,
				};
			}
			case 'paid_search':
				return {
					manual_source: 'google',
					manual_medium: 'cpc',
					manual_campaign_name: s.time % 2 ? 'brand_search' : 'generic_home',
				};
			case 'organic_search':
				return { manual_source: s.time % 5 === 0 ? 'bing' : 'google', manual_medium: 'organic' };
			case 'organic_social':
				return { manual_source: 'instagram.com', manual_medium: 'social' };
			case 'referral':
				return { manual_source: 'kitchenblog.example', manual_medium: 'referral' };
		}
	}

	private sessionEvents(
		s: Session,
		pseudoId: string,
		userId: string | null,
		login: boolean,
		sessionNumber: number,
		trafficSource: Record<string, string>,
		device: string,
		geo: Record<string, string>,
		consent: boolean,
		withheld: boolean,
		malformed: boolean,
	): void {
		const rng = this.rng;
		const emit = this.emits('ga4');
		const sessionId = String(Math.floor(s.time / 1000));
		const source = this.sessionSource(s);
		const eventDate = this.dayStrings[this.dayIndex(s.time)];
		let micros = s.time * 1000 + rng.int(1000);
		const pages = 1 + rng.int(3);
		const names: string[] = ['session_start'];
		for (let p = 0; p < pages; p++) names.push('page_view');
		if (login) names.push('login');
		for (let d = 1; d <= s.depth; d++) names.push(STEP_EVENTS[d - 1]);
		for (let e = 0; e < names.length; e++) {
			const name = names[e];
			if (e > 0) micros += 1_000_000 * (4 + rng.int(80)) + rng.int(1_000_000);
			const duplicate = consent && rng.chance(0.002);
			if (!emit) continue;
			const page =
				name === 'session_start' || name === 'page_view'
					? e < 2
						? PAGE_HOME
						: PAGE_COLLECTION
					: name === 'view_item' || name === 'add_to_cart'
						? PAGE_PRODUCTS[(s.time >>> 4) % PRODUCTS.length]
						: PAGE_CHECKOUT;
			const rec: Record<string, unknown> = {
				event_date: eventDate,
				event_timestamp: String(micros),
				event_name: name,
				event_params: [
					{ key: 'ga_session_id', value: { int_value: sessionId } },
					{ key: 'ga_session_number', value: { int_value: String(sessionNumber) } },
					{ key: 'page_location', value: { string_value: page } },
				],
				user_pseudo_id: pseudoId,
				user_id: userId,
				traffic_source: trafficSource,
				collected_traffic_source: e === 0 ? source : null,
				device: { category: device },
				geo,
				platform: 'WEB',
			};
			if (name === 'purchase') {
				rec.ecommerce = {
					transaction_id: String(s.orderId),
					purchase_revenue: s.orderValue,
					total_item_quantity: 1,
				};
				(rec.event_params as unknown[]).push({ key: 'currency', value: { string_value: 'USD' } });
			}
			this.count('ga4', withheld);
			this.buf.push(rec);
			if (duplicate) {
				// BigQuery export hiccup: the same event twice.
				this.counts.ga4++;
				this.truth.duplicateEvents++;
				this.truth.duplicatesBySource.ga4++;
				this.buf.push(JSON.parse(JSON.stringify(rec)) as Record<string, unknown>);
			}
			if (malformed && e === 0) {
				this.counts.ga4++;
				this.truth.malformedRecords++;
				this.truth.malformedBySource.ga4++;
				this.buf.push({ ...rec, event_name: 'page_view', event_timestamp: 'not-a-timestamp' });
			}
		}
	}

	private shopifyOrder(
		s: Session,
		email: string,
		first: string,
		last: string,
		customerId: number,
		group: SampleGroup,
		withheld: boolean,
		malformed: boolean,
	): void {
		const orderEmail = this.rng.chance(0.05)
			? email.charAt(0).toUpperCase() + email.slice(1)
			: email;
		if (!this.emits('shopify')) return;
		this.counts.shopify++;
		if (malformed) {
			this.truth.malformedRecords++;
			this.truth.malformedBySource.shopify++;
		} else {
			if (withheld) this.truth.consentWithheld.records++;
			this.truth.orders++;
			this.truth.revenue += s.orderValue;
			this.truth.groups[group].orders++;
			this.truth.groups[group].revenue += s.orderValue;
		}
		// Orders under $100 pay shipping; that is what the shipping_cost tickets complain about.
		const shipping = s.orderValue >= 100 ? 0 : 8.95;
		const src = this.sessionSource(s);
		let landing = '/';
		if (src) {
			landing = `/?utm_source=${encodeURIComponent(src.manual_source)}&utm_medium=${src.manual_medium}`;
			if (src.manual_campaign_name)
				landing += `&utm_campaign=${encodeURIComponent(src.manual_campaign_name)}`;
		}
		this.addPii(orderEmail);
		const line = PRODUCTS[(s.orderId >>> 1) % PRODUCTS.length];
		const order: Record<string, unknown> = {
			id: s.orderId,
			name: `#${this.nextOrderName++}`,
			email: orderEmail,
			created_at: shopifyTime(s.time),
			updated_at: shopifyTime(s.time + 3_600_000),
			total_price: money(s.orderValue),
			subtotal_price: money(s.orderValue - shipping),
			total_shipping_price_set: { shop_money: { amount: money(shipping), currency_code: 'USD' } },
			currency: 'USD',
			financial_status: 'paid',
			fulfillment_status: s.time < this.o.endMs - 3 * DAY_MS ? 'fulfilled' : null,
			customer: { id: customerId, email: orderEmail, first_name: first, last_name: last },
			line_items: [
				{
					id: this.nextLineItemId++,
					sku: line.sku,
					title: line.title,
					quantity: 1,
					price: money(s.orderValue - shipping),
				},
			],
			landing_site: landing,
			referring_site:
				src && src.manual_medium === 'referral' ? `https://${src.manual_source}/` : '',
			source_name: 'web',
		};
		if (malformed) delete order.created_at;
		this.buf.push(order);
	}

	// ---------------------------------------------------------------- anonymous visitors

	private anonymous(i: number): void {
		const rng = this.rng;
		const profile: GroupProfile = {
			...GROUP_PROFILES.browsers,
			channels: ['paid_social', 'paid_search', 'organic_search', 'referral'],
			channelWeights: [0.5, 0.25, 0.15, 0.1],
		};
		const n = 1 + rng.int(3);
		const sessions: Session[] = [];
		for (let j = 0; j < n; j++) sessions.push(this.drawSession(profile));
		sessions.sort((a, b) => a.time - b.time);
		const deepest = rng.weighted([0, 1, 2, 3], ANONYMOUS_DEPTH);
		for (let j = 0; j < n; j++) sessions[j].depth = j === n - 1 ? deepest : 0;
		this.truth.funnelDepth[SAMPLE_FUNNEL[deepest]]++;
		const pseudo = this.pseudoId(sessions[0].time);
		const ts = this.trafficSource(sessions[0]);
		const geoRegion = REGIONS[i % REGIONS.length].states[0][0];
		const geo = { country: 'United States', region: GA4_REGION_NAMES[geoRegion] };
		for (let j = 0; j < n; j++) {
			this.sessionEvents(
				sessions[j],
				pseudo,
				null,
				false,
				j + 1,
				ts,
				'mobile',
				geo,
				true,
				false,
				false,
			);
		}
	}

	// ---------------------------------------------------------------- Meta Ads insights

	private metaRows(): void {
		const rng = this.rng;
		const nAds = this.ads.length;
		for (let d = 0; d < this.o.days; d++) {
			const date = new Date(this.startMs + d * DAY_MS).toISOString().slice(0, 10);
			for (let a = 0; a < nAds; a++) {
				const ad = this.ads[a];
				const siteClicks = this.adClicks[d * nAds + a];
				const clicks = siteClicks + rng.int(3 + Math.ceil(siteClicks * 0.3));
				const impressions = clicks * (60 + rng.int(60)) + 200 + rng.int(800);
				const spend = Math.round(impressions * (0.007 + rng.next() * 0.006) * 100) / 100;
				const purchases = this.adPurchases[d * nAds + a];
				if (!this.emits('metaAds')) continue;
				this.counts.metaAds++;
				this.truth.metaAdsSpend += spend;
				const actions = [
					{ action_type: 'link_click', value: String(clicks) },
					{ action_type: 'landing_page_view', value: String(siteClicks) },
				];
				if (purchases > 0)
					actions.push({
						action_type: 'offsite_conversion.fb_pixel_purchase',
						value: String(purchases),
					});
				this.buf.push({
					date_start: date,
					date_stop: date,
					account_id: '1029384756',
					campaign_name: ad.campaign,
					adset_name: ad.adset,
					ad_name: ad.name,
					ad_id: ad.id,
					impressions: String(impressions),
					clicks: String(clicks),
					spend: spend.toFixed(2),
					cpc: clicks > 0 ? (spend / clicks).toFixed(6) : '0',
					actions,
				});
			}
		}
	}
}

/**
 * Stream the sample company's records one by one (same order and bytes as
 * {@link generateSampleData}'s `records`), for runs too large to hold.
 *
 * @example
 * for (const record of iterateSampleRecords({ customers: 40000 })) consume(record);
 */
export function* iterateSampleRecords(
	options?: SampleDataOptions,
): Generator<Record<string, unknown>> {
	const world = new SampleWorld(resolveOptions(options));
	yield* world.records();
}

/**
 * Generate a seeded synthetic company: every source's rows in their native export shapes, the
 * planted truth and per-source counts. Same options => byte-identical JSON.
 *
 * @example
 * const { records, truth } = generateSampleData({ seed: 7, customers: 300 });
 */
export function generateSampleData(options?: SampleDataOptions): SampleData {
	const world = new SampleWorld(resolveOptions(options));
	const records: Record<string, unknown>[] = [];
	for (const r of world.records()) records.push(r);
	return { records, truth: world.truth, counts: world.counts };
}
