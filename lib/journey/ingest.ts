import {
	channelFromHubspotSource,
	channelFromLandingUrl,
	channelFromSalesforceSource,
	ChannelLookup,
	normaliseChannel,
} from './channels';
import {
	combineConsent,
	consentOf as consentStateOf,
	consentOfOptOut,
	countAttributeScreen,
	emptyAttributePrivacyCounts,
	isPiiFieldName,
	recordNames,
	screenAttributeValue,
	type AttributePrivacyCounts,
	type ConsentState,
} from '../governance';
import type { ResolvedJourneyOptions } from './options';
import {
	CONSENT_GRANTED,
	CONSENT_UNKNOWN,
	CONSENT_WITHHELD,
	EventStore,
	Interner,
	KeyKind,
	KeySpace,
	SOURCE_CODE,
} from './store';
import { parseTimestamp } from './time';
import type { RecordKind } from './types';

type Rec = Record<string, unknown>;
type Attr = string | number | boolean | null;

/** Why a record could not be used. */
export class Rejection {
	constructor(
		readonly reason: string,
		readonly field?: string,
	) {}
}

const HUBSPOT_ATTRIBUTES = ['age_band', 'gender', 'region', 'plan', 'lifecyclestage'];
const SALESFORCE_ATTRIBUTES: [string, string][] = [
	['Industry', 'industry'],
	['Status', 'status'],
	['Rating', 'rating'],
];

const CONSENT_CODE: Record<ConsentState, number> = {
	unknown: CONSENT_UNKNOWN,
	granted: CONSENT_GRANTED,
	withheld: CONSENT_WITHHELD,
};

/** The consent state of a stored code. */
export function consentStateOfCode(code: number): ConsentState {
	return code === CONSENT_GRANTED ? 'granted' : code === CONSENT_WITHHELD ? 'withheld' : 'unknown';
}

/** Two stored consent codes combined by the governance rule (a withdrawal wins). */
export function combineConsentCodes(a: number, b: number): number {
	return CONSENT_CODE[combineConsent(consentStateOfCode(a), consentStateOfCode(b))];
}

/** Consent code of a free value (the governance rule), CONSENT_UNKNOWN when unrecognised. */
export function consentOf(value: unknown): number {
	return CONSENT_CODE[consentStateOf(value)];
}

/** Non-empty string of a scalar id (numbers stringified), else null. */
function idOf(v: unknown): string | null {
	if (typeof v === 'string') return v.length > 0 ? v : null;
	if (typeof v === 'number' && Number.isFinite(v)) return String(v);
	return null;
}

function emailOf(v: unknown): string | null {
	if (typeof v !== 'string') return null;
	const e = v.trim().toLowerCase();
	return e.length > 2 && e.includes('@') ? e : null;
}

function numberOf(v: unknown): number {
	if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
	if (typeof v === 'string' && v.length > 0) return Number(v);
	return Number.NaN;
}

function isObject(v: unknown): v is Rec {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A HubSpot property: v3 gives the string, v1 gives {value}. */
function prop(props: Rec, name: string): unknown {
	const v = props[name];
	if (isObject(v) && 'value' in v) return v.value;
	return v;
}

function getPath(r: Rec, path: string[]): unknown {
	let v: unknown = r;
	for (const p of path) {
		if (!isObject(v)) return undefined;
		v = v[p];
	}
	return v;
}

function scalarAttr(v: unknown): Attr | undefined {
	if (v === null || typeof v === 'boolean') return v;
	if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
	if (typeof v === 'string') return v.length > 0 && v.length <= 200 ? v : undefined;
	return undefined;
}

/** Detect a record's kind from its shape, or null. */
export function detectKind(r: Rec, hasMapping: boolean): RecordKind | null {
	if (r.event_name !== undefined || r.user_pseudo_id !== undefined) return 'ga4';
	if (isObject(r.properties) || r.vid !== undefined) return 'hubspot';
	const sfType = isObject(r.attributes) ? r.attributes.type : undefined;
	if (
		sfType === 'Contact' ||
		sfType === 'Lead' ||
		r.Id !== undefined ||
		r.LeadSource !== undefined ||
		r.CreatedDate !== undefined
	) {
		return 'salesforce';
	}
	if (r.email_address !== undefined && r.action !== undefined) return 'mailchimp';
	if (r.date_start !== undefined && (r.spend !== undefined || r.impressions !== undefined))
		return 'metaAds';
	if (
		r.line_items !== undefined ||
		r.financial_status !== undefined ||
		(r.total_price !== undefined && r.created_at !== undefined)
	) {
		return 'shopify';
	}
	if (
		r.requester_email !== undefined ||
		r.requester_id !== undefined ||
		(r.subject !== undefined && r.via !== undefined)
	) {
		return 'support';
	}
	return hasMapping ? 'custom' : null;
}

const MAILCHIMP_EVENTS: Record<string, string> = {
	open: 'email_open',
	click: 'email_click',
	bounce: 'email_bounce',
	unsub: 'unsubscribe',
	unsubscribe: 'unsubscribe',
	sent: 'email_sent',
	abuse: 'email_complaint',
	ecomm: 'email_purchase',
};

/**
 * Reads records of any supported kind into the event store. Each `ingest` either stores the
 * record's events / identity facts or returns a Rejection; it never throws for bad data.
 */
export class Ingestor {
	readonly keys = new KeySpace();
	readonly events = new EventStore();
	readonly eventNames = new Interner();
	readonly channels = new Interner();
	readonly campaigns = new Interner();
	readonly txns = new Interner();
	private readonly channelLookup = new ChannelLookup();
	readonly tagLists: string[][] = [];
	/** Per record: identity key (>= 0), -1 used without a customer (Meta rows), -2 rejected. */
	readonly recordKey: Int32Array;
	readonly recordSource: Uint8Array;
	readonly attributes = new Map<number, Record<string, Attr>>();
	readonly spendByChannel = new Map<string, number>();
	readonly spendByCampaign = new Map<
		string,
		{ spend: number; impressions: number; clicks: number }
	>();
	identityConflicts = 0;
	mergedByEmail = 0;
	/** Attribute values replaced because they held personal data or free text, per field. */
	readonly privacy: AttributePrivacyCounts = emptyAttributePrivacyCounts();
	private readonly o: ResolvedJourneyOptions;
	private readonly inherit = -1;
	private readonly evContactCreated: number;
	private readonly evLeadCreated: number;
	private readonly evPurchase: number;
	private readonly evRefund: number;
	private readonly evTicket: number;
	private readonly chEmail: number;
	private readonly chSupport: number;
	private readonly chDirect: number;
	private readonly chStore: number;
	private readonly chReferral: number;
	private readonly chOther: number;
	private readonly gaEventCache = new Map<string, number>();

	constructor(o: ResolvedJourneyOptions, recordCount: number) {
		this.o = o;
		this.recordKey = new Int32Array(recordCount).fill(-2);
		this.recordSource = new Uint8Array(recordCount).fill(255);
		this.evContactCreated = this.eventNames.id('contact_created');
		this.evLeadCreated = this.eventNames.id('lead_created');
		this.evPurchase = this.eventNames.id('purchase');
		this.evRefund = this.eventNames.id('refund');
		this.evTicket = this.eventNames.id('support_ticket');
		this.chEmail = this.channels.id('email');
		this.chSupport = this.channels.id('support');
		this.chDirect = this.channels.id('direct');
		this.chStore = this.channels.id('store');
		this.chReferral = this.channels.id('referral');
		this.chOther = this.channels.id('other');
	}

	ingest(record: unknown, index: number): Rejection | null {
		if (!isObject(record)) {
			return new Rejection(
				`record is ${record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record}, expected an object`,
			);
		}
		const kind =
			this.o.source === 'auto' ? detectKind(record, this.o.mapping !== null) : this.o.source;
		if (kind === null) {
			return new Rejection(
				'unrecognised record shape (not HubSpot, Salesforce, GA4, Mailchimp, Meta Ads, Shopify or support); set source "custom" with a mapping',
			);
		}
		this.recordSource[index] = SOURCE_CODE[kind];
		switch (kind) {
			case 'ga4':
				return this.ga4(record, index);
			case 'hubspot':
				return this.hubspot(record, index);
			case 'salesforce':
				return this.salesforce(record, index);
			case 'mailchimp':
				return this.mailchimp(record, index);
			case 'metaAds':
				return this.metaAds(record, index);
			case 'shopify':
				return this.shopify(record, index);
			case 'support':
				return this.support(record, index);
			case 'custom':
				return this.custom(record, index);
		}
	}

	private setConsent(key: number, c: number): void {
		this.keys.consent[key] = combineConsentCodes(this.keys.consent[key], c);
	}

	/**
	 * A CRM record: its id anchors a customer; an email shared with another id's customer merges
	 * the two customers (ids linked by shared emails, transitively, are one customer), rooted at
	 * the id seen first.
	 */
	private crmIdentity(kind: KeyKind, id: string, email: string | null): number {
		const keys = this.keys;
		const key = keys.key(kind, id);
		if (email !== null) {
			const ek = keys.key(KeyKind.Email, email);
			const owner = keys.link[ek];
			if (owner < 0) keys.link[ek] = key;
			else if (owner !== key) {
				const ownerRoot = this.crmRoot(owner);
				const keyRoot = this.crmRoot(key);
				// The later-seen root joins the earlier-seen one (keys are numbered in first-seen
				// order), so a customer's root is its first-seen id whatever order the links come in.
				if (ownerRoot !== keyRoot) {
					keys.link[Math.max(ownerRoot, keyRoot)] = Math.min(ownerRoot, keyRoot);
					this.mergedByEmail++;
				}
			}
		}
		return key;
	}

	/** The root of a CRM key: links only point to smaller (earlier-seen) keys, so this ends. */
	crmRoot(key: number): number {
		const link = this.keys.link;
		let k = key;
		while (link[k] >= 0) {
			// Path halving: later look-ups of this chain take half the steps.
			if (link[link[k]] >= 0) link[k] = link[link[k]];
			k = link[k];
		}
		return k;
	}

	/**
	 * Attribute values are scanned before they are kept: a value holding personal data (names from
	 * the record's own name fields included) or free text is replaced by a marker and counted.
	 */
	private screenAttributes(attrs: Record<string, Attr>, record: Rec | null): void {
		let names: string[] | null = null;
		for (const field of Object.keys(attrs)) {
			const value = attrs[field];
			if (typeof value !== 'string') continue;
			if (names === null) names = record === null ? [] : recordNames(record);
			const screen = screenAttributeValue(value, { names });
			if (screen.verdict === 'clean') continue;
			attrs[field] = screen.value;
			countAttributeScreen(this.privacy, field, screen);
		}
	}

	private mergeAttributes(key: number, attrs: Record<string, Attr>, record: Rec | null): void {
		this.screenAttributes(attrs, record);
		const prev = this.attributes.get(key);
		if (prev === undefined) this.attributes.set(key, attrs);
		else for (const [k, v] of Object.entries(attrs)) if (!(k in prev)) prev[k] = v;
	}

	private hubspot(r: Rec, index: number): Rejection | null {
		const id = idOf(r.id) ?? idOf(r.vid) ?? idOf(r.hs_object_id);
		const props = r.properties;
		if (!isObject(props))
			return new Rejection('HubSpot contact has no properties object', 'properties');
		const idFinal = id ?? idOf(prop(props, 'hs_object_id'));
		if (idFinal === null) return new Rejection('missing customer id (HubSpot contact id)', 'id');
		const created = prop(props, 'createdate') ?? r.createdAt;
		let ts = Number.NaN;
		if (created !== undefined && created !== null && created !== '') {
			ts = parseTimestamp(created);
			if (Number.isNaN(ts)) return new Rejection('unparseable timestamp', 'properties.createdate');
		}
		const key = this.crmIdentity(KeyKind.Hubspot, idFinal, emailOf(prop(props, 'email')));
		this.setConsent(
			key,
			consentOf(prop(props, 'marketing_consent') ?? prop(props, 'hs_marketable_status')),
		);
		const attrs: Record<string, Attr> = {};
		for (const a of HUBSPOT_ATTRIBUTES) {
			const v = scalarAttr(prop(props, a));
			if (v !== undefined && v !== null) attrs[a] = v;
		}
		this.mergeAttributes(key, attrs, r);
		this.recordKey[index] = key;
		if (!Number.isNaN(ts)) {
			const channel = this.channels.id(
				channelFromHubspotSource(prop(props, 'hs_analytics_source')),
			);
			this.events.add(
				key,
				ts,
				this.evContactCreated,
				channel,
				Number.NaN,
				SOURCE_CODE.hubspot,
				Number.NaN,
				-1,
				-1,
				index,
				-1,
			);
		}
		return null;
	}

	private salesforce(r: Rec, index: number): Rejection | null {
		const id = idOf(r.Id) ?? idOf(r.id);
		if (id === null) return new Rejection('missing customer id (Salesforce Id)', 'Id');
		let ts = Number.NaN;
		if (r.CreatedDate !== undefined && r.CreatedDate !== null && r.CreatedDate !== '') {
			ts = parseTimestamp(r.CreatedDate);
			if (Number.isNaN(ts)) return new Rejection('unparseable timestamp', 'CreatedDate');
		}
		const key = this.crmIdentity(KeyKind.Salesforce, id, emailOf(r.Email));
		this.setConsent(key, CONSENT_CODE[consentOfOptOut(r.HasOptedOutOfEmail)]);
		if (this.o.mappingPaths?.consent)
			this.setConsent(key, consentOf(getPath(r, this.o.mappingPaths.consent)));
		const attrs: Record<string, Attr> = {};
		for (const [from, to] of SALESFORCE_ATTRIBUTES) {
			const v = scalarAttr(r[from]);
			if (v !== undefined && v !== null) attrs[to] = v;
		}
		this.mergeAttributes(key, attrs, r);
		this.recordKey[index] = key;
		if (!Number.isNaN(ts)) {
			const type = isObject(r.attributes) ? r.attributes.type : undefined;
			const isLead =
				type === 'Lead' ||
				(type === undefined && (r.Company !== undefined || r.Status !== undefined));
			const channel = this.channels.id(channelFromSalesforceSource(r.LeadSource));
			this.events.add(
				key,
				ts,
				isLead ? this.evLeadCreated : this.evContactCreated,
				channel,
				Number.NaN,
				SOURCE_CODE.salesforce,
				Number.NaN,
				-1,
				-1,
				index,
				-1,
			);
		}
		return null;
	}

	private ga4(r: Rec, index: number): Rejection | null {
		const name = r.event_name;
		if (typeof name !== 'string' || name.length === 0)
			return new Rejection('missing or non-string event name', 'event_name');
		const ts = parseTimestamp(r.event_timestamp);
		if (Number.isNaN(ts)) {
			return new Rejection(
				r.event_timestamp === undefined || r.event_timestamp === null
					? 'missing timestamp'
					: 'unparseable timestamp',
				'event_timestamp',
			);
		}
		const pseudo = idOf(r.user_pseudo_id);
		const uid = idOf(r.user_id);
		if (pseudo === null && uid === null)
			return new Rejection('missing customer id (user_pseudo_id and user_id)', 'user_pseudo_id');
		let session = Number.NaN;
		let pSource: string | null = null;
		let pMedium: string | null = null;
		let pCampaign: string | null = null;
		let pValue = Number.NaN;
		const params = r.event_params;
		if (Array.isArray(params)) {
			for (let i = 0; i < params.length; i++) {
				const p = params[i] as Rec | null;
				if (p === null || typeof p !== 'object') continue;
				const k = p.key;
				const v = p.value as Rec | null | undefined;
				if (typeof k !== 'string' || v === null || typeof v !== 'object') continue;
				switch (k) {
					case 'ga_session_id':
						session = numberOf(v.int_value ?? v.string_value ?? v.double_value);
						break;
					case 'source':
						pSource = typeof v.string_value === 'string' ? v.string_value : null;
						break;
					case 'medium':
						pMedium = typeof v.string_value === 'string' ? v.string_value : null;
						break;
					case 'campaign':
						pCampaign = typeof v.string_value === 'string' ? v.string_value : null;
						break;
					case 'value':
						pValue = numberOf(v.double_value ?? v.int_value ?? v.float_value ?? v.string_value);
						break;
				}
			}
		}
		let channel = this.inherit;
		let campaign = -1;
		const cts = r.collected_traffic_source as Rec | null | undefined;
		if (
			cts !== null &&
			typeof cts === 'object' &&
			(typeof cts.manual_source === 'string' || typeof cts.manual_medium === 'string')
		) {
			channel = this.channels.id(
				this.channelLookup.channel(
					typeof cts.manual_source === 'string' ? cts.manual_source : '',
					typeof cts.manual_medium === 'string' ? cts.manual_medium : '',
				),
			);
			if (typeof cts.manual_campaign_name === 'string')
				campaign = this.campaigns.id(cts.manual_campaign_name);
		} else if (pSource !== null || pMedium !== null) {
			channel = this.channels.id(this.channelLookup.channel(pSource ?? '', pMedium ?? ''));
			if (pCampaign !== null) campaign = this.campaigns.id(pCampaign);
		}
		let txn = -1;
		let value = Number.NaN;
		const ecommerce = r.ecommerce as Rec | null | undefined;
		if (ecommerce !== null && typeof ecommerce === 'object') {
			const t = idOf(ecommerce.transaction_id);
			if (t !== null && t !== '(not set)') txn = this.txns.id(t);
			value = numberOf(ecommerce.purchase_revenue ?? ecommerce.purchase_revenue_in_usd);
		}
		if (Number.isNaN(value)) value = pValue;
		let ev = this.gaEventCache.get(name);
		if (ev === undefined) {
			ev = this.eventNames.id(name);
			this.gaEventCache.set(name, ev);
		}
		const keys = this.keys;
		let key: number;
		// ga_session_id is unique per user_pseudo_id only: fold the web id's key into the session.
		const pseudoKey = pseudo === null ? -1 : keys.key(KeyKind.Pseudo, pseudo);
		if (pseudoKey >= 0 && session >= 0 && session < 4294967296)
			session += (pseudoKey + 1) * 4294967296;
		if (uid !== null) {
			key = keys.key(KeyKind.UserId, uid);
			if (pseudoKey >= 0) {
				const linked = keys.link[pseudoKey];
				if (linked < 0) keys.link[pseudoKey] = key;
				else if (linked !== key) this.identityConflicts++;
			}
		} else {
			key = pseudoKey;
		}
		if (!this.attributes.has(key)) {
			const attrs: Record<string, Attr> = {};
			const device = r.device as Rec | null | undefined;
			if (device !== null && typeof device === 'object' && typeof device.category === 'string')
				attrs.device = device.category;
			const geo = r.geo as Rec | null | undefined;
			if (geo !== null && typeof geo === 'object' && typeof geo.country === 'string')
				attrs.country = geo.country;
			this.screenAttributes(attrs, null);
			this.attributes.set(key, attrs);
		}
		this.recordKey[index] = key;
		this.events.add(
			key,
			ts,
			ev,
			channel,
			session,
			SOURCE_CODE.ga4,
			value,
			txn,
			campaign,
			index,
			-1,
		);
		return null;
	}

	private mailchimp(r: Rec, index: number): Rejection | null {
		const email = emailOf(r.email_address);
		if (email === null)
			return new Rejection('missing or invalid email_address (customer id)', 'email_address');
		if (typeof r.action !== 'string' || r.action.length === 0)
			return new Rejection('missing or non-string action', 'action');
		const ts = parseTimestamp(r.timestamp);
		if (Number.isNaN(ts))
			return new Rejection(
				r.timestamp === undefined ? 'missing timestamp' : 'unparseable timestamp',
				'timestamp',
			);
		const ev = this.eventNames.id(
			MAILCHIMP_EVENTS[r.action] ?? `email_${normaliseChannel(r.action)}`,
		);
		const key = this.keys.key(KeyKind.Email, email);
		const campaignName = idOf(r.title) ?? idOf(r.campaign_id);
		const campaign = campaignName === null ? -1 : this.campaigns.id(campaignName);
		this.recordKey[index] = key;
		this.events.add(
			key,
			ts,
			ev,
			this.chEmail,
			Number.NaN,
			SOURCE_CODE.mailchimp,
			Number.NaN,
			-1,
			campaign,
			index,
			-1,
		);
		return null;
	}

	private metaAds(r: Rec, index: number): Rejection | null {
		const spend = numberOf(r.spend ?? 0);
		if (Number.isNaN(spend) || spend < 0)
			return new Rejection('spend is not a non-negative number', 'spend');
		const ts = parseTimestamp(r.date_start);
		if (Number.isNaN(ts)) return new Rejection('unparseable date', 'date_start');
		const platform =
			typeof r.publisher_platform === 'string' ? r.publisher_platform.toLowerCase() : '';
		const channel = platform === 'audience_network' ? 'display' : 'paid_social';
		this.spendByChannel.set(channel, (this.spendByChannel.get(channel) ?? 0) + spend);
		const campaign = idOf(r.campaign_name) ?? idOf(r.campaign_id) ?? '(not set)';
		let c = this.spendByCampaign.get(campaign);
		if (c === undefined) {
			c = { spend: 0, impressions: 0, clicks: 0 };
			this.spendByCampaign.set(campaign, c);
		}
		c.spend += spend;
		const imp = numberOf(r.impressions);
		if (!Number.isNaN(imp)) c.impressions += imp;
		const clk = numberOf(r.clicks);
		if (!Number.isNaN(clk)) c.clicks += clk;
		this.recordKey[index] = -1;
		return null;
	}

	private shopify(r: Rec, index: number): Rejection | null {
		const customer = isObject(r.customer) ? r.customer : null;
		const email =
			emailOf(r.email) ?? emailOf(r.contact_email) ?? (customer ? emailOf(customer.email) : null);
		const customerId = customer ? idOf(customer.id) : null;
		if (email === null && customerId === null)
			return new Rejection('missing customer id (order email and customer.id)', 'email');
		const created = r.created_at ?? r.processed_at;
		if (created === undefined || created === null)
			return new Rejection('missing timestamp', 'created_at');
		const ts = parseTimestamp(created);
		if (Number.isNaN(ts)) return new Rejection('unparseable timestamp', 'created_at');
		const total = numberOf(r.total_price ?? r.current_total_price);
		if (r.total_price !== undefined && Number.isNaN(total))
			return new Rejection('total_price is not a number', 'total_price');
		const keys = this.keys;
		let key: number;
		if (email !== null) {
			key = keys.key(KeyKind.Email, email);
			if (customerId !== null) {
				const sk = keys.key(KeyKind.ShopifyCustomer, customerId);
				if (keys.link[sk] < 0) keys.link[sk] = key;
				else if (keys.link[sk] !== key) this.identityConflicts++;
			}
		} else key = keys.key(KeyKind.ShopifyCustomer, customerId as string);
		let channel = -2;
		let campaign = -1;
		if (typeof r.landing_site === 'string') {
			const c = channelFromLandingUrl(r.landing_site);
			if (c !== null) {
				channel = this.channels.id(c.channel);
				if (c.campaign !== null) campaign = this.campaigns.id(c.campaign);
			}
		}
		if (channel === -2) {
			const sourceName = typeof r.source_name === 'string' ? r.source_name : '';
			const referring = typeof r.referring_site === 'string' ? r.referring_site : '';
			channel =
				sourceName === 'pos'
					? this.chStore
					: referring.length > 0
						? this.chReferral
						: this.chDirect;
		}
		const status = typeof r.financial_status === 'string' ? r.financial_status : 'paid';
		const refunded = status === 'refunded' || status === 'voided';
		const txn = idOf(r.id);
		this.recordKey[index] = key;
		this.events.add(
			key,
			ts,
			refunded ? this.evRefund : this.evPurchase,
			channel,
			Number.NaN,
			SOURCE_CODE.shopify,
			total,
			txn === null ? -1 : this.txns.id(txn),
			campaign,
			index,
			-1,
		);
		return null;
	}

	private support(r: Rec, index: number): Rejection | null {
		const requester = isObject(r.requester) ? r.requester : null;
		const email = emailOf(r.requester_email) ?? (requester ? emailOf(requester.email) : null);
		const requesterId = idOf(r.requester_id);
		if (email === null && requesterId === null)
			return new Rejection('missing customer id (requester_email)', 'requester_email');
		const created = r.created_at;
		if (created === undefined || created === null)
			return new Rejection('missing timestamp', 'created_at');
		const ts = parseTimestamp(created);
		if (Number.isNaN(ts)) return new Rejection('unparseable timestamp', 'created_at');
		let tags = -1;
		if (Array.isArray(r.tags)) {
			const list = r.tags.filter(
				(t): t is string => typeof t === 'string' && t.length > 0 && t.length <= 60,
			);
			if (list.length > 0) {
				tags = this.tagLists.length;
				this.tagLists.push(list);
			}
		}
		const key =
			email !== null
				? this.keys.key(KeyKind.Email, email)
				: this.keys.key(KeyKind.Custom, `zendesk:${requesterId as string}`);
		this.recordKey[index] = key;
		this.events.add(
			key,
			ts,
			this.evTicket,
			this.chSupport,
			Number.NaN,
			SOURCE_CODE.support,
			Number.NaN,
			-1,
			-1,
			index,
			tags,
		);
		return null;
	}

	private custom(r: Rec, index: number): Rejection | null {
		const paths = this.o.mappingPaths;
		const mapping = this.o.mapping;
		if (paths === null || mapping === null) return new Rejection('no mapping for a custom record');
		const id = idOf(getPath(r, paths.customerId));
		if (id === null) return new Rejection('missing customer id', mapping.customerId);
		const rawTs = getPath(r, paths.timestamp);
		if (rawTs === undefined || rawTs === null || rawTs === '')
			return new Rejection('missing timestamp', mapping.timestamp);
		const ts = parseTimestamp(rawTs);
		if (Number.isNaN(ts)) return new Rejection('unparseable timestamp', mapping.timestamp);
		let evName = 'event';
		if (paths.event) {
			const e = getPath(r, paths.event);
			if (typeof e !== 'string' || e.length === 0)
				return new Rejection('missing or non-string event name', mapping.event);
			evName = e;
		}
		let channel = this.chOther;
		if (paths.channel) {
			const c = getPath(r, paths.channel);
			if (typeof c === 'string' && c.length > 0) channel = this.channels.id(normaliseChannel(c));
			else if (c !== undefined && c !== null && c !== '')
				return new Rejection('channel is not a string', mapping.channel);
		}
		let value = Number.NaN;
		if (paths.value) {
			const v = getPath(r, paths.value);
			if (v !== undefined && v !== null && v !== '') {
				value = numberOf(v);
				if (Number.isNaN(value)) return new Rejection('value is not a number', mapping.value);
			}
		}
		let campaign = -1;
		if (paths.campaign) {
			const c = idOf(getPath(r, paths.campaign));
			if (c !== null) campaign = this.campaigns.id(c);
		}
		const email = paths.email ? emailOf(getPath(r, paths.email)) : null;
		const key = this.crmIdentity(KeyKind.Custom, id, email);
		if (paths.consent) this.setConsent(key, consentOf(getPath(r, paths.consent)));
		if (mapping.attributes) {
			const attrs: Record<string, Attr> = {};
			for (const a of mapping.attributes) {
				const name = a.split('.').pop() ?? a;
				if (isPiiFieldName(name)) continue;
				const v = scalarAttr(getPath(r, a.split('.')));
				if (v !== undefined && v !== null) attrs[name] = v;
			}
			this.mergeAttributes(key, attrs, r);
		}
		this.recordKey[index] = key;
		this.events.add(
			key,
			ts,
			this.eventNames.id(evName),
			channel,
			Number.NaN,
			SOURCE_CODE.custom,
			value,
			-1,
			campaign,
			index,
			-1,
		);
		return null;
	}
}
