// @ts-check
/**
 * Runs the local OpenAI-compatible test server in a child process, so that in a benchmark its work
 * does not compete with the client's thread. The child is the calling script itself, started with
 * `--serve`; the parent talks to it over IPC.
 *
 *   if (process.argv.includes('--serve')) serveOverIpc({ responder, latencyMs }, (mode) => faults);
 *   else { const server = await startServerProcess(__filename); await server.call('configure', { mode }); }
 */
const { fork } = require('node:child_process');
const { startOpenAiServer } = require('./openai-server');

/**
 * Child side: start the server and answer `configure` (faults for a mode), `stats` and `close`.
 * @param {import('./openai-server').OpenAiServerOptions} options
 * @param {(mode: string) => import('./openai-server').FaultOptions | null} faultsFor
 */
async function serveOverIpc(options, faultsFor) {
	const send = (/** @type {any} */ msg) => process.send && process.send(msg);
	const server = await startOpenAiServer(options);
	process.on('message', async (/** @type {any} */ msg) => {
		if (msg.type === 'configure') {
			server.setFaults(faultsFor(msg.mode));
			server.reset();
			send({ id: msg.id });
		} else if (msg.type === 'stats') {
			const chat = server.chatRequests;
			send({
				id: msg.id,
				calls: chat.length,
				faultyCalls: chat.filter((r) => r.fault !== null).length,
				maxInFlight: server.maxInFlight,
			});
		} else if (msg.type === 'close') {
			await server.close();
			send({ id: msg.id });
			process.disconnect();
		}
	});
	send({ type: 'ready', baseUrl: server.baseUrl, apiKey: server.apiKey });
}

/**
 * Parent side: fork `script --serve` and resolve once its server listens.
 * @param {string} script
 * @returns {Promise<{ baseUrl: string, apiKey: string, call: (type: string, extra?: object) => Promise<any> }>}
 */
function startServerProcess(script) {
	return new Promise((resolve, reject) => {
		const child = fork(script, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		let nextId = 1;
		/** @type {Map<number, (msg: any) => void>} */
		const pending = new Map();
		child.on('message', (/** @type {any} */ msg) => {
			if (msg.type === 'ready') {
				resolve({
					baseUrl: msg.baseUrl,
					apiKey: msg.apiKey,
					call: (type, extra = {}) =>
						new Promise((res) => {
							const id = nextId++;
							pending.set(id, res);
							child.send({ type, id, ...extra });
						}),
				});
			} else if (pending.has(msg.id)) {
				/** @type {(msg: any) => void} */ (pending.get(msg.id))(msg);
				pending.delete(msg.id);
			}
		});
		child.once('error', reject);
	});
}

module.exports = { serveOverIpc, startServerProcess };
