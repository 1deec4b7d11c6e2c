// @ts-check
// The human review of templates/salesforce-meta-form-review.json in a real n8n, for real: the
// execution stops at the Wait node (On Form Submitted) until a person submits the form, and the
// e2e is that person, over HTTP on 127.0.0.1. A credential-free copy of the template:
//  - a production Webhook replaces the Manual Trigger (a waiting execution needs the server);
//  - each Salesforce node becomes an Edit Fields node holding the records n8n's Salesforce node
//    returns (test/support/salesforce-records.js, the data of the template's test) and a Split Out;
//  - "Email the reviewer" becomes a Respond to Webhook node that answers the webhook call with the
//    form link ($execution.resumeFormUrl) and the flagged ads' ids, where the e-mail would carry them;
//  - the Bias Auditor gets an intended targeting that sends some ads to review and blocks others;
//  - the Ad Deployer stays in its dry run, which needs no credential.
// Then: call the webhook, open the form (it must show every flagged ad), submit it approving some,
// and read the finished execution back from n8n's database: only the approved flagged ads, with the
// reviewer's decision and note, joined the auditor's approved ones in the Deployer; the rest stopped
// at "Rejected by the reviewer".
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { salesforceRecords, reviewTargeting } = require('../../test/support/salesforce-records');

const FILE = 'templates/salesforce-meta-form-review.json';
const WEBHOOK_PATH = 'journey-ads-form-review';
const REVIEWER = 'reviewer@fieldnote.example';
const NOTE = 'Checked the age targeting with legal; the gender-targeted ads stay out.';

/**
 * @param {any} connections @param {string} from @param {string} to
 * @returns {any} the connections with node `from` renamed `to`, as a source and as a target
 */
function renameInConnections(connections, from, to) {
	/** @type {any} */
	const out = {};
	for (const [source, byType] of Object.entries(connections)) {
		/** @type {any} */
		const copy = {};
		for (const [type, outputs] of Object.entries(/** @type {any} */ (byType))) {
			copy[type] = outputs.map((/** @type {any[] | null} */ targets) => (targets ?? []).map((t) => (t.node === from ? { ...t, node: to } : t)));
		}
		out[source === from ? to : source] = copy;
	}
	return out;
}

/**
 * The credential-free copy described above.
 * @param {any} workflow the template @param {any[]} targeting @param {string} id
 */
function formReviewVariant(workflow, targeting, id) {
	const records = /** @type {Record<string, any[]>} */ (salesforceRecords());
	let connections = JSON.parse(JSON.stringify(workflow.connections));
	/** @type {any[]} */
	const nodes = [];
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.manualTrigger') {
			nodes.push({
				id: node.id,
				name: node.name,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: node.position,
				webhookId: '0b6f4c52-2d1e-4f7a-9c3b-8e5d7a1f2c90',
				parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'responseNode', options: {} },
			});
		} else if (node.type === 'n8n-nodes-base.salesforce') {
			if (!records[node.name]) throw new Error(`no records for "${node.name}"`);
			const split = `${node.name} records`;
			nodes.push({ id: node.id, name: node.name, type: 'n8n-nodes-base.set', typeVersion: 3.4, position: node.position, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ records: records[node.name] }), options: {} } });
			nodes.push({ name: split, type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [node.position[0] + 110, node.position[1] + 60], parameters: { fieldToSplitOut: 'records', include: 'noOtherFields', options: {} } });
			connections[split] = connections[node.name];
			connections[node.name] = { main: [[{ node: split, type: 'main', index: 0 }]] };
		} else if (node.name === 'Email the reviewer') {
			nodes.push({
				id: node.id,
				name: 'Answer with the form link',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: node.position,
				parameters: { respondWith: 'json', responseBody: '={{ { formUrl: $execution.resumeFormUrl, ads: $json.ads.map(ad => ad.adId) } }}', options: {} },
			});
			connections = renameInConnections(connections, node.name, 'Answer with the form link');
		} else if (node.name === 'Bias Auditor') {
			nodes.push({ ...node, parameters: { ...node.parameters, targeting: JSON.stringify(targeting) } });
		} else if (node.name === 'Ad Deployer') {
			if (node.parameters.dryRun !== true) throw new Error('the template must ship in dry run');
			const { credentials: _dropped, ...rest } = node;
			nodes.push(rest);
		} else {
			nodes.push(node);
		}
	}
	return { ...workflow, id, name: `${workflow.name} (form review e2e)`, nodes, connections, pinData: {}, active: true };
}

/**
 * What the engine harness finds for the same data: the segments (their ids pick the targeting) and
 * how many ads the Auditor approves, flags and blocks.
 * @param {any} workflow
 */
async function harnessAudit(workflow) {
	const { createEngine } = require('../../test/support/engine');
	const engine = createEngine();
	/** @type {any} */
	const pinData = {};
	for (const [name, list] of Object.entries(salesforceRecords())) pinData[name] = list.map((json) => ({ json }));
	const cut = (/** @type {any} */ wf, /** @type {string} */ last) => {
		const connections = { ...wf.connections };
		delete connections[last];
		return { ...wf, connections, pinData };
	};
	const segmentsRun = await engine.runWorkflow(cut(workflow, 'Customer Segmenter'));
	if (segmentsRun.error) throw new Error(`harness: ${segmentsRun.error.message}`);
	const segmentIds = segmentsRun.outputs['Customer Segmenter'][1].map((i) => String(i.json.segmentId));
	const targeting = reviewTargeting(segmentIds);
	const auditor = workflow.nodes.find((/** @type {any} */ n) => n.name === 'Bias Auditor');
	const configured = { ...workflow, nodes: workflow.nodes.map((/** @type {any} */ n) => (n === auditor ? { ...n, parameters: { ...n.parameters, targeting: JSON.stringify(targeting) } } : n)) };
	const auditRun = await engine.runWorkflow(cut(configured, 'Bias Auditor'));
	if (auditRun.error) throw new Error(`harness: ${auditRun.error.message}`);
	const [approved, review, blocked] = auditRun.outputs['Bias Auditor'].map((items) => items.length);
	return { targeting, counts: { approved, review, blocked } };
}

/**
 * One HTTP request to 127.0.0.1, on a connection of its own (Node's default agent would reuse a
 * kept-alive socket that n8n may be closing, and the request would fail with ECONNRESET).
 * @param {string} url @param {{ method?: string, headers?: Record<string, string>, body?: string | Buffer }} [init]
 * @returns {Promise<{ status: number, body: string }>}
 */
function request(url, init = {}) {
	return new Promise((resolve, reject) => {
		const u = new URL(url);
		const req = http.request({ host: '127.0.0.1', port: u.port, path: `${u.pathname}${u.search}`, method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c) => (body += c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.setTimeout(120_000, () => req.destroy(new Error('no answer in 120 s')));
		req.end(init.body);
	});
}

/** A form submission as a browser sends it: multipart/form-data, the fields named field-0, field-1 ... */
function multipart(/** @type {string[]} */ values) {
	const boundary = `----journeyAdsE2e${Date.now().toString(16)}`;
	const parts = values.map((v, i) => `--${boundary}\r\nContent-Disposition: form-data; name="field-${i}"\r\n\r\n${v}\r\n`);
	return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function waitFor(/** @type {() => Promise<any>} */ check, /** @type {number} */ timeoutMs, /** @type {() => string} */ explain) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(explain());
		await new Promise((r) => setTimeout(r, 500));
	}
}

/** JSON.parse whose error says what was parsed and shows its start. */
function parseJson(/** @type {string} */ text, /** @type {string} */ what) {
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new Error(`${what} is not JSON (${/** @type {Error} */ (error).message}): ${JSON.stringify(text.slice(0, 300))}`);
	}
}

const same = (/** @type {unknown} */ a, /** @type {unknown} */ b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Runs the review for real and checks it; problems go to `fail`.
 * @param {{
 *   version: string, home: string, work: string, baseEnv: NodeJS.ProcessEnv, nodesDir: string,
 *   freePort: () => Promise<number>, log: (msg: string) => void, fail: (msg: string) => void,
 *   outputsOf: (runData: Record<string, any[]>) => Record<string, any[][]>,
 * }} o
 */
async function checkFormReview(o) {
	const { version, home, log, fail } = o;
	const where = `n8n ${version} ${FILE} form review`;
	const started = Date.now();
	const template = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', FILE), 'utf8'));
	const expected = await harnessAudit(template);
	const dir = path.join(o.work, `n8n-${version}-form-review`);
	const userFolder = path.join(dir, 'user');
	fs.mkdirSync(dir, { recursive: true });
	fs.cpSync(o.nodesDir, path.join(userFolder, '.n8n', 'nodes'), { recursive: true, verbatimSymlinks: true });
	const port = await o.freePort();
	/** @type {NodeJS.ProcessEnv} */
	const env = {
		...o.baseEnv,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(await o.freePort()),
		// The form link n8n puts in $execution.resumeFormUrl: this server, on loopback.
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
	};
	if (Number(version.split('.')[0]) >= 2) env.N8N_DISABLED_MODULES = 'mcp-registry';
	const cli = (/** @type {string[]} */ args, /** @type {string} */ logName) => {
		const file = path.join(dir, `${logName}.log`);
		const out = fs.openSync(file, 'w');
		const res = spawnSync('bash', ['-c', 'source "$0/env.sh" && exec node "$N8N_BIN" "$@"', home, ...args], { env, stdio: ['ignore', out, out], timeout: 5 * 60 * 1000 });
		fs.closeSync(out);
		return { status: res.status, output: fs.readFileSync(file, 'utf8') };
	};
	/** The workflow's executions, read from n8n's SQLite database with n8n's own Node.js and sqlite3. */
	const executions = (/** @type {string} */ workflowId) => {
		const res = spawnSync('bash', ['-c', 'source "$0/env.sh" && exec node "$@"', home, path.join(__dirname, 'read-executions.js'), home, path.join(userFolder, '.n8n', 'database.sqlite'), workflowId], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
		if (res.status !== 0) throw new Error(`reading the executions failed: ${res.stderr}`);
		return /** @type {Array<{ id: string, status: string, data: any }>} */ (parseJson(res.stdout, 'read-executions.js output'));
	};
	/** @type {import('node:child_process').ChildProcess | undefined} */
	let server;
	const serverLog = path.join(dir, 'start.log');
	const tail = () => (fs.existsSync(serverLog) ? fs.readFileSync(serverLog, 'utf8').slice(-2000) : '');
	try {
		const variant = formReviewVariant(template, expected.targeting, 'e2eformreview001');
		const file = path.join(dir, 'form-review.json');
		fs.writeFileSync(file, JSON.stringify(variant));
		const imported = cli(['import:workflow', `--input=${file}`], 'import');
		if (imported.status !== 0 || !/Successfully imported 1 workflow/i.test(imported.output)) {
			fail(`${where}: import failed (exit ${imported.status}):\n${imported.output.slice(-1500)}`);
			return;
		}
		const activate = Number(version.split('.')[0]) >= 2 ? ['publish:workflow', `--id=${variant.id}`] : ['update:workflow', `--id=${variant.id}`, '--active=true'];
		const activated = cli(activate, 'activate');
		if (activated.status !== 0) {
			fail(`${where}: ${activate[0]} failed (exit ${activated.status}):\n${activated.output.slice(-1500)}`);
			return;
		}
		const out = fs.openSync(serverLog, 'w');
		server = spawn('bash', ['-c', 'source "$0/env.sh" && exec node "$N8N_BIN" start', home], { env, stdio: ['ignore', out, out] });
		fs.closeSync(out);

		// 1. The webhook starts the run; the answer comes from the node standing in for the e-mail.
		const hook = `http://127.0.0.1:${port}/webhook/${WEBHOOK_PATH}`;
		// While it starts, n8n 1.x answers every request 200 with the text "n8n is starting up. Please
		// wait"; such an answer is logged and the call made again: only the answer with the link counts.
		/** @type {string[]} */
		const oddAnswers = [];
		const link = await waitFor(
			async () => {
				const res = await request(hook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => ({ status: 0, body: '' }));
				if (res.status !== 200) return undefined;
				try {
					const parsed = JSON.parse(res.body);
					if (parsed && typeof parsed.formUrl === 'string') return parsed;
				} catch {
					// recorded below
				}
				oddAnswers.push(res.body.slice(0, 300));
				return undefined;
			},
			240_000,
			() => `the webhook did not answer 200 with the form link within 240 s${oddAnswers.length ? ` (200 answers without it: ${JSON.stringify(oddAnswers)})` : ''}:\n${tail()}`,
		);
		if (oddAnswers.length) log(`${where}: the webhook first answered 200 without the form link ${oddAnswers.length} time(s): ${JSON.stringify(oddAnswers)}`);
		const flagged = /** @type {string[]} */ (link.ads ?? []);
		const formUrl = String(link.formUrl ?? '');
		if (!formUrl.startsWith(`http://127.0.0.1:${port}/form-waiting/`)) fail(`${where}: the form link is ${formUrl}`);
		if (flagged.length !== expected.counts.review) fail(`${where}: ${flagged.length} ads flagged for review, the harness flags ${expected.counts.review}`);
		if (flagged.length < 2) {
			fail(`${where}: fewer than two flagged ads (${flagged.length}): nothing to approve and reject`);
			return;
		}
		// The execution the link resumes (its id ends the link's path; 2.x adds a signature), not another call's.
		const linkedId = formUrl ? new URL(formUrl).pathname.split('/').filter(Boolean).pop() : undefined;
		const waiting = await waitFor(
			async () => executions(variant.id).find((e) => e.status === 'waiting' && e.id === linkedId),
			60_000,
			() => `execution ${linkedId} (from the link ${formUrl}) is not waiting for the form: ${JSON.stringify(executions(variant.id).map((e) => [e.id, e.status]))}\n${tail()}`,
		);
		log(`${where}: execution ${waiting.id} waits at the form, ${flagged.length} ads flagged, at ${((Date.now() - started) / 1000).toFixed(0)} s`);

		// 2. The reviewer opens the form: every flagged ad is on it, with the fields to fill in.
		const page = await request(formUrl);
		if (page.status !== 200) fail(`${where}: GET of the form answered ${page.status}`);
		for (const text of ['Review Meta ads before they go out', 'Approved ad IDs', 'Reviewer', 'Note', 'targeting.protectedAttribute', ...flagged]) {
			if (!page.body.includes(text)) fail(`${where}: the form page does not show "${text}"`);
		}

		// 3. ... approves every other flagged ad and submits.
		const approve = flagged.filter((_, i) => i % 2 === 0);
		const reject = flagged.filter((_, i) => i % 2 === 1);
		const form = multipart([approve.join('\n'), REVIEWER, NOTE]);
		const submitted = await request(formUrl, { method: 'POST', headers: { 'content-type': form.contentType }, body: form.body });
		if (submitted.status !== 200) fail(`${where}: submitting the form answered ${submitted.status}: ${submitted.body.slice(0, 300)}`);

		// 4. The execution resumes and finishes; its data is read back from the database.
		const finished = () => executions(variant.id).find((e) => e.id === waiting.id && !['new', 'running', 'waiting'].includes(e.status));
		let done = await waitFor(
			async () => finished(),
			180_000,
			() => `execution ${waiting.id} did not finish within 180 s after the form was submitted\n${tail()}`,
		);
		// The status and the run data are separate rows (execution_entity, execution_data): n8n 1.x
		// can mark the execution finished before the resumed run's data is written. Read until the data
		// has left the Wait node, for at most 30 s; then check whatever is there.
		const pastTheForm = (/** @type {any} */ e) => e?.data?.resultData?.runData?.['Ad Deployer'] !== undefined;
		if (!pastTheForm(done)) {
			done = (await waitFor(async () => {
				const e = finished();
				return pastTheForm(e) ? e : undefined;
			}, 30_000, () => '').catch(() => undefined)) ?? finished() ?? done;
		}
		if (done.status !== 'success') fail(`${where}: execution ${done.id} ended ${done.status}`);
		const resultData = done.data?.resultData ?? {};
		if (resultData.error) fail(`${where}: ${resultData.error.message ?? JSON.stringify(resultData.error)}`);
		const outputs = o.outputsOf(resultData.runData ?? {});
		const ids = (/** @type {any[] | undefined} */ items) => (items ?? []).map((a) => String(a.adId));
		const formOut = outputs['Wait for the review form']?.[0]?.[0] ?? {};
		if (formOut.Reviewer !== REVIEWER || formOut.Note !== NOTE || typeof formOut.submittedAt !== 'string') fail(`${where}: the form's output is ${JSON.stringify(formOut).slice(0, 300)}`);
		const auto = ids(outputs['Bias Auditor']?.[0]);
		const counts = { approved: auto.length, review: outputs['Bias Auditor']?.[1]?.length, blocked: outputs['Bias Auditor']?.[2]?.length };
		if (!same(counts, expected.counts)) fail(`${where}: the Auditor's outputs ${JSON.stringify(counts)}, the harness's ${JSON.stringify(expected.counts)}`);
		const decided = outputs['One item per ad']?.[0] ?? [];
		if (!same(ids(decided), flagged)) fail(`${where}: decisions for ${JSON.stringify(ids(decided))}, flagged ${JSON.stringify(flagged)}`);
		for (const ad of decided) {
			const want = { approved: approve.includes(String(ad.adId)), by: REVIEWER, at: formOut.submittedAt, note: NOTE };
			if (!same(ad.approval, want)) fail(`${where}: ${ad.adId} carries approval ${JSON.stringify(ad.approval)}, expected ${JSON.stringify(want)}`);
		}
		if (!same(ids(outputs['Rejected by the reviewer']?.[0]), reject)) fail(`${where}: "Rejected by the reviewer" holds ${JSON.stringify(ids(outputs['Rejected by the reviewer']?.[0]))}, expected ${JSON.stringify(reject)}`);
		const deployed = outputs['Ad Deployer']?.[0] ?? [];
		if (!same(ids(deployed), [...auto, ...approve])) fail(`${where}: the Ad Deployer got ${JSON.stringify(ids(deployed))}, expected the auditor's ${auto.length} and the reviewer's ${JSON.stringify(approve)}`);
		for (const r of deployed) if (r.status !== 'validated' || r.dryRun !== true) fail(`${where}: ${r.adId} ended ${r.status} (dry run ${r.dryRun})`);
		const merged = outputs['Auto-approved + reviewer-approved']?.[0] ?? [];
		for (const ad of merged) {
			if (approve.includes(String(ad.adId)) && !same(ad.approval, { approved: true, by: REVIEWER, at: formOut.submittedAt, note: NOTE })) fail(`${where}: ${ad.adId} reached the Deployer without the reviewer's decision`);
		}
		log(`${where}: form submitted (${approve.length} approved, ${reject.length} rejected); execution ${done.id} ${done.status}; Deployer ${deployed.length} (${auto.length} auto-approved + ${approve.length} reviewed), ${counts.blocked} blocked; ${((Date.now() - started) / 1000).toFixed(0)} s`);
	} catch (error) {
		fail(`${where}: ${/** @type {Error} */ (error).message}`);
	} finally {
		if (server && server.exitCode === null && server.signalCode === null) {
			const child = server;
			await new Promise((resolve) => {
				const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
				child.once('exit', () => {
					clearTimeout(timer);
					resolve(undefined);
				});
				child.kill('SIGTERM');
			});
		}
	}
}

module.exports = { checkFormReview, formReviewVariant };
