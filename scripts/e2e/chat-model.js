// @ts-check
// The e2e of a template whose only outside need is a model: n8n's own OpenAI Chat Model sub-node,
// with an OpenAI credential whose Base URL is a local OpenAI-compatible server (strict about the
// protocol: test/support/openai-server.js) and a stand-in model that marks what it writes. The run
// must succeed with every node producing items; the server must have seen n8n's LangChain model ask
// for chat completions with structured output (response_format json_schema); every persona and ad
// must be the model's (its mark, `generator: llm:<model>`, no llmError), one model call per persona
// and one per persona and channel (no repair needed: the stand-in's answers are valid).
const fs = require('node:fs');
const path = require('node:path');

const { startOpenAiServer } = require('../../test/support/openai-server');
const { modelResponder, MODEL_MARK } = require('../../test/support/model-responder');

/** The Ad Generator's brief as the node reads it from the template's parameters. */
function briefOf(/** @type {any} */ params) {
	const o = params.options ?? {};
	const list = (/** @type {unknown} */ v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
	return {
		brand: params.brand,
		product: params.product,
		goal: params.goal,
		landingUrl: params.landingUrl,
		channels: params.channels,
		variantsPerPersona: params.variantsPerPersona,
		offer: o.offer || undefined,
		tone: o.tone || undefined,
		language: o.language || 'en',
		bannedWords: list(o.bannedWords),
		requiredPhrases: list(o.requiredPhrases),
	};
}

/**
 * @param {{ template: any, where: string, dir: string,
 *   n8n: (args: string[], logFile: string) => { status: number | null, signal: string | null, output: string },
 *   parseExecuteOutput: (stdout: string) => any,
 *   checkEveryNodeRan: (workflow: any, runData: Record<string, any[]>, where: string) => void,
 *   fail: (msg: string) => void, log: (msg: string) => void }} o
 */
/**
 * The server runs in a child process (this file with `--serve`): `n8n execute` is run synchronously
 * by the caller, which would block a server in the caller's own event loop.
 * @param {{ kind: 'pipeline', brief: any } | { kind: 'agent' }} model which stand-in model answers:
 *   the pipeline's (test/support/model-responder.js, for the Ad Generator's brief) or the agent's
 *   (scripts/e2e/agent.js)
 * @returns {Promise<{ baseUrl: string, apiKey: string, requests: () => Promise<any[]>, close: () => Promise<void> }>}
 */
function startServerChild(model) {
	const { fork } = require('node:child_process');
	return new Promise((resolve, reject) => {
		const child = fork(__filename, ['--serve', JSON.stringify(model)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		/** @type {((msg: any) => void)[]} */
		const waiting = [];
		child.on('message', (/** @type {any} */ msg) => {
			if (msg.type === 'ready') {
				resolve({
					baseUrl: msg.baseUrl,
					apiKey: msg.apiKey,
					requests: () => new Promise((r) => { waiting.push((m) => r(m.requests)); child.send({ type: 'requests' }); }),
					close: () => new Promise((r) => { child.once('exit', () => r()); child.send({ type: 'close' }); }),
				});
			} else {
				const next = waiting.shift();
				if (next) next(msg);
			}
		});
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`the local model server exited (${code})`)));
	});
}

async function serve() {
	const model = JSON.parse(process.argv[process.argv.indexOf('--serve') + 1]);
	const responder = model.kind === 'agent' ? require('./agent').agentResponder() : modelResponder({ brief: model.brief });
	const server = await startOpenAiServer({ apiKey: 'sk-local-e2e', responder });
	process.on('message', async (/** @type {any} */ msg) => {
		if (msg.type === 'requests') {
			const requests = server.requests.map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: r.body, status: r.status, errorMessage: r.errorMessage }));
			process.send?.({ type: 'requests', requests });
		} else if (msg.type === 'close') {
			await server.close();
			process.exit(0);
		}
	});
	process.send?.({ type: 'ready', baseUrl: server.baseUrl, apiKey: server.apiKey });
}

/**
 * Imports the credential the template's OpenAI Chat Model nodes name, pointed at the local server,
 * and executes the template; returns the run's runData, or undefined after reporting why not.
 * @param {{ template: any, where: string, dir: string, n8n: Function, parseExecuteOutput: (stdout: string) => any, fail: (msg: string) => void }} o
 * @param {{ baseUrl: string, apiKey: string }} server
 * @returns {{ res: { status: number | null }, runData: Record<string, any[]> } | undefined}
 */
function executeWithLocalModel(o, server) {
	const { template: t, where, dir, fail } = o;
	/** @type {Map<string, string>} */
	const ids = new Map();
	for (const n of t.workflow.nodes) if (n.credentials?.openAiApi && !n.disabled) ids.set(n.credentials.openAiApi.id, n.credentials.openAiApi.name);
	const credFile = path.join(dir, `credentials-${t.name}.json`);
	fs.writeFileSync(
		credFile,
		JSON.stringify([...ids].map(([id, name]) => ({ id, name, type: 'openAiApi', data: { apiKey: server.apiKey, url: server.baseUrl } }))),
	);
	const imported = o.n8n(['import:credentials', `--input=${credFile}`], path.join(dir, `import-credentials-${t.name}.log`));
	if (imported.status !== 0 || !/Successfully imported/i.test(imported.output)) {
		fail(`${where}: import of the local model credential failed (exit ${imported.status}):\n${imported.output.slice(-1500)}`);
		return undefined;
	}
	const res = o.n8n(['execute', `--id=${t.id}`, '--rawOutput'], path.join(dir, `execute-${t.name}.log`));
	let run;
	try {
		run = o.parseExecuteOutput(res.output);
	} catch (error) {
		fail(`${where}: exit ${res.status}${res.signal ? ` (${res.signal})` : ''}, ${/** @type {Error} */ (error).message}`);
		return undefined;
	}
	const resultData = run.data?.resultData ?? {};
	if (run.status && run.status !== 'success') fail(`${where}: execution ended ${run.status}`);
	if (resultData.error) fail(`${where}: ${resultData.error.message ?? JSON.stringify(resultData.error)}`);
	return { res, runData: resultData.runData ?? {} };
}

/**
 * What every model-driven template must show at the server: chat requests came, from the OpenAI SDK,
 * naming the sub-nodes' model, and none was refused. Returns the chat requests.
 * @param {{ template: any, where: string, dir: string, fail: (msg: string) => void }} o @param {any[]} requests
 */
function checkModelRequests(o, requests) {
	const { where, fail } = o;
	const chat = requests.filter((r) => r.path === '/v1/chat/completions');
	const refused = requests.filter((r) => r.status !== undefined && r.status >= 400);
	for (const r of refused.slice(0, 3)) fail(`${where}: the local server refused ${r.method} ${r.path} with ${r.status} (${r.errorMessage}): ${JSON.stringify(r.body).slice(0, 300)}`);
	// Kept with the run's other files (JOURNEY_ADS_E2E_KEEP=1 keeps them) for a look afterwards.
	fs.writeFileSync(path.join(o.dir, `model-requests-${o.template.name}.json`), JSON.stringify(requests, null, 1));
	if (!chat.length) fail(`${where}: the local model server received no chat completion request`);
	for (const r of chat) {
		if (!/openai/i.test(String(r.headers['user-agent'] ?? ''))) fail(`${where}: a chat request did not come from the OpenAI SDK (user-agent ${r.headers['user-agent']})`);
	}
	const models = new Set(o.template.workflow.nodes.filter((/** @type {any} */ n) => n.credentials?.openAiApi && !n.disabled).map((/** @type {any} */ n) => n.parameters?.model?.value));
	if (chat.some((r) => !models.has(r.body?.model))) fail(`${where}: a chat request named another model than the sub-nodes' ${[...models].join(', ')}`);
	return chat;
}

/** Text content of a chat message (string or parts). */
const textOf = (/** @type {any} */ m) => (typeof m?.content === 'string' ? m.content : Array.isArray(m?.content) ? m.content.map((/** @type {any} */ p) => p.text ?? '').join('') : '');

/**
 * @param {{ template: any, where: string, dir: string,
 *   n8n: (args: string[], logFile: string) => { status: number | null, signal: NodeJS.Signals | null, output: string },
 *   parseExecuteOutput: (stdout: string) => any,
 *   checkEveryNodeRan: (workflow: any, runData: Record<string, any[]>, where: string) => void,
 *   fail: (msg: string) => void, log: (msg: string) => void }} o
 */
async function checkChatModelTemplate(o) {
	const { template: t, where, dir, fail } = o;
	const nodes = /** @type {any[]} */ (t.workflow.nodes);
	const adNode = nodes.find((n) => n.type.endsWith('.adGenerator'));
	const personaNode = nodes.find((n) => n.type.endsWith('.personaBuilder'));
	const modelNodes = nodes.filter((n) => n.credentials?.openAiApi && !n.disabled);
	const server = await startServerChild({ kind: 'pipeline', brief: briefOf(adNode?.parameters ?? {}) });
	try {
		const executed = executeWithLocalModel(o, server);
		if (!executed) return;
		const { res, runData } = executed;
		o.checkEveryNodeRan({ ...t.workflow, nodes: nodes.filter((n) => !modelNodes.includes(n)) }, runData, where);

		const requests = await server.requests();
		const chat = checkModelRequests(o, requests);
		for (const r of chat) {
			if (r.body?.response_format?.type !== 'json_schema') fail(`${where}: a chat request asked for ${JSON.stringify(r.body?.response_format ?? 'no response_format')}, not json_schema structured output`);
		}
		const modelName = modelNodes[0]?.parameters?.model?.value;

		const out = (/** @type {string} */ name, /** @type {number} */ index) => (runData[name]?.at(-1)?.data?.main?.[index] ?? []).map((/** @type {any} */ i) => i.json);
		const personas = personaNode ? out(personaNode.name, 0) : [];
		const ads = adNode ? out(adNode.name, 0) : [];
		for (const p of personas) {
			if (p.llmError) fail(`${where}: persona ${p.personaId} fell back: ${p.llmError}`);
			if (p.generator !== `llm:${modelName}`) fail(`${where}: persona ${p.personaId} has generator ${p.generator}, not llm:${modelName}`);
			if (!String(p.summary).includes(MODEL_MARK)) fail(`${where}: persona ${p.personaId}'s summary is not the model's`);
		}
		for (const v of ads) {
			if (v.llmError) fail(`${where}: ad ${v.adId ?? v.id} fell back: ${v.llmError}`);
			if (!String(v.generator).includes(String(modelName))) fail(`${where}: ad ${v.adId ?? v.id} has generator ${v.generator}`);
			if (!String(v.imagePrompt ?? '').includes(MODEL_MARK)) fail(`${where}: ad ${v.adId ?? v.id}'s image prompt is not the model's`);
		}
		const channels = adNode?.parameters?.channels?.length ?? 0;
		const personaCalls = chat.filter((r) => r.body?.response_format?.json_schema?.name && !String(r.body.response_format.json_schema.name).startsWith('ad_variants_')).length;
		const adCalls = chat.length - personaCalls;
		if (personaCalls !== personas.length) fail(`${where}: ${personaCalls} persona call(s) for ${personas.length} persona(s)`);
		if (adCalls !== personas.length * channels) fail(`${where}: ${adCalls} ad call(s) for ${personas.length} persona(s) x ${channels} channel(s)`);
		const strict = chat.filter((r) => r.body?.response_format?.json_schema?.strict === true).length;
		o.log(
			`${where}: executed (exit ${res.status}) with the OpenAI Chat Model on the local server: ${chat.length} chat request(s) (${strict} strict json_schema), ${personas.length} model-written persona(s), ${ads.length} model-written ad(s)`,
		);
	} finally {
		await server.close();
	}
}

// Before serving: the agent's stand-in model (./agent) requires this module's exports.
module.exports = { checkChatModelTemplate, startServerChild, executeWithLocalModel, checkModelRequests, textOf };

if (require.main === module && process.argv.includes('--serve')) {
	serve().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

