// @ts-check
/**
 * Runs an n8n workflow JSON, exactly as n8n exports it, through n8n's real execution engine:
 * n8n-workflow's `Workflow` and n8n-core's `WorkflowExecute`, with this package's node types
 * registered under `n8n-nodes-journey-ads.<name>` (as a real n8n names a community package's
 * nodes), n8n's own nodes from n8n-nodes-base loaded on demand, and credentials supplied by the
 * caller. Only the host services around the engine (credential storage, lifecycle hooks, URLs)
 * are provided here, the way n8n's own node test harness does.
 *
 * Plain CommonJS so that the demo and benchmark scripts can use it too.
 */
require('./n8n-env');
const fs = require('node:fs');
const path = require('node:path');

const { Workflow, ICredentialsHelper, NodeHelpers, createRunExecutionData } = require('n8n-workflow');
const { WorkflowExecute, ExecutionLifecycleHooks, Credentials } = require('n8n-core');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(PACKAGE_ROOT, 'package.json')).name;

/** @param {any} mod */
function firstClass(mod) {
	for (const value of Object.values(mod)) {
		if (typeof value === 'function' && value.prototype) return value;
	}
	throw new Error('module exports no class');
}

/**
 * Loads this package's node and credential classes, listed in package.json's `n8n` section.
 * @param {{ fromSource?: boolean }} [options] fromSource: require the TypeScript sources (under
 * jest's transform) instead of the built `dist/` files.
 */
function loadPackage(options = {}) {
	const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
	/** @param {string} distPath */
	const resolve = (distPath) =>
		options.fromSource
			? path.join(PACKAGE_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'))
			: path.join(PACKAGE_ROOT, distPath);
	/** @type {Record<string, any>} */
	const nodeTypes = {};
	for (const file of pkg.n8n.nodes) {
		const NodeClass = firstClass(require(resolve(file)));
		const instance = new NodeClass();
		nodeTypes[`${PACKAGE_NAME}.${instance.description.name}`] = instance;
	}
	/** @type {Record<string, any>} */
	const credentialTypes = {};
	for (const file of pkg.n8n.credentials) {
		const CredClass = firstClass(require(resolve(file)));
		const instance = new CredClass();
		credentialTypes[instance.name] = instance;
	}
	return { nodeTypes, credentialTypes };
}

/** @type {Map<string, string> | undefined} */
let baseNodeIndex;
/** Finds an n8n-nodes-base node class file by its type name, e.g. `n8n-nodes-base.manualTrigger`. */
function loadBaseNode(/** @type {string} */ type) {
	const short = type.slice('n8n-nodes-base.'.length).toLowerCase();
	if (!baseNodeIndex) {
		baseNodeIndex = new Map();
		const pkgPath = require.resolve('n8n-nodes-base/package.json');
		const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
		for (const file of pkg.n8n.nodes) {
			const base = path.basename(file, '.node.js').toLowerCase();
			if (!baseNodeIndex.has(base)) baseNodeIndex.set(base, path.join(path.dirname(pkgPath), file));
		}
	}
	const file = baseNodeIndex.get(short);
	if (!file) throw new Error(`Unknown n8n node type "${type}"`);
	const NodeClass = firstClass(require(file));
	return new NodeClass();
}

class NodeTypes {
	/** @param {Record<string, any>} types */
	constructor(types) {
		this.types = { ...types };
	}
	/** @param {string} type */
	getByName(type) {
		if (!this.types[type]) {
			if (type.startsWith('n8n-nodes-base.')) this.types[type] = loadBaseNode(type);
			else throw new Error(`Unknown node type "${type}": is it listed in package.json n8n.nodes?`);
		}
		return this.types[type];
	}
	/** @param {string} type @param {number} [version] */
	getByNameAndVersion(type, version) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}
	getKnownTypes() {
		return {};
	}
}

/** Credentials kept in memory by type name; generic `authenticate` resolved by n8n's expressions. */
class CredentialsHelper extends ICredentialsHelper {
	/** @param {Record<string, any>} credentialTypes @param {Record<string, any>} credentials */
	constructor(credentialTypes, credentials) {
		super();
		this.credentialTypes = credentialTypes;
		this.credentials = credentials;
	}
	/** @param {string} type */
	getCredentialsProperties(type) {
		return this.credentialTypes[type]?.properties ?? [];
	}
	/**
	 * @param {any} credentials @param {string} typeName @param {any} requestOptions
	 * @param {any} [workflow] @param {any} [node]
	 */
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const type = this.credentialTypes[typeName];
		if (!type?.authenticate) return requestOptions;
		if (typeof type.authenticate === 'function') return await type.authenticate(credentials, requestOptions);
		if (type.authenticate.type !== 'generic') return requestOptions;
		/** @param {any} value */
		const resolve = (value) =>
			typeof value === 'string' && value.startsWith('=') && workflow && node
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
				: value;
		const out = { ...requestOptions };
		for (const [section, entries] of Object.entries(type.authenticate.properties)) {
			const target = { ...(out[section] ?? {}) };
			for (const [key, value] of Object.entries(/** @type {Record<string, any>} */ (entries))) {
				const resolvedKey = String(resolve(key));
				const resolvedValue = resolve(value);
				if (resolvedKey !== '' && resolvedValue !== '' && resolvedValue !== undefined) target[resolvedKey] = resolvedValue;
			}
			out[section] = target;
		}
		return out;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	/**
	 * The types a credential type extends, transitively (as n8n's own helper answers), so an OAuth2
	 * credential goes through n8n's OAuth2 request signing.
	 * @param {string} type
	 */
	getParentTypes(type) {
		/** @type {string[]} */
		const out = [];
		const visit = (/** @type {string} */ name) => {
			for (const parent of this.credentialTypes[name]?.extends ?? []) {
				if (out.includes(parent)) continue;
				out.push(parent);
				visit(parent);
			}
		};
		visit(type);
		return out;
	}
	isCredentialUsableByNode() {
		return true;
	}
	/** @param {any} _additionalData @param {any} _nodeCredentials @param {string} type */
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		if (!(type in this.credentials)) {
			throw new Error(`No credentials of type "${type}" were given to the test engine`);
		}
		return this.credentials[type];
	}
	async getCredentials() {
		return new Credentials({ id: null, name: '' }, '', '');
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
}

/**
 * @typedef {{ json: Record<string, any>, pairedItem?: any, error?: any }} Item
 * @typedef {{
 *   status: string,
 *   finished: boolean,
 *   error: any,
 *   nodeOrder: string[],
 *   outputs: Record<string, Item[][]>,
 *   runData: Record<string, any[]>,
 *   staticData: Record<string, any>,
 *   ms: number,
 * }} RunResult
 */

/**
 * @param {{ fromSource?: boolean, nodeTypes?: Record<string, any>, credentialTypes?: Record<string, any> }} [options]
 */
function createEngine(options = {}) {
	const loaded =
		options.nodeTypes && options.credentialTypes
			? { nodeTypes: options.nodeTypes, credentialTypes: options.credentialTypes }
			: loadPackage({ fromSource: options.fromSource });
	const nodeTypes = new NodeTypes(loaded.nodeTypes);

	/**
	 * Run a workflow from its manual trigger (or the node named `startNode`).
	 * @param {any} workflowJson the workflow as n8n exports it
	 * @param {{ credentials?: Record<string, any>, startNode?: string, staticData?: Record<string, any>, inputItems?: Item[] }} [runOptions]
	 * @returns {Promise<RunResult>}
	 */
	async function runWorkflow(workflowJson, runOptions = {}) {
		const started = Date.now();
		const data = JSON.parse(JSON.stringify(workflowJson));
		const staticData = runOptions.staticData ?? data.staticData ?? {};
		const workflow = new Workflow({
			id: data.id ?? 'journey-ads-test',
			name: data.name,
			nodes: data.nodes,
			connections: data.connections,
			active: false,
			nodeTypes,
			staticData,
			settings: data.settings ?? { executionOrder: 'v1' },
		});
		const startName =
			runOptions.startNode ??
			data.nodes.find((/** @type {any} */ n) => /manualTrigger$/i.test(n.type))?.name ??
			data.nodes.find((/** @type {any} */ n) => !Object.values(data.connections).some((c) =>
				JSON.stringify(c).includes(`"node":${JSON.stringify(n.name)}`)))?.name;
		const startNode = workflow.getNode(startName);
		if (!startNode) throw new Error(`Workflow has no start node "${startName}"`);

		const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', data);
		/** @type {string[]} */
		const nodeOrder = [];
		hooks.addHandler('nodeExecuteAfter', (/** @type {string} */ nodeName) => {
			nodeOrder.push(nodeName);
		});
		/** @type {(run: any) => void} */
		let finish = () => {};
		const finished = new Promise((resolve) => {
			finish = resolve;
		});
		hooks.addHandler('workflowExecuteAfter', (/** @type {any} */ run) => finish(run));

		const credentialsHelper = new CredentialsHelper(loaded.credentialTypes, runOptions.credentials ?? {});
		const fail = () => {
			throw new Error('not available in the test engine');
		};
		const additionalData = {
			hooks,
			credentialsHelper,
			executionId: 'test-execution',
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			formBaseUrl: 'http://127.0.0.1:5678/form',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
			mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
			variables: {},
			userId: 'test-user',
			workflowId: workflow.id,
			executeWorkflow: fail,
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: fail,
		};

		const runExecutionData = createRunExecutionData({
			// pinned node outputs, as n8n exports them ({ "<node name>": [{ json: ... }] }): those nodes are not run
			resultData: { pinData: data.pinData },
			executionData: {
				nodeExecutionStack: [
					{ node: startNode, data: { main: [runOptions.inputItems ?? [{ json: {} }]] }, source: null },
				],
			},
		});
		const workflowExecute = new WorkflowExecute(/** @type {any} */ (additionalData), 'manual', runExecutionData);
		await workflowExecute.processRunExecutionData(workflow);
		const run = /** @type {any} */ (await finished);

		const runData = run.data.resultData.runData;
		/** @type {Record<string, Item[][]>} */
		const outputs = {};
		for (const [name, tasks] of Object.entries(runData)) {
			const last = /** @type {any[]} */ (tasks)[/** @type {any[]} */ (tasks).length - 1];
			outputs[name] = (last?.data?.main ?? []).map((/** @type {any} */ items) => items ?? []);
		}
		return {
			status: run.status,
			finished: run.finished === true,
			error: run.data.resultData.error,
			nodeOrder,
			outputs,
			runData,
			staticData: workflow.staticData,
			ms: Date.now() - started,
		};
	}

	return { runWorkflow, nodeTypes, credentialTypes: loaded.credentialTypes };
}

/** Reads a workflow JSON file (a template or a test fixture). */
function readWorkflow(/** @type {string} */ file) {
	return JSON.parse(fs.readFileSync(path.resolve(PACKAGE_ROOT, file), 'utf8'));
}

module.exports = { createEngine, loadPackage, readWorkflow, PACKAGE_NAME, PACKAGE_ROOT };
