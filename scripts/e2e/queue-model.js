// @ts-check
// The README's queue-mode recipe for stable segment ids, in the queue-mode e2e's real n8n (main, two
// workers, PostgreSQL, Redis: scripts/e2e/queue.js): a workflow keeps the Customer Segmenter's model
// itself in Redis, with n8n's own Redis node, instead of relying on static data (which n8n 2.41.1's
// workers do not get). Webhook -> Read Model (Redis Get) -> Sample Data (as many customers as the
// webhook body says) -> Journey Mapper -> Customer Segmenter (Include Model, Previous Model from Read
// Model) -> Segments -> Save Model (Redis Set, Execute Once). Two calls, one after the other, on
// shifted data (500 customers, then 475): the first must start fresh and store its model, the second
// must read that model back and match every one of its segments, keeping their ids.
const { spawnSync } = require('node:child_process');

const WEBHOOK_PATH = 'journey-ads-queue-segment-model';
const KEY = 'segment-model';
// Not the queue's database (Bull uses 0), as a user's store would be apart from n8n's queue.
const DATABASE = 1;
const CREDENTIAL = { id: 'jaQueueRedis01', name: 'Redis (segment model)' };
const RUNS = [500, 475];
const SEGMENTER = 'Customer Segmenter';

/**
 * The workflow and the credential its Redis nodes use, pointed at the test's Redis.
 * @param {string} id @param {{ host: string, port: number }} redis
 */
function modelWorkflow(id, redis) {
	const credentials = { redis: CREDENTIAL };
	const node = (/** @type {string} */ name, /** @type {string} */ type, /** @type {number} */ x, /** @type {Record<string, any>} */ parameters, extra = {}) => ({
		id: `${id}-${x}`,
		name,
		type,
		typeVersion: 1,
		position: [x, 0],
		parameters,
		...extra,
	});
	const nodes = [
		node('Webhook', 'n8n-nodes-base.webhook', 0, { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} }, { typeVersion: 2, webhookId: '0b7d2c64-3f1e-4c8a-8e5b-6a9d1f2e3c40' }),
		node('Read Model', 'n8n-nodes-base.redis', 200, { operation: 'get', propertyName: 'segmentModel', key: KEY, keyType: 'automatic', options: {} }, { credentials }),
		node('Sample Data', 'n8n-nodes-journey-ads.journeyAdsSampleData', 400, {
			customers: "={{ $('Webhook').first().json.body.customers }}",
			seed: 42,
			sources: ['hubspot', 'ga4', 'mailchimp', 'metaAds', 'shopify', 'support'],
			options: {},
		}),
		node('Journey Mapper', 'n8n-nodes-journey-ads.journeyMapper', 600, { source: 'auto', pseudonymize: false, dropWithoutConsent: true, options: {} }),
		// Keep Segment IDs Stable (static data) off: only the stored model can keep the ids.
		node(SEGMENTER, 'n8n-nodes-journey-ads.customerSegmenter', 800, {
			method: 'kmeans',
			kMode: 'auto',
			input: 'auto',
			stableIds: false,
			options: { includeModel: true, previousModel: "={{ $('Read Model').first().json.segmentModel }}" },
		}),
		node('Save Model', 'n8n-nodes-base.redis', 1000, { operation: 'set', key: KEY, value: '={{ JSON.stringify($json.model) }}', keyType: 'automatic', expire: false }, { credentials, executeOnce: true }),
	];
	const to = (/** @type {string} */ name) => [{ node: name, type: 'main', index: 0 }];
	const connections = {
		Webhook: { main: [to('Read Model')] },
		'Read Model': { main: [to('Sample Data')] },
		'Sample Data': { main: [to('Journey Mapper')] },
		'Journey Mapper': { main: [to(SEGMENTER)] },
		[SEGMENTER]: { main: [[], to('Save Model')] },
	};
	return {
		workflow: { id, name: 'Segment model kept in Redis (queue mode)', nodes, connections, settings: {}, active: true },
		credential: {
			...CREDENTIAL,
			type: 'redis',
			data: { host: redis.host, port: redis.port, database: DATABASE, user: '', password: '', ssl: false },
		},
	};
}

/** What the test's Redis holds under the model's key (redis-cli, from the same package as the server). */
function storedInRedis(/** @type {{ host: string, port: number }} */ redis) {
	const res = spawnSync('redis-cli', ['-h', redis.host, '-p', String(redis.port), '-n', String(DATABASE), '--raw', 'GET', KEY], { encoding: 'utf8', timeout: 30_000 });
	if (res.status !== 0) throw new Error(`redis-cli GET ${KEY} failed (exit ${res.status}): ${res.stderr}`);
	return res.stdout.trim();
}

/**
 * Calls the workflow twice, the second after the first finished, and checks both runs.
 * @param {{
 *   version: string, workflow: any, redis: { host: string, port: number },
 *   post: (body: unknown) => Promise<{ status: number, body: string }>,
 *   finished: (workflowId: string, count: number) => Promise<any[]>,
 *   runOf: (executionId: string) => Promise<{ runData: Record<string, any[]>, error?: any } | undefined>,
 *   ranOn: (executionId: string) => number[],
 *   checkEveryNodeRan: (workflow: any, runData: Record<string, any[]>, where: string) => void,
 *   outputsOf: (runData: Record<string, any[]>) => Record<string, any[][]>,
 *   log: (msg: string) => void, fail: (msg: string) => void,
 * }} o
 */
async function checkModelKeptInRedis(o) {
	const { version, workflow, log, fail } = o;
	/** @type {{ id: string, segments: any[], customers: number, readBack: unknown, saved: number }[]} */
	const runs = [];
	/** @type {string[]} What Redis held after each run. */
	const storedAfter = [];
	for (const [i, customers] of RUNS.entries()) {
		const res = await o.post({ customers });
		if (res.status !== 200) {
			fail(`n8n ${version} queue mode, model in Redis: call ${i + 1} answered ${res.status}: ${res.body.slice(0, 300)}`);
			return;
		}
		const rows = await o.finished(workflow.id, i + 1);
		const row = rows[i];
		const id = String(row.id);
		const where = `n8n ${version} queue mode, model in Redis, execution ${id} (${customers} customers)`;
		if (row.status !== 'success') fail(`${where}: ended ${row.status}`);
		const workers = o.ranOn(id);
		if (workers.length !== 1) fail(`${where}: ${workers.length ? `named by workers ${workers.join(', ')}` : 'named by no worker log: it did not run on a worker'}`);
		const run = await o.runOf(id);
		if (!run) {
			fail(`${where}: no execution data stored`);
			return;
		}
		if (run.error) fail(`${where}: ${run.error.message ?? JSON.stringify(run.error)}`);
		const runData = run.runData;
		o.checkEveryNodeRan(workflow, runData, where);
		const out = o.outputsOf(runData);
		const segments = out[SEGMENTER]?.[1] ?? [];
		runs.push({
			id,
			segments,
			customers: out[SEGMENTER]?.[0]?.length ?? 0,
			readBack: out['Read Model']?.[0]?.[0]?.segmentModel,
			saved: out['Save Model']?.[0]?.length ?? 0,
		});
		storedAfter.push(storedInRedis(o.redis));
		log(`${where}: ran on worker ${workers.join(', ') || '?'}, ${row.status}; ${segments.length} segments (${segments.map((s) => s.segmentId).join(', ')}), matched to a stored model: ${segments[0]?.counts?.matchedPrevious}`);
	}
	const [first, second] = runs;
	const where = `n8n ${version} queue mode, model in Redis`;
	const model = first.segments[0]?.model;
	const ids = first.segments.map((s) => s.segmentId);

	// Run 1: nothing stored yet, fresh ids; its model, on every Segments item, stored once.
	if (first.readBack !== null && first.readBack !== undefined && first.readBack !== '') fail(`${where}: run 1 read a model before any was stored: ${String(JSON.stringify(first.readBack)).slice(0, 200)}`);
	if (!model || model.kind !== 'segmentModel') fail(`${where}: run 1's Segments items carry no model (Include Model): ${JSON.stringify(first.segments[0] ?? null).slice(0, 300)}`);
	else if (JSON.stringify(model.segmentIds) !== JSON.stringify(ids)) fail(`${where}: run 1's model names segments ${JSON.stringify(model.segmentIds)}, its output ${JSON.stringify(ids)}`);
	for (const s of first.segments) {
		if (JSON.stringify(s.model) !== JSON.stringify(model)) fail(`${where}: run 1's segment ${s.segmentId} carries another model than the first segment's`);
		if (s.counts?.matchedPrevious !== 0) fail(`${where}: run 1's segment ${s.segmentId} reports ${s.counts?.matchedPrevious} segments matched, not 0 (nothing was stored)`);
	}
	if (ids.length < 2) fail(`${where}: run 1 made ${ids.length} segment(s): too few to tell kept ids from fresh ones`);
	if (first.saved !== 1) fail(`${where}: run 1's Save Model ran for ${first.saved} items, not once (Execute Once)`);
	const stored = storedAfter.map((text, i) => {
		try {
			return JSON.parse(text);
		} catch {
			fail(`${where}: after run ${i + 1} Redis holds no model JSON under "${KEY}": ${text.slice(0, 200) || '(nothing)'}`);
			return undefined;
		}
	});
	if (stored[0] !== undefined && JSON.stringify(stored[0]) !== JSON.stringify(model)) fail(`${where}: after run 1 Redis holds another model than run 1's Segments carry`);

	// Run 2, on other customers: it read run 1's model and matched every segment, keeping the ids.
	if (second.customers === first.customers) fail(`${where}: run 2 segmented ${second.customers} customers, as many as run 1: the data did not shift`);
	let readBack;
	try {
		readBack = typeof second.readBack === 'string' ? JSON.parse(second.readBack) : second.readBack;
	} catch {
		readBack = second.readBack;
	}
	if (JSON.stringify(readBack) !== JSON.stringify(model)) fail(`${where}: run 2's Read Model gave another value than run 1's model: ${String(JSON.stringify(second.readBack)).slice(0, 200)}`);
	const matched = second.segments.map((s) => s.counts?.matchedPrevious);
	const secondIds = second.segments.map((s) => s.segmentId);
	if (!matched.length || matched.some((m) => m !== ids.length)) fail(`${where}: run 2 reports ${JSON.stringify(matched)} segments matched to the stored model, not all ${ids.length}`);
	if (JSON.stringify([...secondIds].sort()) !== JSON.stringify([...ids].sort())) fail(`${where}: run 2's segment ids ${JSON.stringify(secondIds)} are not run 1's ${JSON.stringify(ids)}`);
	for (const s of second.segments) {
		if (s.stability?.matchedPrevious !== true) fail(`${where}: run 2's segment ${s.segmentId} was not matched to the stored model: ${JSON.stringify(s.stability)}`);
	}
	// What run 2 stored for the next run: its own model, under run 1's ids.
	if (second.saved !== 1) fail(`${where}: run 2's Save Model ran for ${second.saved} items, not once`);
	if (stored[1] !== undefined && JSON.stringify(stored[1]) !== JSON.stringify(second.segments[0]?.model)) fail(`${where}: after run 2 Redis holds another model than run 2's Segments carry`);
	if (stored[1] !== undefined && JSON.stringify([...(stored[1].segmentIds ?? [])].sort()) !== JSON.stringify([...ids].sort())) fail(`${where}: the model run 2 stored names ${JSON.stringify(stored[1].segmentIds)}, not run 1's ids`);
	log(`${where}: run 1 (${first.customers} journeys) stored its model of ${ids.join(', ')}; run 2 (${second.customers} journeys) read it back and matched ${matched[0]} of ${ids.length}: ${secondIds.join(', ')}`);
}

module.exports = { modelWorkflow, checkModelKeptInRedis, WEBHOOK_PATH };
