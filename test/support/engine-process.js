// @ts-check
/**
 * Runs a workflow through the test engine (engine.js) in a child Node.js process. For n8n nodes
 * whose dependencies jest's module loader cannot load (n8n's Send Email node pulls in an ES-module
 * HTML parser through its Form helpers) while plain Node.js can. The child is this file, forked
 * with `--run`; workflow, options and result travel over IPC as JSON.
 */
'use strict';

const { fork } = require('node:child_process');

if (process.argv.includes('--run')) {
	const { createEngine } = require('./engine');
	process.once('message', async (/** @type {any} */ msg) => {
		/** @type {any} */
		let answer;
		try {
			const run = await createEngine().runWorkflow(msg.workflow, msg.options);
			const error = run.error ? { message: run.error.message, description: run.error.description } : undefined;
			/** @type {Record<string, Array<{ previousNode: string, previousNodeOutput?: number }>>} which node and output fed each node's last run */
			const sources = {};
			for (const [name, tasks] of Object.entries(run.runData)) {
				const last = /** @type {any[]} */ (tasks)[/** @type {any[]} */ (tasks).length - 1];
				sources[name] = (last?.source ?? []).filter(Boolean).map((/** @type {any} */ s) => ({ previousNode: s.previousNode, previousNodeOutput: s.previousNodeOutput }));
			}
			answer = { ok: true, run: { status: run.status, finished: run.finished, error, nodeOrder: run.nodeOrder, outputs: run.outputs, sources } };
		} catch (e) {
			answer = { ok: false, message: e instanceof Error ? e.stack : String(e) };
		}
		// Disconnect only once a large answer (a whole pipeline's outputs) has been written out.
		process.send?.(answer, () => process.disconnect());
	});
}

/**
 * @param {any} workflow the workflow as n8n exports it
 * @param {any} [options] the engine's run options (credentials, startNode, inputItems)
 * @returns {Promise<{ status: string, finished: boolean, error?: { message: string, description?: string }, nodeOrder: string[], outputs: Record<string, any[][]>, sources: Record<string, Array<{ previousNode: string, previousNodeOutput?: number }>> }>}
 */
function runWorkflowInChildProcess(workflow, options = {}) {
	return new Promise((resolve, reject) => {
		const child = fork(__filename, ['--run'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		let settled = false;
		child.once('message', (/** @type {any} */ msg) => {
			settled = true;
			if (msg.ok) resolve(msg.run);
			else reject(new Error(`workflow run in child process failed: ${msg.message}`));
		});
		child.once('error', reject);
		child.once('exit', (code) => {
			if (!settled) reject(new Error(`workflow child process exited with code ${code} before answering`));
		});
		child.send({ workflow, options });
	});
}

module.exports = { runWorkflowInChildProcess };
