// @ts-check
/**
 * A throwaway PostgreSQL set up the way the Journey Mapper's warehouse mode expects a database owner
 * to set it up (pgcrypto installed, the pseudonymization secret held by the server as a role
 * setting), with an events table, plus what n8n's own Postgres node needs to reach it: a `postgres`
 * credential, and a way to close the connection pools that node keeps after a run.
 *
 *   const wh = await startWarehouse({ secret, events: sampleEvents({ customers: 200, seed: 7 }) });
 *   await engine.runWorkflow(workflow, { credentials: { postgres: wh.credential } });
 *   await wh.stop();
 */
const { startPostgres } = require('./services');
const { connectWhenReady } = require('./pg-client');

/** The role setting the Build SQL query reads the secret from (the library's default). */
const SECRET_SETTING = 'journey_ads.pseudonym_secret';

/** The events table's columns, as the Build SQL operation is told them. */
const EVENT_COLUMNS = {
	table: 'events',
	customerIdColumn: 'customer_id',
	timestampColumn: 'event_time',
	timestampUnit: 'timestamp',
	columns: { event: 'event_name', channel: 'medium', value: 'revenue', consent: 'consent' },
};

const CHANNELS = ['email', 'paid_search', 'paid_social', 'organic', 'display', 'referral'];

/**
 * Seeded events in sessions: each customer has 1-4 sessions, each session one channel (or none,
 * like a direct visit) and a walk down the funnel; some purchase with revenue, some withhold
 * consent, some give none. Plus one row without a customer and one without a time, which must be
 * counted as rejected.
 * @param {{ customers: number, seed: number }} options
 * @returns {{ customer_id: string | null, event_time: string | null, event_name: string, medium: string | null, revenue: number | null, consent: string | null }[]}
 */
function sampleEvents({ customers, seed }) {
	let s = seed >>> 0 || 1;
	const rnd = () => {
		s = (Math.imul(s, 1103515245) + 12345) >>> 0;
		return s / 4294967296;
	};
	const funnel = ['view_item', 'add_to_cart', 'begin_checkout', 'purchase'];
	const start = Date.UTC(2026, 0, 1);
	/** @type {ReturnType<typeof sampleEvents>} */
	const rows = [];
	for (let c = 0; c < customers; c++) {
		const id = `cust-${c}`;
		const consent = rnd() < 0.08 ? 'denied' : rnd() < 0.6 ? 'granted' : null;
		let t = start + Math.floor(rnd() * 90) * 86_400_000;
		const sessions = 1 + Math.floor(rnd() * 4);
		for (let k = 0; k < sessions; k++) {
			t += Math.floor(rnd() * 6 * 86_400) * 1000 + 1000;
			const channel = rnd() < 0.15 ? null : CHANNELS[Math.floor(rnd() * CHANNELS.length)];
			rows.push({ customer_id: id, event_time: new Date(t).toISOString(), event_name: 'session_start', medium: channel, revenue: null, consent: k === 0 ? consent : null });
			let depth = 0;
			while (depth < funnel.length && rnd() < 0.55) {
				t += (1 + Math.floor(rnd() * 600)) * 1000;
				const event = funnel[depth];
				rows.push({
					customer_id: id,
					event_time: new Date(t).toISOString(),
					event_name: event,
					medium: channel,
					revenue: event === 'purchase' ? Math.round(rnd() * 30000) / 100 : null,
					consent: null,
				});
				depth++;
			}
		}
	}
	rows.push({ customer_id: null, event_time: new Date(start).toISOString(), event_name: 'session_start', medium: 'email', revenue: null, consent: null });
	rows.push({ customer_id: 'cust-0', event_time: null, event_name: 'view_item', medium: 'email', revenue: null, consent: null });
	return rows;
}

/**
 * Starts PostgreSQL, installs pgcrypto, stores the secret as the role's setting and loads the events.
 * @param {{ secret: string, events: ReturnType<typeof sampleEvents> }} options
 */
async function startWarehouse({ secret, events }) {
	const pg = await startPostgres();
	const config = { host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database };
	try {
		let client = await connectWhenReady(config);
		await client.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
		// As a database owner would: once, for the role n8n connects as. New sessions see it.
		await client.query(`ALTER ROLE CURRENT_USER SET ${SECRET_SETTING} = '${secret.replace(/'/g, "''")}'`);
		await client.end();
		client = await connectWhenReady(config);
		await client.query(
			'CREATE TABLE events (customer_id TEXT, event_time TIMESTAMPTZ, event_name TEXT, medium TEXT, revenue NUMERIC, consent TEXT)',
		);
		await client.query(
			'INSERT INTO events SELECT * FROM UNNEST($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::numeric[], $6::text[])',
			[
				events.map((e) => e.customer_id),
				events.map((e) => e.event_time),
				events.map((e) => e.event_name),
				events.map((e) => e.medium),
				events.map((e) => e.revenue),
				events.map((e) => e.consent),
			],
		);
		await client.end();
	} catch (error) {
		await pg.stop();
		throw error;
	}
	return {
		pg,
		/** n8n's `postgres` credential for this server. */
		credential: {
			host: pg.host,
			port: pg.port,
			database: pg.database,
			user: pg.user,
			password: pg.password,
			ssl: 'disable',
			allowUnauthorizedCerts: false,
			sshTunnel: false,
			maxConnections: 5,
		},
		async stop() {
			await closePostgresNodePools();
			await pg.stop();
		},
	};
}

/** The newest version of n8n's Postgres node in the n8n-nodes-base this package is tested with. */
const POSTGRES_NODE_VERSION = 2.7;

/**
 * The warehouse mode's workflow: Manual Trigger -> Journey Mapper (Build SQL) -> n8n's Postgres node
 * (Execute Query with the item's query and parameters) -> Journey Mapper (From Aggregates), on
 * `table` with the EVENT_COLUMNS columns, PostgreSQL dialect, pseudonymized in SQL. `options` (the
 * journey options) go to both Journey Mapper nodes; `buildSql` and `fromAggregates` override their
 * parameters, `fromAggregatesNode` the From Aggregates node itself (credentials, settings).
 * @param {{ table?: string, options?: Record<string, unknown>, buildSql?: Record<string, unknown>, fromAggregates?: Record<string, unknown>, fromAggregatesNode?: Record<string, unknown> }} [o]
 */
function pushdownWorkflow(o = {}) {
	const mapper = 'n8n-nodes-journey-ads.journeyMapper';
	const options = o.options ?? {};
	return {
		name: 'warehouse journeys',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: 'Build SQL',
				type: mapper,
				typeVersion: 1,
				position: [200, 0],
				parameters: { operation: 'buildSql', dialect: 'postgres', ...EVENT_COLUMNS, table: o.table ?? EVENT_COLUMNS.table, pseudonymize: true, dropWithoutConsent: true, options, ...o.buildSql },
			},
			{
				name: 'Postgres',
				type: 'n8n-nodes-base.postgres',
				typeVersion: POSTGRES_NODE_VERSION,
				position: [400, 0],
				credentials: { postgres: { id: '2', name: 'Warehouse' } },
				parameters: { operation: 'executeQuery', query: '={{ $json.query }}', options: { queryReplacement: '={{ $json.parameters }}' } },
			},
			{
				name: 'From Aggregates',
				type: mapper,
				typeVersion: 1,
				position: [600, 0],
				parameters: { operation: 'fromAggregates', dialect: 'postgres', pseudonymize: true, dropWithoutConsent: true, options, ...o.fromAggregates },
				...o.fromAggregatesNode,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Build SQL', type: 'main', index: 0 }]] },
			'Build SQL': { main: [[{ node: 'Postgres', type: 'main', index: 0 }]] },
			Postgres: { main: [[{ node: 'From Aggregates', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * A No Operation start (give the input as its items) -> one Journey Mapper with `parameters`;
 * `node` adds to the Journey Mapper node (credentials, settings such as onError).
 * @param {Record<string, unknown>} parameters @param {Record<string, unknown>} [node]
 */
function journeyMapperAfterStart(parameters, node = {}) {
	return {
		name: 'journey mapper',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{ name: 'Journey Mapper', type: 'n8n-nodes-journey-ads.journeyMapper', typeVersion: 1, position: [200, 0], parameters, ...node },
		],
		connections: { Start: { main: [[{ node: 'Journey Mapper', type: 'main', index: 0 }]] } },
	};
}

/**
 * The in-process reference: Map Journeys with a custom mapping of the events table's columns,
 * pseudonymized with the Journey Ads Privacy credential, with the journey `options`.
 * @param {Record<string, unknown>} [options]
 */
function mapJourneysWorkflow(options = {}) {
	const c = EVENT_COLUMNS;
	return journeyMapperAfterStart(
		{
			source: 'custom',
			mapping: { customerId: c.customerIdColumn, timestamp: c.timestampColumn, ...c.columns },
			pseudonymize: true,
			dropWithoutConsent: true,
			options,
		},
		{ credentials: { journeyAdsPrivacyApi: { id: '1', name: 'Journey Ads Privacy' } } },
	);
}

/**
 * n8n's Postgres node keeps its connection pools in a process-wide manager whose clean-up timer
 * keeps a process alive (that is right for n8n, which runs forever). A test or benchmark calls this
 * first thing, before any Postgres node runs, so that timer does not hold the process open, and
 * `closePostgresNodePools` at the end.
 */
function letPostgresNodePoolsExit() {
	const { ConnectionPoolManager } = require('n8n-nodes-base/dist/utils/connection-pool-manager');
	const realSetInterval = global.setInterval;
	/** @type {any} */ (global).setInterval = (/** @type {any[]} */ ...args) => {
		const timer = /** @type {any} */ (realSetInterval)(...args);
		timer.unref?.();
		return timer;
	};
	try {
		ConnectionPoolManager.getInstance({ debug() {}, error() {}, info() {}, warn() {} });
	} finally {
		global.setInterval = realSetInterval;
	}
}

/** Ends every pool n8n's Postgres node opened in this process. */
async function closePostgresNodePools() {
	const { ConnectionPoolManager } = require('n8n-nodes-base/dist/utils/connection-pool-manager');
	const manager = /** @type {any} */ (ConnectionPoolManager.getInstance({ debug() {}, error() {}, info() {}, warn() {} }));
	const pools = [...manager.map.values()].map((r) => r.pool);
	manager.purgeConnections();
	for (const pool of pools) {
		const pgPool = pool?.db?.$pool;
		if (!pgPool || pgPool.ended) continue;
		// A connection the server ends while it shuts down (57P01) is expected here; anything else is not.
		pgPool.on('error', (/** @type {any} */ error) => {
			if (error?.code !== '57P01') throw error;
		});
		await pgPool.end();
	}
}

/**
 * Expects credits equal up to floating-point rounding: they are sums over customers, which the
 * warehouse mode takes in another order than the in-process mode.
 * @param {Record<string, number> | undefined} actual @param {Record<string, number> | undefined} expected
 */
function expectCloseCredits(actual, expected) {
	if (actual === undefined || expected === undefined) throw new Error('an attribution model is missing');
	expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
	for (const k of Object.keys(expected)) expect(actual[k]).toBeCloseTo(expected[k], 9);
}

/**
 * Expects the warehouse mode's journey map to equal the in-process one: funnel, top paths, pain
 * points, channel effectiveness, and every attribution model and the Markov removal effects to
 * rounding. `references` names another in-process map for a model whose inputs differ by a
 * documented difference.
 * @param {any} map @param {any} expected @param {Record<string, any>} [references]
 */
function expectSameJourneyMap(map, expected, references = {}) {
	expect(map.funnel).toEqual(expected.funnel);
	expect(map.topPaths).toEqual(expected.topPaths);
	expect(map.painPoints).toEqual(expected.painPoints);
	expect(map.channelEffectiveness).toEqual(expected.channelEffectiveness);
	const models = Object.keys(expected.attribution.models).sort();
	expect(models).toEqual(['firstTouch', 'lastTouch', 'linear', 'markov', 'positionBased', 'timeDecay']);
	for (const model of models) expectCloseCredits(map.attribution.models[model], (references[model] ?? expected).attribution.models[model]);
	expectCloseCredits(map.attribution.markovRemovalEffects, expected.attribution.markovRemovalEffects);
}

module.exports = {
	expectCloseCredits,
	expectSameJourneyMap,
	startWarehouse,
	sampleEvents,
	pushdownWorkflow,
	mapJourneysWorkflow,
	journeyMapperAfterStart,
	letPostgresNodePoolsExit,
	closePostgresNodePools,
	EVENT_COLUMNS,
	SECRET_SETTING,
	POSTGRES_NODE_VERSION,
};
