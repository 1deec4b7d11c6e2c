#!/usr/bin/env node
// @ts-check
// End-to-end check in real n8n installs (`npm run test:e2e`, after `npm run build`):
//  1. packs this package with `npm pack`, as it would be published;
//  2. for each n8n line (2.x on Node.js 24, 1.x on Node.js 20) takes a real n8n from the cache
//     (scripts/e2e/install-n8n.sh installs it the first time), makes a fresh n8n user folder and
//     installs the tarball where n8n installs community packages, `<user folder>/.n8n/nodes`;
//  3. imports every template with `n8n import:workflow`;
//  4. executes each template that needs nothing outside the machine with `n8n execute`, and
//     checks its data: the run succeeded, every node ran without error and produced items, and
//     every node's output equals the engine harness's output for the same template (fields that
//     change between two harness runs, such as per-run pseudonyms, are compared by type).
//     A template whose only outside need is a model runs with n8n's own OpenAI Chat Model pointed
//     at a local OpenAI-compatible server and is checked against what that server saw
//     (scripts/e2e/chat-model.js); so is a template whose model drives an AI Agent with this
//     package's nodes as its tools (scripts/e2e/agent.js).
// An expression error does not fail `n8n execute`, so nothing here trusts its exit code alone.
//
//  5. runs the Salesforce to Meta template's form review with a real waiting form, submitted over
//     HTTP (scripts/e2e/form-review.js; JOURNEY_ADS_E2E_FORM=0 skips it);
//  6. runs the quickstart again in queue mode (a main, two workers, PostgreSQL and Redis) and
//     compares it the same way: scripts/e2e/queue.js.
// JOURNEY_ADS_E2E_ONLY="ai-agent-targeting" limits the run to the templates named (and the quickstart
// when the queue-mode step runs, which uses it), for quicker iterations.
// JOURNEY_ADS_E2E_N8N="2.41.1 1.123.81" picks the n8n versions; JOURNEY_ADS_E2E_QUEUE=0 skips step 6; JOURNEY_ADS_E2E_KEEP=1 keeps the
// temporary folder (user folders, execution output) for a look afterwards.
// `--screenshots <dir>`: also start each n8n's editor and save each template's canvas there, fitted to
// every node and note: `<template>.png` from n8n 2.x, `<template>.n8n-1.png` from n8n 1.x.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { listTemplates, isNote, ROOT } = require('./templates');
const { volatilePatterns, differences } = require('./compare');
const { checkChatModelTemplate } = require('./chat-model');
const { checkAgentTemplate } = require('./agent');

const SCREENSHOTS = process.argv.includes('--screenshots') ? path.resolve(process.argv[process.argv.indexOf('--screenshots') + 1]) : undefined;
const VERSIONS = (process.env.JOURNEY_ADS_E2E_N8N ?? '2.41.1 1.123.81').split(/\s+/).filter(Boolean);
const started = Date.now();
const since = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (/** @type {string} */ msg) => console.log(`[e2e ${since()}] ${msg}`);
/** @type {string[]} */
const failures = [];
const fail = (/** @type {string} */ msg) => {
	failures.push(msg);
	console.log(`  FAIL ${msg}`);
};

/** A free loopback port, so parallel runs on one machine do not clash. */
async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(address.port));
		});
	});
}

/** node -> output -> items' json, from a run's runData (the node's last run). */
function outputsOf(/** @type {Record<string, any[]>} */ runData) {
	/** @type {Record<string, any[][]>} */
	const outputs = {};
	for (const [name, tasks] of Object.entries(runData)) {
		const last = tasks[tasks.length - 1];
		outputs[name] = (last?.data?.main ?? []).map((/** @type {any[] | null} */ items) => (items ?? []).map((i) => i.json));
	}
	return outputs;
}

/**
 * The run JSON `n8n execute --rawOutput` prints among its log lines (which may come before and
 * after it): printed with two-space indentation, it starts with a line `{` and ends with the
 * first line `}` after that.
 */
function parseExecuteOutput(/** @type {string} */ stdout) {
	const start = stdout.search(/^\{\s*$/m);
	if (start < 0) throw new Error(`no execution JSON in the output:\n${stdout.slice(-2000)}`);
	const end = stdout.slice(start).search(/^\}\s*$/m);
	if (end < 0) throw new Error(`the execution JSON is cut short:\n${stdout.slice(-2000)}`);
	return JSON.parse(stdout.slice(start, start + end + 1));
}

/**
 * Every check on one execution: success, every node ran, no node error, items out of every node.
 * @param {any} workflow @param {Record<string, any[]>} runData @param {string} where
 */
function checkEveryNodeRan(workflow, runData, where) {
	for (const node of workflow.nodes) {
		if (isNote(node) || node.disabled) continue;
		const tasks = runData[node.name];
		if (!tasks?.length) {
			fail(`${where}: "${node.name}" did not run`);
			continue;
		}
		for (const task of tasks) {
			if (task.error) fail(`${where}: "${node.name}" failed: ${task.error.message ?? JSON.stringify(task.error)}`);
			if (task.executionStatus && task.executionStatus !== 'success') fail(`${where}: "${node.name}" ended ${task.executionStatus}`);
			for (const items of task.data?.main ?? []) {
				for (const item of items ?? []) {
					if (item.json?.error || item.error) fail(`${where}: "${node.name}" emitted an error item: ${JSON.stringify(item.json?.error ?? item.error).slice(0, 200)}`);
				}
			}
		}
		const produced = (tasks[tasks.length - 1].data?.main ?? []).reduce((n, /** @type {any[] | null} */ items) => n + (items?.length ?? 0), 0);
		if (produced === 0) fail(`${where}: "${node.name}" produced no items`);
	}
}

async function harnessRuns(/** @type {ReturnType<typeof listTemplates>} */ templates) {
	const { createEngine } = require('../../test/support/engine');
	const engine = createEngine();
	/** @type {Record<string, { outputs: Record<string, any[][]>, volatile: Set<string> }>} */
	const result = {};
	for (const t of templates.filter((x) => x.execute && !x.modelServer)) {
		const first = await engine.runWorkflow(t.workflow);
		const second = await engine.runWorkflow(t.workflow);
		for (const run of [first, second]) {
			if (run.status !== 'success') fail(`harness: ${t.file} ended ${run.status}: ${run.error?.message ?? ''}`);
			checkEveryNodeRan(t.workflow, run.runData, `harness ${t.file}`);
		}
		const outputs = outputsOf(first.runData);
		const volatile = volatilePatterns(outputs, outputsOf(second.runData));
		result[t.file] = { outputs, volatile };
		const counts = Object.entries(outputs).map(([n, o]) => `${n} ${o.map((i) => i.length).join('/')}`).join(', ');
		log(`harness ran ${t.file}: ${counts}; fields that vary per run: ${[...volatile].join(', ') || 'none'}`);
	}
	return result;
}

/**
 * @param {string} version @param {string} work @param {string} tarball
 * @param {ReturnType<typeof listTemplates>} templates @param {Awaited<ReturnType<typeof harnessRuns>>} harness
 */
async function checkInN8n(version, work, tarball, templates, harness) {
	log(`n8n ${version}: install (cached after the first run)`);
	const installStarted = Date.now();
	const home = execFileSync('bash', [path.join(__dirname, 'install-n8n.sh'), version], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	}).trim();
	log(`n8n ${version}: ready in ${((Date.now() - installStarted) / 1000).toFixed(0)} s at the cache folder ${path.basename(home)}`);

	const userFolder = path.join(work, `n8n-${version}`, 'user');
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }));
	// As n8n installs a community package: npm in `.n8n/nodes`; its peer n8n-workflow is n8n's own.
	execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=peer', '--loglevel=error', tarball], {
		cwd: nodesDir,
		stdio: ['ignore', 'inherit', 'inherit'],
	});

	const env = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
	};
	// The harness in this process made a key for its own user folder; n8n makes its own.
	delete env.N8N_ENCRYPTION_KEY;
	/** @param {string[]} args @param {string} logFile */
	const n8n = (args, logFile) => {
		const out = fs.openSync(logFile, 'w');
		const res = spawnSync('bash', ['-c', 'source "$0/env.sh" && exec node "$N8N_BIN" "$@"', home, ...args], {
			env,
			stdio: ['ignore', out, out],
			timeout: 10 * 60 * 1000,
		});
		fs.closeSync(out);
		return { status: res.status, signal: res.signal, output: fs.readFileSync(logFile, 'utf8') };
	};

	const versionOut = n8n(['--version'], path.join(work, `n8n-${version}`, 'version.log')).output.trim();
	log(`n8n ${version}: reports ${versionOut.split('\n').pop()}`);

	const importDir = path.join(work, `n8n-${version}`, 'import');
	fs.mkdirSync(importDir, { recursive: true });
	for (const t of templates) {
		const file = path.join(importDir, `${t.name}.json`);
		fs.writeFileSync(file, JSON.stringify({ ...t.workflow, id: t.id }));
		const res = n8n(['import:workflow', `--input=${file}`], path.join(work, `n8n-${version}`, `import-${t.name}.log`));
		if (res.status !== 0 || !/Successfully imported 1 workflow/i.test(res.output)) {
			fail(`n8n ${version}: import of ${t.file} failed (exit ${res.status}):\n${res.output.slice(-1500)}`);
		} else {
			log(`n8n ${version}: imported ${t.file}`);
		}
	}

	for (const t of templates) {
		if (!t.execute) {
			log(`n8n ${version}: ${t.file} imported, not executed: it needs ${t.outside.join('; ')}`);
			continue;
		}
		const where = `n8n ${version} ${t.file}`;
		if (t.agent) {
			// An AI Agent calling this package's nodes as tools: checked against the local model server.
			await checkAgentTemplate({ template: t, where, dir: path.join(work, `n8n-${version}`), n8n, parseExecuteOutput, checkEveryNodeRan, fail, log });
			continue;
		}
		if (t.modelServer) {
			// Written by a model: checked against what the local model server saw, not the harness.
			await checkChatModelTemplate({ template: t, where, dir: path.join(work, `n8n-${version}`), n8n, parseExecuteOutput, checkEveryNodeRan, fail, log });
			continue;
		}
		const res = n8n(['execute', `--id=${t.id}`, '--rawOutput'], path.join(work, `n8n-${version}`, `execute-${t.name}.log`));
		let run;
		try {
			run = parseExecuteOutput(res.output);
		} catch (error) {
			fail(`${where}: exit ${res.status}${res.signal ? ` (${res.signal})` : ''}, ${/** @type {Error} */ (error).message}`);
			continue;
		}
		const resultData = run.data?.resultData ?? {};
		if (run.status && run.status !== 'success') fail(`${where}: execution ended ${run.status}`);
		if (resultData.error) fail(`${where}: ${resultData.error.message ?? JSON.stringify(resultData.error)}`);
		checkEveryNodeRan(t.workflow, resultData.runData ?? {}, where);
		const actual = outputsOf(resultData.runData ?? {});
		const expected = harness[t.file];
		for (const node of Object.keys(actual)) {
			if (!(node in expected.outputs)) fail(`${where}: "${node}" ran in n8n but not in the harness`);
		}
		const diffs = differences(expected.outputs, actual, expected.volatile);
		for (const d of diffs) fail(`${where}: output differs from the harness at ${d}`);
		const counts = Object.entries(actual).map(([n, o]) => `${n} ${o.map((i) => i.length).join('/')}`).join(', ');
		log(`${where}: executed (exit ${res.status}), ${diffs.length ? 'DIFFERS from' : 'equal to'} the harness; ${counts}`);
	}

	// The form-based review, really waiting for a person: the e2e submits the form over HTTP.
	if (templates.some((t) => t.file === 'templates/salesforce-meta-form-review.json') && process.env.JOURNEY_ADS_E2E_FORM !== '0') {
		const { checkFormReview } = require('./form-review');
		await checkFormReview({ version, home, work, baseEnv: env, nodesDir, freePort, log, fail, outputsOf });
	}

	const quickstart = templates.find((t) => t.file === 'templates/quickstart.json');
	if (quickstart?.execute && process.env.JOURNEY_ADS_E2E_QUEUE !== '0') {
		const { checkQueueMode } = require('./queue');
		await checkQueueMode({ version, home, work, baseEnv: env, nodesDir, template: quickstart, expected: harness[quickstart.file], log, fail, checkEveryNodeRan, outputsOf });
	}

	if (SCREENSHOTS) {
		const { canvasScreenshots } = require('./canvas-screenshots');
		const { shots, problems } = await canvasScreenshots({
			home,
			env,
			logFile: path.join(work, `n8n-${version}`, 'start.log'),
			outDir: SCREENSHOTS,
			version,
			templates,
		});
		for (const p of problems) fail(`n8n ${version} editor: ${p}`);
		log(`n8n ${version}: ${shots.length} canvas screenshot(s) in ${path.relative(process.cwd(), SCREENSHOTS) || '.'}`);
	}
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) {
		throw new Error('dist/ is missing: run `npm run build` first (`npm run test:e2e` does).');
	}
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-ads-e2e-'));
	try {
		const only = (process.env.JOURNEY_ADS_E2E_ONLY ?? '').split(/[\s,]+/).filter(Boolean);
		const queue = process.env.JOURNEY_ADS_E2E_QUEUE !== '0';
		const templates = listTemplates().filter((t) => !only.length || only.includes(t.name) || (queue && t.name === 'quickstart'));
		log(`templates: ${templates.map((t) => `${t.file}${t.execute ? ' (executed)' : ' (imported)'}`).join(', ')}`);
		if (!only.length && !templates.some((t) => t.file === 'templates/quickstart.json' && t.execute)) {
			fail('templates/quickstart.json must run with nothing outside the machine');
		}

		const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		const tarball = path.join(work, JSON.parse(packed)[0].filename);
		log(`packed ${path.basename(tarball)}`);

		const harness = await harnessRuns(templates);
		for (const version of VERSIONS) await checkInN8n(version, work, tarball, templates, harness);
	} finally {
		if (process.env.JOURNEY_ADS_E2E_KEEP === '1') log(`kept ${work}`);
		else fs.rmSync(work, { recursive: true, force: true });
	}
	if (failures.length) {
		console.log(`\ne2e FAILED in ${since()}: ${failures.length} problem(s)`);
		process.exit(1);
	}
	console.log(`\ne2e passed in ${since()}: n8n ${VERSIONS.join(', ')}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
