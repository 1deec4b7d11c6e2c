// @ts-check
// The quickstart in n8n's queue mode, in the same real n8n install as the rest of the e2e:
//  - PostgreSQL and Redis from the system's packages on 127.0.0.1 (test/support/services.js): queue
//    mode needs one database that every process shares, and Redis as the job queue;
//  - one main (`n8n start`) and two workers (`n8n worker --concurrency=1`), each with its own user
//    folder and its own copy of the installed package, sharing only the database, Redis and the
//    encryption key, as separate machines would;
//  - a copy of the quickstart whose Manual Trigger is a Webhook (a production webhook is how an
//    execution reaches the workers without the editor), activated from the command line;
//  - several webhook calls at once, so that both workers take work; each execution is read back
//    from the database (execution_data) and every node's output is compared with the engine
//    harness's single-process run, as the single-process e2e does. The workers' logs must name
//    every execution: the work ran on a worker, not on the main.
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { startPostgres, startRedis, freePort } = require('../../test/support/services');
const { differences, volatilePatterns } = require('./compare');
const {
	modelWorkflow,
	checkModelKeptInRedis,
	WEBHOOK_PATH: MODEL_WEBHOOK_PATH,
} = require('./queue-model');

const WORKERS = 2;
const CALLS = 4;
const WEBHOOK_PATH = 'journey-ads-queue-quickstart';

/**
 * The quickstart with its Manual Trigger replaced by a production Webhook (answers at once; the
 * execution is queued for a worker). Everything after the trigger is the template unchanged.
 * @param {any} workflow @param {string} id
 */
function webhookCopy(workflow, id) {
	const trigger = workflow.nodes.find(
		(/** @type {any} */ n) => n.type === 'n8n-nodes-base.manualTrigger',
	);
	if (!trigger) throw new Error('the quickstart has no Manual Trigger to replace');
	const nodes = workflow.nodes.map((/** @type {any} */ n) =>
		n === trigger
			? {
					id: n.id,
					name: n.name,
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: n.position,
					webhookId: '5f0c8a52-6a0e-4d8e-9a55-3c1f5b1e2a10',
					parameters: {
						httpMethod: 'POST',
						path: WEBHOOK_PATH,
						responseMode: 'onReceived',
						options: {},
					},
				}
			: n,
	);
	return {
		copy: { ...workflow, id, name: `${workflow.name} (queue mode)`, nodes, active: true },
		triggerName: trigger.name,
	};
}

/**
 * Whether a queued production execution starts from the workflow's saved static data, in n8n's own
 * code. Both lines store an execution's workflow without its static data (1.x
 * ExecutionRepository.createNewExecution, 2.x ExecutionPersistence.create via toWorkflowSnapshot),
 * so a worker has it only if the job tells it to read it from the database
 * (JobProcessor.processJob: `job.data.loadStaticData`). 1.x WorkflowRunner.run passes the trigger's
 * `loadStaticData` (true for webhooks, schedules, polls) to enqueueExecution; 2.41.1's passes
 * `Boolean(existingExecution && loadStaticData)`, false for every new execution (it loads static
 * data into the workflow in prepareNewExecution, which the stored snapshot then drops). The
 * worker's end-of-run hook (hookFunctionsSaveWorker) saves what it ended with either way.
 * @param {string} version
 */
function staticDataCarriesOver(version) {
	return Number(version.split('.')[0]) < 2;
}

/**
 * What the single-process engine harness produces for a first run (`cold`: the run.js harness
 * result) and for a run that starts from the static data a first run saved (`warm`: two such runs,
 * to find what varies between them; the fields that vary between first runs, such as pseudonyms
 * under a per-run secret, vary here too, since n8n's secret is not the harness's).
 * @param {any} workflow
 * @param {{ outputs: Record<string, any[][]>, volatile: Set<string> }} cold
 * @param {(runData: Record<string, any[]>) => Record<string, any[][]>} outputsOf
 */
async function harnessExpectations(workflow, cold, outputsOf) {
	const { createEngine } = require('../../test/support/engine');
	const engine = createEngine();
	const first = await engine.runWorkflow(workflow, { staticData: {} });
	const saved = JSON.stringify(first.staticData);
	const a = await engine.runWorkflow(workflow, { staticData: JSON.parse(saved) });
	const b = await engine.runWorkflow(workflow, { staticData: JSON.parse(saved) });
	const outputs = outputsOf(a.runData);
	const volatile = new Set([...volatilePatterns(outputs, outputsOf(b.runData)), ...cold.volatile]);
	return { cold, warm: { outputs, volatile } };
}

/** POST JSON to a URL on 127.0.0.1; resolves with the status and body. */
function post(/** @type {number} */ port, /** @type {string} */ urlPath, /** @type {unknown} */ body = {}) {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path: urlPath,
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				// A new connection per call: Node's default agent keeps sockets alive, and a call made
				// as n8n closes an idle one (after its 5 s keep-alive) fails with ECONNRESET.
				agent: false,
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (body += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			},
		);
		req.on('error', reject);
		req.setTimeout(60_000, () => req.destroy(new Error('no answer in 60 s')));
		req.end(JSON.stringify(body));
	});
}

/** Waits until `check` returns a truthy value (polling), or throws with `explain()` after the timeout. */
async function waitFor(
	/** @type {() => Promise<any> | any} */ check,
	/** @type {number} */ timeoutMs,
	/** @type {() => string} */ explain,
) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`${explain()}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

/**
 * Runs the quickstart in queue mode and checks it; problems go to `fail`.
 * @param {{
 *   version: string, home: string, work: string, baseEnv: NodeJS.ProcessEnv, nodesDir: string,
 *   template: { file: string, id: string, workflow: any },
 *   expected: { outputs: Record<string, any[][]>, volatile: Set<string> },
 *   log: (msg: string) => void, fail: (msg: string) => void,
 *   checkEveryNodeRan: (workflow: any, runData: Record<string, any[]>, where: string) => void,
 *   outputsOf: (runData: Record<string, any[]>) => Record<string, any[][]>,
 * }} o
 */
async function checkQueueMode(o) {
	const { version, home, log, fail } = o;
	const { cold, warm } = await harnessExpectations(o.template.workflow, o.expected, o.outputsOf);
	const dir = path.join(o.work, `n8n-${version}-queue`);
	fs.mkdirSync(dir, { recursive: true });
	const started = Date.now();
	const pg = await startPostgres({ database: 'n8n' });
	const redis = await startRedis();
	/** @type {import('node:child_process').ChildProcess[]} */
	const children = [];
	try {
		/** @type {NodeJS.ProcessEnv} */
		const shared = {
			...o.baseEnv,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: pg.host,
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: pg.database,
			DB_POSTGRESDB_USER: pg.user,
			DB_POSTGRESDB_PASSWORD: pg.password,
			// Every process must decrypt what the others stored.
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		};
		// n8n 2.x's main refreshes a list of MCP servers from n8n's website; nothing here leaves the machine.
		if (Number(version.split('.')[0]) >= 2) shared.N8N_DISABLED_MODULES = 'mcp-registry';
		/** One process's environment: its own user folder (with its own copy of the package) and ports. */
		const envFor = async (/** @type {string} */ name) => {
			const userFolder = path.join(dir, name);
			fs.cpSync(o.nodesDir, path.join(userFolder, '.n8n', 'nodes'), {
				recursive: true,
				verbatimSymlinks: true,
			});
			return {
				...shared,
				N8N_USER_FOLDER: userFolder,
				N8N_PORT: String(await freePort()),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
			};
		};
		const mainEnv = await envFor('main');
		const cli = (/** @type {string[]} */ args, /** @type {string} */ logName) => {
			const file = path.join(dir, `${logName}.log`);
			const out = fs.openSync(file, 'w');
			const res = spawnSync(
				'bash',
				['-c', 'source "$0/env.sh" && exec node "$N8N_BIN" "$@"', home, ...args],
				{
					env: mainEnv,
					stdio: ['ignore', out, out],
					timeout: 5 * 60 * 1000,
				},
			);
			fs.closeSync(out);
			return { status: res.status, output: fs.readFileSync(file, 'utf8') };
		};
		const serve = (
			/** @type {string[]} */ args,
			/** @type {NodeJS.ProcessEnv} */ env,
			/** @type {string} */ logName,
		) => {
			const file = path.join(dir, `${logName}.log`);
			const out = fs.openSync(file, 'w');
			const child = spawn(
				'bash',
				['-c', 'source "$0/env.sh" && exec node "$N8N_BIN" "$@"', home, ...args],
				{
					env,
					stdio: ['ignore', out, out],
				},
			);
			fs.closeSync(out);
			children.push(child);
			return () => fs.readFileSync(file, 'utf8');
		};

		// Import (runs the database migrations once, before any server starts) and activate: the
		// quickstart copy, and the workflow that keeps the Segmenter's model in Redis
		// (scripts/e2e/queue-model.js) with its Redis credential.
		const { copy, triggerName } = webhookCopy(
			o.template.workflow,
			`${o.template.id.slice(0, 11)}queue`,
		);
		const model = modelWorkflow(`${o.template.id.slice(0, 11)}model`, redis);
		const credFile = path.join(dir, 'redis-credential.json');
		fs.writeFileSync(credFile, JSON.stringify([model.credential]));
		const credImported = cli(['import:credentials', `--input=${credFile}`], 'import-credentials');
		if (credImported.status !== 0 || !/Successfully imported 1 credential/i.test(credImported.output)) {
			fail(
				`n8n ${version} queue mode: import of the Redis credential failed (exit ${credImported.status}):\n${credImported.output.slice(-1500)}`,
			);
			return;
		}
		const file = path.join(dir, 'workflows.json');
		fs.writeFileSync(file, JSON.stringify([copy, model.workflow]));
		const imported = cli(['import:workflow', `--input=${file}`], 'import');
		if (imported.status !== 0 || !/Successfully imported 2 workflows/i.test(imported.output)) {
			fail(
				`n8n ${version} queue mode: import failed (exit ${imported.status}):\n${imported.output.slice(-1500)}`,
			);
			return;
		}
		// n8n 2.x activates a workflow by publishing a version of it; 1.x has an active flag.
		const major = Number(version.split('.')[0]);
		for (const id of [copy.id, model.workflow.id]) {
			const activate =
				major >= 2
					? ['publish:workflow', `--id=${id}`]
					: ['update:workflow', `--id=${id}`, '--active=true'];
			const activated = cli(activate, `activate-${id}`);
			if (activated.status !== 0) {
				fail(
					`n8n ${version} queue mode: ${activate[0]} of ${id} failed (exit ${activated.status}):\n${activated.output.slice(-1500)}`,
				);
				return;
			}
		}
		log(
			`n8n ${version} queue mode: PostgreSQL on ${pg.port}, Redis on ${redis.port}; quickstart (webhook trigger) and the segment-model workflow imported and activated in ${((Date.now() - started) / 1000).toFixed(0)} s`,
		);

		/** @type {(() => string)[]} */
		const workerLogs = [];
		for (let i = 1; i <= WORKERS; i++)
			workerLogs.push(
				serve(['worker', '--concurrency=1'], await envFor(`worker${i}`), `worker${i}`),
			);
		const mainLog = serve(['start'], mainEnv, 'main');
		const port = Number(mainEnv.N8N_PORT);
		for (const [i, workerLog] of workerLogs.entries()) {
			await waitFor(
				() => /n8n worker is now ready/.test(workerLog()),
				180_000,
				() => `worker ${i + 1} not ready after 180 s:\n${workerLog().slice(-2000)}`,
			);
		}
		const url = `/webhook/${WEBHOOK_PATH}`;
		// The main registers the production webhook once it has started; until then it answers 404
		// (or, on 1.x, 200 "n8n is starting up. Please wait").
		const first = await waitFor(
			async () => {
				const res = /** @type {{ status: number, body: string }} */ (
					await post(port, url).catch(() => ({ status: 0, body: '' }))
				);
				return res.status === 200 && /Workflow was started/.test(res.body) ? res : undefined;
			},
			180_000,
			() => `the main did not take the webhook after 180 s:\n${mainLog().slice(-2000)}`,
		);
		// Read the executions back from the shared database.
		const { Client } = require(path.join(home, 'node_modules', 'pg'));
		const { parse } = require(path.join(home, 'node_modules', 'flatted'));
		const db = new Client({
			host: pg.host,
			port: pg.port,
			user: pg.user,
			password: pg.password,
			database: pg.database,
		});
		await db.connect();
		try {
			const finishedOf = (/** @type {string} */ workflowId, /** @type {number} */ count) =>
				waitFor(
					async () => {
						const r = await db.query(
							'SELECT id, status FROM execution_entity WHERE "workflowId" = $1 ORDER BY id',
							[workflowId],
						);
						const done = r.rows.filter(
							(/** @type {any} */ x) => !['new', 'running', 'waiting'].includes(x.status),
						);
						return done.length >= count ? r.rows : undefined;
					},
					300_000,
					() =>
						`fewer than ${count} executions finished after 300 s\nmain:\n${mainLog().slice(-1500)}\nworker 1:\n${workerLogs[0]().slice(-1500)}`,
				);
			const finished = (/** @type {number} */ count) => finishedOf(copy.id, count);
			/** The workers whose logs name an execution (exactly one, if it ran on a worker). */
			const ranOn = (/** @type {string} */ id) =>
				workerLogs
					.map((l, i) => (new RegExp(`Worker started execution ${id} \\(`).test(l()) ? i + 1 : 0))
					.filter(Boolean);
			/** An execution's run data and error, from execution_data; undefined if none was stored. */
			const runOf = async (/** @type {string} */ id) => {
				const dataRow = await db.query('SELECT data FROM execution_data WHERE "executionId" = $1', [
					id,
				]);
				if (!dataRow.rows.length) return undefined;
				const run = parse(dataRow.rows[0].data);
				return {
					runData: /** @type {Record<string, any[]>} */ (run.resultData?.runData ?? {}),
					error: run.resultData?.error,
				};
			};
			// The first call runs alone and saves the workflow's static data (the Segmenter's model,
			// the pseudonym secret); the calls after it all start from that saved state, whichever
			// worker takes them. Without the wait, which calls see it would depend on timing.
			await finished(1);
			const rest = await Promise.all(Array.from({ length: CALLS }, () => post(port, url)));
			for (const res of /** @type {{ status: number, body: string }[]} */ (rest)) {
				if (res.status !== 200)
					fail(
						`n8n ${version} queue mode: the webhook answered ${res.status}: ${res.body.slice(0, 300)}`,
					);
			}
			log(
				`n8n ${version} queue mode: main and ${WORKERS} workers up; 1 webhook call (${first.body.slice(0, 60)}), then ${CALLS} at once after it finished, at ${((Date.now() - started) / 1000).toFixed(0)} s`,
			);
			const rows = await finished(CALLS + 1);
			/** @type {Record<string, number>} */
			const perWorker = {};
			/** @type {Set<string>} */
			const laterStates = new Set();
			for (const row of rows) {
				const id = String(row.id);
				const where = `n8n ${version} queue mode execution ${id}`;
				const workers = ranOn(id);
				if (workers.length !== 1)
					fail(
						`${where}: ${workers.length ? `named by workers ${workers.join(', ')}` : 'named by no worker log: it did not run on a worker'}`,
					);
				for (const w of workers) perWorker[w] = (perWorker[w] ?? 0) + 1;
				if (row.status !== 'success') fail(`${where}: ended ${row.status}`);
				const run = await runOf(id);
				if (!run) {
					fail(`${where}: no execution data stored`);
					continue;
				}
				const runData = run.runData;
				if (run.error) fail(`${where}: ${run.error.message ?? JSON.stringify(run.error)}`);
				o.checkEveryNodeRan(copy, runData, where);
				const actual = o.outputsOf(runData);
				delete actual[triggerName];
				// The first run is a first run. A later one starts from the first run's static data if
				// n8n hands it over (1.x), or from none (2.41.1: see staticDataCarriesOver); either way
				// it must equal the single-process engine's run from the same state, all later runs
				// must agree on which, and it must be the state this line is known to give.
				const compareWith = (
					/** @type {{ outputs: Record<string, any[][]>, volatile: Set<string> }} */ want,
				) => {
					const expected = { ...want.outputs };
					delete expected[triggerName];
					const extra = Object.keys(actual).filter((node) => !(node in expected));
					return [
						...extra.map((node) => `"${node}" ran in n8n but not in the harness`),
						...differences(expected, actual, want.volatile),
					];
				};
				let state = 'a first run';
				let diffs = compareWith(cold);
				if (row !== rows[0]) {
					const fromSaved = compareWith(warm);
					if (fromSaved.length === 0 || diffs.length > 0)
						[state, diffs] = ["the first run's static data", fromSaved];
					else state = 'no static data';
					laterStates.add(state);
				}
				for (const d of diffs) fail(`${where}: output differs from the harness (${state}) at ${d}`);
				const counts = Object.entries(actual)
					.map(([n, out]) => `${n} ${out.map((i) => i.length).join('/')}`)
					.join(', ');
				log(
					`${where}: ran on worker ${workers.join(', ') || '?'}, ${row.status}, ${diffs.length ? 'DIFFERS from' : 'equal to'} the harness run from ${state}; ${counts}`,
				);
			}
			if (laterStates.size > 1)
				fail(
					`n8n ${version} queue mode: the later runs started from different states: ${[...laterStates].join('; ')}`,
				);
			const known = staticDataCarriesOver(version) ? "the first run's static data" : 'no static data';
			if (laterStates.size === 1 && !laterStates.has(known))
				fail(
					`n8n ${version} queue mode: the runs after the first started from ${[...laterStates][0]}, not from ${known} as this n8n line is known to do: n8n changed how workers load static data; update staticDataCarriesOver and the README's "Queue mode"`,
				);
			log(
				`n8n ${version} queue mode: the runs after the first started from ${[...laterStates].join('; ')} (as expected for this line: ${known})`,
			);
			const busy = Object.keys(perWorker).length;
			if (busy < WORKERS)
				fail(
					`n8n ${version} queue mode: only ${busy} of ${WORKERS} workers took work (${JSON.stringify(perWorker)})`,
				);
			log(
				`n8n ${version} queue mode: ${rows.length} executions, per worker ${JSON.stringify(perWorker)}, in ${((Date.now() - started) / 1000).toFixed(0)} s`,
			);
			// Where static data does not carry over (2.41.1 above), the workflow keeps the model itself.
			await checkModelKeptInRedis({
				version,
				workflow: model.workflow,
				redis,
				post: (body) =>
					/** @type {Promise<{ status: number, body: string }>} */ (
						post(port, `/webhook/${MODEL_WEBHOOK_PATH}`, body)
					),
				finished: finishedOf,
				runOf,
				ranOn,
				checkEveryNodeRan: o.checkEveryNodeRan,
				outputsOf: o.outputsOf,
				log,
				fail,
			});
			log(`n8n ${version} queue mode: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
		} finally {
			await db.end();
		}
	} catch (error) {
		fail(`n8n ${version} queue mode: ${/** @type {Error} */ (error).message}`);
	} finally {
		await Promise.all(
			children.map(
				(child) =>
					new Promise((resolve) => {
						if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
						const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
						child.once('exit', () => {
							clearTimeout(timer);
							resolve(undefined);
						});
						child.kill('SIGTERM');
					}),
			),
		);
		await redis.stop();
		await pg.stop();
	}
}

module.exports = { checkQueueMode, webhookCopy, staticDataCarriesOver };
