#!/usr/bin/env node
// Benchmark: the Journey Mapper's warehouse mode on PostgreSQL at 1M and 10M events.
//
// What runs: a throwaway PostgreSQL (test/support/services.js: Debian's server on 127.0.0.1) with
// pgcrypto and the pseudonym secret as a role setting; events generated inside it with
// generate_series (deterministic: a fixed number of customers, each in sessions of five events on
// one channel walking down the funnel, some purchasing, some withholding consent; `x50` after a
// size makes the sessions 50 events long, so 10x the events give the same sessions, channel runs
// and paths as the 1M case: the memory then shows what events alone cost; `e` at the end adds an
// `email` column that Build SQL stitches ids by, see emailSql). Then a CHILD
// Node.js process, the "n8n process", runs the workflow in n8n's real engine (test/support/engine.js,
// built nodes from dist/): Manual Trigger -> Journey Mapper (Build SQL) -> n8n's own Postgres node
// (n8n-nodes-base.postgres, Execute Query) -> Journey Mapper (From Aggregates). Its peak memory is
// that child's maxRSS; events per second count the Postgres node (query, transfer, items) plus From
// Aggregates. Only the node and library interfaces are used, so the figures follow the SQL the
// library writes. Prints one JSON line per size:
// {"case":"warehouse-pushdown-1m","events":...,"eventsPerSec":...,"n8nPeakRssMB":...,...}
// Build first (npm run bench does). Usage: node scripts/bench/warehouse-pushdown.js [events[xL][e],...]
// (default 1000000,10000000,10000000x50; L: events per session, default 5; e: with the email column);
// JOURNEY_ADS_BENCH_CUSTOMERS (default 100000).
'use strict';

const { fork } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const CHILD = '--n8n-process';
const { pushdownWorkflow, EVENT_COLUMNS, POSTGRES_NODE_VERSION, SECRET_SETTING } = require(path.join(root, 'test', 'support', 'warehouse'));

/** The n8n process: runs the workflow once and answers with figures only (never the items). */
async function child() {
	const { createEngine } = require(path.join(root, 'test', 'support', 'engine'));
	process.once('message', async (msg) => {
		let answer;
		try {
			const engine = createEngine();
			const baselineRssMB = Math.round(process.memoryUsage().rss / 1048576);
			const started = Date.now();
			const buildSql = msg.email ? { columns: { ...EVENT_COLUMNS.columns, email: 'email' } } : {};
			const run = await engine.runWorkflow(pushdownWorkflow({ table: msg.table, buildSql }), { credentials: { postgres: msg.credential } });
			const workflowMs = Date.now() - started;
			if (run.status !== 'success') throw new Error(run.error?.message ?? `workflow ${run.status}`);
			const ms = (name) => run.runData[name][0].executionTime;
			const map = run.outputs['From Aggregates'][1][0].json;
			const firstRow = run.outputs.Postgres[0][0]?.json ?? {};
			answer = {
				ok: true,
				figures: {
					buildSqlMs: ms('Build SQL'),
					postgresNodeMs: ms('Postgres'),
					fromAggregatesMs: ms('From Aggregates'),
					workflowMs,
					rowsFromDatabase: run.outputs.Postgres[0].length,
					journeys: run.outputs['From Aggregates'][0].length,
					// What grows the rows and the journeys: the channel runs (a journey's path).
					meanPathLength: meanPathLength(run.outputs['From Aggregates'][0]),
					customers: map.counts.customers,
					recordsIn: map.counts.recordsIn,
					droppedForConsent: map.counts.droppedForConsent,
					mergedByEmail: map.counts.mergedByEmail,
					// From Aggregates refuses a run whose count is not 0; read here to show it.
					emailUnsettled: Number(firstRow.email_unsettled),
					baselineRssMB,
					peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
					heapLimitMB: Math.round(require('node:v8').getHeapStatistics().heap_size_limit / 1048576),
				},
			};
		} catch (error) {
			answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
		}
		process.send(answer, () => process.exit(0));
	});
}

function meanPathLength(journeys) {
	const total = journeys.reduce((sum, item) => sum + item.json.path.length, 0);
	return Math.round((total / Math.max(1, journeys.length)) * 100) / 100;
}

/**
 * Runs the n8n process for one table; resolves its figures, or the reason it died. The process is
 * in `running` while it runs.
 */
function runChild(table, email, credential, running) {
	return new Promise((resolve) => {
		const proc = fork(__filename, [CHILD], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
		running.add(proc);
		proc.once('exit', () => running.delete(proc));
		let answered = false;
		proc.once('message', (msg) => {
			answered = true;
			resolve(msg.ok ? msg.figures : { error: msg.message });
		});
		proc.once('exit', (code, signal) => {
			if (!answered) resolve({ error: `the n8n process exited (${signal ?? `code ${code}`}) before answering, e.g. out of memory` });
		});
		proc.send({ table, email, credential });
	});
}

/**
 * Deterministic events in SQL: customer c, its k-th event, sessions of `sessionEvents` events on one
 * channel (the session's last event a purchase in every fourth session, the ones between views).
 */
function generateSql(table, events, customers, sessionEvents, email) {
	const perCustomer = Math.max(1, Math.floor(events / customers));
	const last = sessionEvents - 1;
	return `
INSERT INTO ${table}
SELECT 'cust-' || c,
  TIMESTAMPTZ '2026-01-01 00:00:00+00' + make_interval(days => (c % 90)::int + (s * 2)::int, mins => (p * 3)::int),
  CASE p WHEN 0 THEN 'session_start' WHEN 1 THEN 'view_item' WHEN 2 THEN 'add_to_cart' WHEN 3 THEN 'begin_checkout'
    WHEN ${last} THEN CASE WHEN (c + s) % 4 = 0 THEN 'purchase' ELSE 'view_item' END ELSE 'view_item' END,${email ? `\n  ${emailSql()},` : ''}
  (ARRAY['email', 'paid_search', 'paid_social', 'organic', 'display', 'referral'])[1 + ((c * 31 + s * 17) % 7)::int],
  CASE WHEN p = ${last} AND (c + s) % 4 = 0 THEN 10 + ((c * 7 + s) % 190) END,
  CASE WHEN k = 0 THEN CASE WHEN c % 25 = 0 THEN 'denied' WHEN c % 2 = 0 THEN 'granted' END END
FROM (
  SELECT i / ${perCustomer} AS c, i % ${perCustomer} AS k, (i % ${perCustomer}) / ${sessionEvents} AS s, (i % ${perCustomer}) % ${sessionEvents} AS p
  FROM generate_series(0::bigint, ${events - 1}::bigint) AS i
) g`;
}

/**
 * The `e` cases' email of customer c's k-th event, deterministic: per 100 customers, 89 have one
 * e-mail of their own, 5 none (c % 10 = 9, outside the chains), 1 shares customer c - 1's
 * (c % 100 = 1: a pair), and c % 100 = 51..54 each have customer c - 1's e-mail on their even events
 * and their own on their odd ones (a chain of five ids, 50..54, linked by four e-mails). So 5% of
 * the ids merge into another (mergedByEmail = customers / 20). Every third event writes the e-mail in
 * upper case, every third with spaces around it (the same e-mail to the stitching).
 */
function emailSql() {
	const of = (id) => `'user' || (${id}) || '@example.com'`;
	const owner = `CASE WHEN c % 100 = 1 OR (c % 100 BETWEEN 51 AND 54 AND k % 2 = 0) THEN c - 1 WHEN c % 10 = 9 AND NOT c % 100 BETWEEN 51 AND 54 THEN NULL ELSE c END`;
	return `CASE k % 3 WHEN 1 THEN UPPER(${of(owner)}) WHEN 2 THEN '  ' || ${of(owner)} || ' ' ELSE ${of(owner)} END`;
}

function caseName(events, sessionEvents, email) {
	const size = events >= 1e6 && events % 1e6 === 0 ? `${events / 1e6}m` : `${Math.round(events / 1000)}k`;
	return `warehouse-pushdown-${size}${sessionEvents === DEFAULT_SESSION_EVENTS ? '' : `-sessions${sessionEvents}`}${email ? '-email' : ''}`;
}

const DEFAULT_SESSION_EVENTS = 5;

/**
 * `10000000x50`: 10M events in sessions of 50 (the funnel's five steps need at least 5); `1000000e`:
 * 1M events with the email column.
 */
function parseCase(text) {
	const m = /^(\d+)(?:x(\d+))?(e?)$/.exec(text.trim());
	const events = m ? Number(m[1]) : NaN;
	const sessionEvents = m && m[2] ? Number(m[2]) : DEFAULT_SESSION_EVENTS;
	if (!Number.isSafeInteger(events) || events <= 0 || sessionEvents < 5) {
		throw new Error(`"${text}" is not a size: events, optionally x<events per session, at least 5>`);
	}
	return { events, sessionEvents, email: Boolean(m && m[3]) };
}

async function main() {
	const { startPostgres } = require(path.join(root, 'test', 'support', 'services'));
	const { connectWhenReady } = require(path.join(root, 'test', 'support', 'pg-client'));
	const cases = String(process.argv[2] ?? '1000000,10000000,10000000x50')
		.split(',')
		.map(parseCase);
	const customers = Number(process.env.JOURNEY_ADS_BENCH_CUSTOMERS ?? 100000);
	const pg = await startPostgres({ settings: { max_wal_size: '4GB', work_mem: '64MB' } });
	const running = new Set();
	// A killed run (Ctrl-C, kill) stops the n8n process and its PostgreSQL before it exits.
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			console.error(`${signal}: stopping the n8n process and PostgreSQL`);
			for (const proc of running) proc.kill('SIGKILL');
			pg.stop().finally(() => process.exit(128 + os.constants.signals[signal]));
		});
	}
	try {
		const config = { host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database };
		// When the server stops under a query (a killed run), the query fails; the client's 'error'
		// event for the same loss would otherwise end the process before PostgreSQL has stopped.
		const connect = async () => (await connectWhenReady(config)).on('error', () => {});
		let client = await connect();
		await client.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
		await client.query(`ALTER ROLE CURRENT_USER SET ${SECRET_SETTING} = 'bench-secret-0123456789abcdef'`);
		await client.end();
		client = await connect();
		const version = (await client.query('SHOW server_version')).rows[0].server_version;
		const credential = { ...config, ssl: 'disable', allowUnauthorizedCerts: false, sshTunnel: false, maxConnections: 2 };
		for (const { events, sessionEvents, email } of cases) {
			const table = `events_${events}_${sessionEvents}${email ? '_email' : ''}`;
			await client.query(
				`CREATE UNLOGGED TABLE ${table} (customer_id TEXT, event_time TIMESTAMPTZ, event_name TEXT, ${email ? 'email TEXT, ' : ''}medium TEXT, revenue NUMERIC, consent TEXT)`,
			);
			const loadStarted = Date.now();
			await client.query(generateSql(table, events, customers, sessionEvents, email));
			await client.query(`ANALYZE ${table}`);
			const loadMs = Date.now() - loadStarted;
			const n8n = await runChild(table, email, credential, running);
			const line = {
				case: caseName(events, sessionEvents, email),
				what: `child Node.js process running n8n's WorkflowExecute: Manual Trigger -> Journey Mapper (Build SQL, postgres, pseudonymize in SQL) -> n8n-nodes-base.postgres v${POSTGRES_NODE_VERSION} Execute Query -> Journey Mapper (From Aggregates); PostgreSQL ${version} on 127.0.0.1, events generated in SQL${email ? ', ids stitched by an email column' : ''}`,
				events,
				customers,
				eventsPerCustomer: Math.floor(events / customers),
				eventsPerSession: sessionEvents,
				loadMs,
			};
			if ('error' in n8n) {
				Object.assign(line, { error: n8n.error });
			} else {
				const ms = n8n.postgresNodeMs + n8n.fromAggregatesMs;
				Object.assign(line, {
					eventsPerSec: Math.round(events / (ms / 1000)),
					queryPlusFromAggregatesMs: ms,
					postgresNodeMs: n8n.postgresNodeMs,
					fromAggregatesMs: n8n.fromAggregatesMs,
					workflowMs: n8n.workflowMs,
					rowsFromDatabase: n8n.rowsFromDatabase,
					journeys: n8n.journeys,
					meanPathLength: n8n.meanPathLength,
					everyEventAccounted: n8n.recordsIn === events,
					...(email ? { mergedByEmail: n8n.mergedByEmail, emailUnsettled: n8n.emailUnsettled } : {}),
					n8nPeakRssMB: n8n.peakRssMB,
					n8nBaselineRssMB: n8n.baselineRssMB,
					n8nHeapLimitMB: n8n.heapLimitMB,
				});
			}
			console.log(JSON.stringify(line));
			await client.query(`DROP TABLE ${table}`);
		}
		await client.end();
	} finally {
		await pg.stop();
	}
}

if (process.argv.includes(CHILD)) {
	child();
} else if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { generateSql };
