// @ts-check
// The GA4 BigQuery export as a PostgreSQL table: the export's column names, nested columns as JSONB of
// the export's shape, and records turned into its rows; plus seeded export records with what the
// package's sample data lacks. Shared by the library's `src` test and the node-level warehouse test,
// which load the same rows. Plain CommonJS: tests import it.
'use strict';

/** The PostgreSQL mirror of the export's columns (BIGINT time, JSONB nested columns). */
const GA4_TABLE_COLUMNS =
	'event_date TEXT, event_timestamp BIGINT, event_name TEXT, event_params JSONB, user_id TEXT, user_pseudo_id TEXT, ' +
	'traffic_source JSONB, collected_traffic_source JSONB, ecommerce JSONB, privacy_info JSONB, device JSONB, geo JSONB, platform TEXT';

/**
 * The record as the PostgreSQL mirror of the export stores it: a time that is not whole digits
 * (which BIGINT cannot hold) becomes NULL; every other field is kept as it is.
 * @param {Record<string, unknown>} r
 * @returns {Record<string, unknown>}
 */
function ga4Row(r) {
	const ts = r.event_timestamp;
	return {
		...r,
		event_timestamp: typeof ts === 'number' || (typeof ts === 'string' && /^\d+$/.test(ts)) ? ts : null,
	};
}

/**
 * The record with its microsecond time cut to whole milliseconds, as the warehouse SQL reads it.
 * @param {Record<string, unknown>} r
 * @returns {Record<string, unknown>}
 */
function wholeMs(r) {
	const ts = r.event_timestamp;
	return typeof ts === 'string' && /^\d+$/.test(ts) ? { ...r, event_timestamp: String((BigInt(ts) / 1000n) * 1000n) } : r;
}

/**
 * Creates `table` with the export's columns and loads `records` (as `ga4Row` turns them into rows).
 * @param {{ query(text: string, values?: unknown[]): Promise<unknown> }} client
 * @param {string} table a plain identifier
 * @param {Record<string, unknown>[]} records
 */
async function createGa4Table(client, table, records) {
	await client.query(`CREATE TABLE ${table} (${GA4_TABLE_COLUMNS})`);
	await client.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [
		JSON.stringify(records.map(ga4Row)),
	]);
}

const SOURCES = ['google', ' Google ', 'FACEBOOK', 'facebook.com', 'newsletter', 'bing', '(direct)', '', 't.co', 'partner.example'];
const MEDIUMS = [
	'cpc',
	'CPC ',
	'organic',
	'referral',
	'email',
	'(none)',
	'(not set)',
	'social',
	'paid_social',
	'Display',
	'affiliate',
	'Weird-Medium',
	'',
	'sms',
];

/**
 * Seeded GA4 export rows with what the sample data lacks: channels from params as well as from
 * collected_traffic_source, mediums in odd case and spacing, web ids that log in later, switch user
 * or share a user with another device, session ids as int or string params or missing, values and
 * transaction ids of every type the reader accepts, and some unusable rows. Times only grow, so the
 * input order is the time order (the one documented difference stays out of the comparison).
 * @param {number} seed
 * @param {number} webIds
 * @returns {Record<string, unknown>[]}
 */
function seededGa4(seed, webIds) {
	let state = seed;
	const rnd = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
	/** @type {<T>(list: readonly T[]) => T} */
	const pick = (list) => list[Math.floor(rnd() * list.length)];
	/** @type {Record<string, unknown>[]} */
	const rows = [];
	let t = Date.UTC(2026, 3, 1) * 1000;
	for (let w = 0; w < webIds; w++) {
		const pseudo = `${1000 + w}.${17000 + w}`;
		/** @type {string | null} */
		let user = null;
		const loginAt = rnd() < 0.6 ? Math.floor(rnd() * 6) : -1;
		let n = 0;
		for (let session = 0, sessions = 1 + Math.floor(rnd() * 4); session < sessions; session++) {
			const sid = 1_700_000_000 + w * 10 + session;
			/** @type {[string, Record<string, unknown>] | null} */
			const sessionParam =
				rnd() < 0.1
					? null
					: ['ga_session_id', rnd() < 0.2 ? { string_value: String(sid) } : { int_value: String(sid), string_value: null }];
			for (let e = 0, events = 1 + Math.floor(rnd() * 6); e < events; e++, n++) {
				t += 1000 + Math.floor(rnd() * 90_000_000);
				if (n === loginAt) user = `u${Math.floor(rnd() * webIds * 0.7)}`;
				else if (user !== null && rnd() < 0.03) user = `u${Math.floor(rnd() * webIds * 0.7)}`;
				const name = e === 0 ? 'session_start' : pick(['page_view', 'view_item', 'add_to_cart', 'purchase']);
				/** @type {[string, Record<string, unknown>][]} */
				const entries = sessionParam ? [sessionParam] : [];
				/** @type {Record<string, unknown> | null} */
				let cts = null;
				const how = rnd();
				if (e === 0 && how < 0.5) cts = { manual_source: pick(SOURCES), manual_medium: pick(MEDIUMS), manual_campaign_name: 'spring' };
				else if ((e === 0 && how < 0.8) || rnd() < 0.1) {
					if (rnd() < 0.8) entries.push(['source', { string_value: pick(SOURCES) }]);
					entries.push(['medium', { string_value: pick(MEDIUMS) }]);
				}
				/** @type {Record<string, unknown> | null} */
				let ecommerce = null;
				if (name === 'purchase') {
					const revenue = Math.round(rnd() * 20000) / 100;
					ecommerce = pick([
						{ transaction_id: `T${rows.length}`, purchase_revenue: revenue },
						{ transaction_id: rows.length, purchase_revenue: String(revenue) },
						{ transaction_id: '(not set)', purchase_revenue: null, purchase_revenue_in_usd: revenue },
						{ transaction_id: null },
					]);
					if (rnd() < 0.5)
						entries.push([
							'value',
							pick([{ double_value: revenue }, { int_value: String(Math.round(revenue)) }, { string_value: String(revenue) }]),
						]);
				}
				const broken = rnd();
				rows.push({
					event_name: broken < 0.01 ? null : name,
					event_timestamp: broken > 0.99 ? null : String(t + Math.floor(rnd() * 1000)),
					user_pseudo_id: pseudo,
					user_id: user,
					event_params: entries.map(([key, value]) => ({ key, value })),
					collected_traffic_source: cts,
					ecommerce,
				});
			}
		}
	}
	return rows;
}

module.exports = { GA4_TABLE_COLUMNS, ga4Row, wholeMs, createGa4Table, seededGa4 };
