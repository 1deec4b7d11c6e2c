// Runs the Ad Deployer alone for Performance → Get and returns its rows; the run must succeed.
// Plain CommonJS: tests import it.
'use strict';

/**
 * @param {{ runWorkflow: Function }} engine
 * @param {object} node the Ad Deployer node with its performance parameters
 * @param {object} credentials
 */
async function performanceRows(engine, node, credentials) {
	const run = await engine.runWorkflow({ name: 'perf', nodes: [node], connections: {} }, { credentials });
	if (run.error) throw run.error;
	return run.outputs[node.name][0].map((i) => i.json);
}

module.exports = { performanceRows };
