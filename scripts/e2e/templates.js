// @ts-check
// Which templates the e2e executes, decided from each template's content so that the answer stays
// true as templates are added: a template is executed when it needs nothing outside the machine,
// i.e. no node holds credentials, every node is one of this package's or one of n8n's own nodes
// that only reshape data, and it starts from a Manual Trigger. Every template is imported either way.
// One outside need is met on the machine: n8n's own OpenAI Chat Model sub-node with an OpenAI
// credential is pointed at a local OpenAI-compatible server, so a template whose only outside need
// is a model (`modelServer`) is executed too, against that server (scripts/e2e/chat-model.js), and
// so is one whose model drives an n8n AI Agent with this package's nodes as tools (`agent`,
// scripts/e2e/agent.js).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;

/** n8n's own nodes that make no network call and need no service. */
const LOCAL_BASE_NODES = new Set(
	[
		'manualTrigger',
		'stickyNote',
		'noOp',
		'set',
		'merge',
		'if',
		'filter',
		'switch',
		'splitOut',
		'aggregate',
		'sort',
		'limit',
		'removeDuplicates',
		'summarize',
		'renameKeys',
		'dateTime',
		'splitInBatches',
	].map((t) => `n8n-nodes-base.${t}`),
);

/** n8n's OpenAI Chat Model: its OpenAI credential can name a local OpenAI-compatible server. */
const CHAT_MODEL_NODE = '@n8n/n8n-nodes-langchain.lmChatOpenAi';

/**
 * n8n's AI Agent: it calls nothing outside by itself, only its sub-nodes do (its Chat Model, checked
 * like any node, and its tools, which must be this package's nodes). A template with an agent is
 * checked by scripts/e2e/agent.js.
 */
const AGENT_NODE = '@n8n/n8n-nodes-langchain.agent';

/** @param {any} node true for an OpenAI Chat Model whose only credential is an OpenAI one */
function isLocalModelNode(node) {
	return node.type === CHAT_MODEL_NODE && Object.keys(node.credentials ?? {}).join(',') === 'openAiApi';
}

/** @param {any} node */
function isNote(node) {
	return node.type === 'n8n-nodes-base.stickyNote';
}

/**
 * @param {any} workflow
 * @returns {string[]} why the template cannot run offline (empty: it can)
 */
function needsOutside(workflow) {
	/** @type {string[]} */
	const reasons = [];
	for (const node of workflow.nodes) {
		if (node.disabled || isLocalModelNode(node)) continue;
		if (node.credentials && Object.keys(node.credentials).length) {
			reasons.push(`"${node.name}" uses credentials (${Object.keys(node.credentials).join(', ')})`);
		} else if (!node.type.startsWith(`${PACKAGE_NAME}.`) && !LOCAL_BASE_NODES.has(node.type) && node.type !== AGENT_NODE) {
			reasons.push(`"${node.name}" is ${node.type}`);
		}
	}
	if (!workflow.nodes.some((/** @type {any} */ n) => n.type === 'n8n-nodes-base.manualTrigger' && !n.disabled)) {
		reasons.push('no Manual Trigger to start it');
	}
	return reasons;
}

/** Every template in templates/, with a stable workflow id for `n8n import:workflow`. */
function listTemplates() {
	const dir = path.join(ROOT, 'templates');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			const base = path.basename(file, '.json');
			// n8n ids are at most 16 characters of [A-Za-z0-9].
			const id = `e2e${base.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 16);
			const outside = needsOutside(workflow);
			const modelServer = workflow.nodes.some((/** @type {any} */ n) => !n.disabled && isLocalModelNode(n));
			const agent = workflow.nodes.some((/** @type {any} */ n) => !n.disabled && n.type === AGENT_NODE);
			return { file: `templates/${file}`, name: base, id, workflow, execute: outside.length === 0, outside, modelServer, agent };
		});
}

module.exports = { listTemplates, isNote, isLocalModelNode, PACKAGE_NAME, ROOT };
