// @ts-check
// The e2e of a template in which n8n's AI Agent uses this package's nodes as tools
// (templates/ai-agent-targeting.json): n8n's own OpenAI Chat Model sub-nodes talk to the local
// OpenAI-compatible server (test/support/openai-server.js, strict about the tool-calling protocol),
// where a scripted stand-in model plays the agents:
//  - a request with `tools` (the Audience Scout, once per persona): first it calls the drafting tool
//    for the audience's first preferred channel with a tone argument (the tool's `$fromAI('tone')`);
//    once the tool's result is in the conversation (a `role: tool` message answering that call), it
//    answers in text, quoting the first draft's ad id and headline from that result;
//  - a request without tools (the Targeting Planner): it picks the largest audience among the
//    evaluations and answers who to target next and with what, quoting that evaluation.
// The check then asserts on the data: the run succeeded; the pipeline nodes ran and produced items;
// our tool nodes really ran as tools (their runs hold ad variants written for the persona the agent
// was looking at, with the tone the model chose); what they produced is exactly what the model
// received in its tool messages; every agent answer is the model's, and the planner's answer is the
// workflow's output; the server refused nothing.
const { checkModelRequests, executeWithLocalModel, startServerChild, textOf } = require('./chat-model');
const { toolCalls } = require('../../test/support/openai-server');

const TONE = 'warm and reassuring';
/** The tool a preferred channel calls for, by the words of the tool's name. */
const TOOL_FOR_CHANNEL = { email: /email/i, paid_search: /search/i, paid_social: /social/i };

/** The ad copy a draft leads with: an e-mail's subject, a search ad's first headline, a feed ad's headline. */
function headlineOf(/** @type {any} */ variant) {
	const f = variant?.fields ?? {};
	return f.subject ?? (Array.isArray(f.headlines) ? f.headlines[0] : undefined) ?? f.headline ?? '';
}

/** The messages after the last user message: the agent's tool calls and their results so far. */
function scratchpad(/** @type {any[]} */ messages) {
	const lastUser = messages.map((m) => m.role).lastIndexOf('user');
	return messages.slice(lastUser + 1);
}

/** The scripted stand-in model for startOpenAiServer. Requests it cannot answer get a 500. */
function agentResponder() {
	return (/** @type {any} */ body) => {
		const user = textOf(body.messages.filter((/** @type {any} */ m) => m.role === 'user').at(-1));
		if (body.tools) {
			const results = scratchpad(body.messages).filter((/** @type {any} */ m) => m.role === 'tool');
			if (!results.length) {
				const preferred = (/Preferred channels: (.*)/.exec(user)?.[1] ?? '').split(',').map((s) => s.trim());
				const names = body.tools.map((/** @type {any} */ t) => t.function.name);
				const pattern = preferred.map((c) => TOOL_FOR_CHANNEL[/** @type {keyof typeof TOOL_FOR_CHANNEL} */ (c)]).find(Boolean) ?? /email/i;
				const name = names.find((/** @type {string} */ n) => pattern.test(n));
				const tool = body.tools.find((/** @type {any} */ t) => t.function.name === name);
				if (!tool?.function.parameters?.properties?.tone) throw new Error(`no drafting tool with a tone parameter among ${names.join(', ')}`);
				return toolCalls([{ name, arguments: { tone: TONE } }]);
			}
			const drafts = JSON.parse(textOf(results.at(-1)));
			const first = Array.isArray(drafts) ? drafts.find((d) => d && d.adId) : undefined;
			if (!first) throw new Error(`the tool result holds no ad variant: ${textOf(results.at(-1)).slice(0, 200)}`);
			const audience = /Audience: (.*) \(/.exec(user)?.[1] ?? 'this audience';
			const size = Number(/, (\d+) customers\)/.exec(user)?.[1] ?? 0);
			const pain = (/Pain points: ([^;\n]*)/.exec(user)?.[1] ?? '').trim();
			const message = (/Key messages: ([^;\n]*)/.exec(user)?.[1] ?? '').trim();
			return [
				`Priority: ${size >= 150 ? 'high' : size >= 100 ? 'medium' : 'low'}: ${audience}, ${size} customers; main pain point: ${pain}`,
				`Channel: ${first.channel}`,
				`Message: ${message}`,
				`Draft to test: "${headlineOf(first)}" (${first.adId})`,
			].join('\n');
		}
		const evaluations = user.split(/\n\n---\n\n/).map((e) => e.replace(/^[\s\S]*?Evaluations, one per audience:\n\n/, ''));
		const sized = evaluations.map((text) => ({ text, size: Number(/, (\d+) customers;/.exec(text)?.[1] ?? -1) })).filter((e) => e.size >= 0);
		if (!sized.length) throw new Error('the planner got no evaluations');
		sized.sort((a, b) => b.size - a.size);
		const [best, ...rest] = sized;
		return [
			`Target next: ${best.text.split('\n')[0].replace(/^Priority: \w+: /, '')}`,
			...best.text.split('\n').slice(1),
			'Then:',
			...rest.map((e) => `- ${e.text.split('\n')[0]}`),
			'The chosen drafts go to the Bias Auditor and approval next; nothing has been launched.',
		].join('\n');
	};
}

/**
 * @param {{ template: any, where: string, dir: string,
 *   n8n: (args: string[], logFile: string) => { status: number | null, signal: NodeJS.Signals | null, output: string },
 *   parseExecuteOutput: (stdout: string) => any,
 *   checkEveryNodeRan: (workflow: any, runData: Record<string, any[]>, where: string) => void,
 *   fail: (msg: string) => void, log: (msg: string) => void }} o
 */
async function checkAgentTemplate(o) {
	const { template: t, where, fail } = o;
	const nodes = /** @type {any[]} */ (t.workflow.nodes);
	const connections = t.workflow.connections;
	/** Nodes connected to another node's input of the given type (sub-nodes). */
	const subNodes = (/** @type {string} */ type) => nodes.filter((n) => connections[n.name]?.[type]?.some((/** @type {any[]} */ out) => out?.length));
	const tools = subNodes('ai_tool');
	const models = subNodes('ai_languageModel');
	const agents = nodes.filter((n) => n.type === '@n8n/n8n-nodes-langchain.agent' && !n.disabled);
	const scout = agents.find((a) => tools.some((tool) => connections[tool.name].ai_tool[0].some((/** @type {any} */ c) => c.node === a.name)));
	const planner = agents.find((a) => a !== scout);
	if (!tools.length || !scout || !planner) {
		fail(`${where}: expected an agent with this package's nodes as tools and a second agent; found tools ${tools.map((n) => n.name).join(', ') || 'none'}`);
		return;
	}
	for (const tool of tools) if (!tool.type.startsWith('n8n-nodes-journey-ads.')) fail(`${where}: the tool "${tool.name}" is not one of this package's nodes (${tool.type})`);

	const server = await startServerChild({ kind: 'agent' });
	try {
		const executed = executeWithLocalModel(o, server);
		if (!executed) return;
		const { res, runData } = executed;
		o.checkEveryNodeRan({ ...t.workflow, nodes: nodes.filter((n) => !tools.includes(n) && !models.includes(n)) }, runData, where);
		const out = (/** @type {string} */ name) => (runData[name]?.at(-1)?.data?.main?.[0] ?? []).map((/** @type {any} */ i) => i.json);
		const personaNode = nodes.find((n) => n.type === 'n8n-nodes-journey-ads.personaBuilder');
		const personas = personaNode ? out(personaNode.name) : [];

		// Our nodes ran as tools: each run got the persona the agent was looking at and the model's tone.
		/** @type {Map<string, any[]>} ad variants per tool call id, as the tool nodes produced them */
		const produced = new Map();
		for (const tool of tools) {
			for (const task of runData[tool.name] ?? []) {
				if (task.error) fail(`${where}: the tool "${tool.name}" failed: ${task.error.message}`);
				const input = task.inputOverride?.ai_tool?.[0]?.[0]?.json ?? {};
				const variants = (task.data?.ai_tool?.[0] ?? []).map((/** @type {any} */ i) => i.json);
				if (input.tone !== TONE) fail(`${where}: "${tool.name}" was called with ${JSON.stringify(input)}, not the model's tone`);
				if (!variants.length || variants.some((/** @type {any} */ v) => v.kind !== 'adVariant' || !v.adId)) {
					fail(`${where}: "${tool.name}" produced no ad variants as a tool: ${JSON.stringify(variants).slice(0, 300)}`);
				}
				const channel = tool.parameters.channels[0];
				if (variants.some((/** @type {any} */ v) => v.channel !== channel || !personas.some((p) => p.personaId === v.personaId))) {
					fail(`${where}: "${tool.name}" wrote for another channel or for no persona of the run`);
				}
				produced.set(variants[0]?.adId ?? `${tool.name}#${produced.size}`, variants);
			}
		}
		const toolRuns = [...produced.values()];
		if (toolRuns.length !== personas.length) fail(`${where}: ${toolRuns.length} tool run(s) for ${personas.length} persona(s): one drafting call per audience expected`);

		const requests = await server.requests();
		const chat = checkModelRequests(o, requests);
		const withTools = chat.filter((r) => r.body?.tools);
		const expectedTools = tools.map((n) => n.name.replace(/[^a-zA-Z0-9_-]+/g, '_')).sort();
		for (const r of withTools) {
			const names = r.body.tools.map((/** @type {any} */ x) => x.function.name).sort();
			if (JSON.stringify(names) !== JSON.stringify(expectedTools)) fail(`${where}: the agent offered the tools ${names.join(', ')}, not ${expectedTools.join(', ')}`);
		}
		// What the tools produced is what the model read in its tool messages.
		const toolMessages = withTools.flatMap((r) => scratchpad(r.body.messages).filter((/** @type {any} */ m) => m.role === 'tool'));
		const seen = new Map(toolMessages.map((m) => [m.tool_call_id, m]));
		for (const variants of toolRuns) {
			const message = [...seen.values()].find((m) => textOf(m).includes(`"${variants[0]?.adId}"`));
			if (!message) {
				fail(`${where}: no tool message carried the drafts ${variants[0]?.adId}`);
				continue;
			}
			const received = JSON.parse(textOf(message));
			const ids = (/** @type {any[]} */ list) => list.map((v) => v.adId).join(',');
			if (ids(received) !== ids(variants) || headlineOf(received[0]) !== headlineOf(variants[0])) fail(`${where}: the model received other drafts than the tool produced (${ids(received)} vs ${ids(variants)})`);
		}

		// The answers are the model's, and the planner's is the workflow's output.
		const answers = out(scout.name).map((j) => String(j.output ?? ''));
		if (answers.length !== personas.length) fail(`${where}: the scout answered ${answers.length} time(s) for ${personas.length} persona(s)`);
		for (const answer of answers) {
			const quoted = /\(([^)\s]+)\)\s*$/.exec(answer)?.[1];
			if (!quoted || !produced.has(quoted)) fail(`${where}: a scout answer quotes no draft a tool wrote: ${answer.slice(0, 200)}`);
		}
		const final = out(planner.name);
		const lastText = chat.filter((r) => !r.body?.tools).at(-1);
		if (final.length !== 1 || !String(final[0]?.output ?? '').startsWith('Target next: ')) fail(`${where}: the planner's output is ${JSON.stringify(final).slice(0, 300)}`);
		if (!lastText) fail(`${where}: the planner made no model request`);
		const biggest = [...personas].sort((a, b) => b.size - a.size)[0];
		if (biggest && !String(final[0]?.output ?? '').includes(biggest.name)) fail(`${where}: the planner's answer does not name the largest audience, ${biggest.name}`);
		o.log(
			`${where}: executed (exit ${res.status}): ${chat.length} chat request(s) (${withTools.length} with tools, ${toolMessages.length} tool message(s)), ${toolRuns.length} tool run(s) of ${tools.map((n) => n.name).join(' / ')}, ${answers.length} scout answer(s); planner: ${String(final[0]?.output ?? '').split('\n')[0]}`,
		);
	} finally {
		await server.close();
	}
}

module.exports = { checkAgentTemplate, agentResponder };
