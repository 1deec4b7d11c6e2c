import { SOURCE_NAMES, type SourceName } from '../util/sources';

/** Columnar event storage and identity keys: typed arrays, interned strings, no object per event. */

/** Namespaces of identity keys. CRM kinds (0..2) anchor customers. */
export enum KeyKind {
	Hubspot = 0,
	Salesforce = 1,
	Custom = 2,
	/** GA4 `user_id`: names a CRM id, resolved once every CRM record is known. */
	UserId = 3,
	/** GA4 `user_pseudo_id` (a browser / app instance). */
	Pseudo = 4,
	Email = 5,
	ShopifyCustomer = 6,
}

export const KEY_PREFIX = ['hubspot', 'salesforce', 'custom', 'user', 'ga4', 'email', 'shopify'];

/** Source codes stored per event: a source's index in SOURCE_NAMES. */
export { SOURCE_NAMES, type SourceName };
export const SOURCE_CODE = Object.fromEntries(SOURCE_NAMES.map((name, code) => [name, code])) as Record<
	SourceName,
	number
>;

export class Interner {
	readonly values: string[] = [];
	private readonly map = new Map<string, number>();

	id(value: string): number {
		let i = this.map.get(value);
		if (i === undefined) {
			i = this.values.length;
			this.values.push(value);
			this.map.set(value, i);
		}
		return i;
	}

	find(value: string): number {
		return this.map.get(value) ?? -1;
	}

	get size(): number {
		return this.values.length;
	}
}

export const CONSENT_UNKNOWN = 0;
export const CONSENT_GRANTED = 1;
export const CONSENT_WITHHELD = 2;

/** Identity keys: one dense index per (kind, raw id). */
export class KeySpace {
	private readonly maps: Map<string, number>[] = [];
	kind = new Uint8Array(1024);
	raw: string[] = [];
	/** Link of a key: CRM alias, pseudo -> user id, email -> CRM, shopify -> email; -1 none. */
	link = new Int32Array(1024).fill(-1);
	consent = new Uint8Array(1024);
	size = 0;

	constructor() {
		for (let k = 0; k < KEY_PREFIX.length; k++) this.maps.push(new Map());
	}

	private readonly lastRaw: (string | null)[] = [null, null, null, null, null, null, null];
	private readonly lastKey = new Int32Array(7);

	key(kind: KeyKind, raw: string): number {
		// Exports often list one user's rows together: remember the last key per kind.
		if (this.lastRaw[kind] === raw) return this.lastKey[kind];
		const map = this.maps[kind];
		let k = map.get(raw);
		if (k === undefined) {
			k = this.size++;
			if (k >= this.kind.length) this.grow();
			this.kind[k] = kind;
			this.raw.push(raw);
			map.set(raw, k);
		}
		this.lastRaw[kind] = raw;
		this.lastKey[kind] = k;
		return k;
	}

	find(kind: KeyKind, raw: string): number {
		return this.maps[kind].get(raw) ?? -1;
	}

	private grow(): void {
		const n = this.kind.length * 2;
		const kind = new Uint8Array(n);
		kind.set(this.kind);
		this.kind = kind;
		const link = new Int32Array(n).fill(-1);
		link.set(this.link);
		this.link = link;
		const consent = new Uint8Array(n);
		consent.set(this.consent);
		this.consent = consent;
	}
}

/** Events as parallel columns. `channel` -1 means: inherit the session's channel. */
export class EventStore {
	size = 0;
	key = new Int32Array(4096);
	ts = new Float64Array(4096);
	event = new Int32Array(4096);
	channel = new Int32Array(4096);
	session = new Float64Array(4096);
	source = new Uint8Array(4096);
	value = new Float64Array(4096);
	txn = new Int32Array(4096);
	campaign = new Int32Array(4096);
	record = new Int32Array(4096);
	/** Index into `tags` (support ticket tags), -1 none. */
	tags = new Int32Array(4096);

	add(
		key: number,
		ts: number,
		event: number,
		channel: number,
		session: number,
		source: number,
		value: number,
		txn: number,
		campaign: number,
		record: number,
		tags: number,
	): void {
		const i = this.size;
		if (i === this.key.length) this.grow();
		this.key[i] = key;
		this.ts[i] = ts;
		this.event[i] = event;
		this.channel[i] = channel;
		this.session[i] = session;
		this.source[i] = source;
		this.value[i] = value;
		this.txn[i] = txn;
		this.campaign[i] = campaign;
		this.record[i] = record;
		this.tags[i] = tags;
		this.size = i + 1;
	}

	private grow(): void {
		const n = this.key.length * 2;
		const i32 = (a: Int32Array) => {
			const b = new Int32Array(n);
			b.set(a);
			return b;
		};
		const f64 = (a: Float64Array) => {
			const b = new Float64Array(n);
			b.set(a);
			return b;
		};
		this.key = i32(this.key);
		this.ts = f64(this.ts);
		this.event = i32(this.event);
		this.channel = i32(this.channel);
		this.session = f64(this.session);
		const source = new Uint8Array(n);
		source.set(this.source);
		this.source = source;
		this.value = f64(this.value);
		this.txn = i32(this.txn);
		this.campaign = i32(this.campaign);
		this.record = i32(this.record);
		this.tags = i32(this.tags);
	}
}
