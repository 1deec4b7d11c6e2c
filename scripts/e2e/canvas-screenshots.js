// @ts-check
// Screenshots of each imported template's canvas in a real n8n editor: starts `n8n start` on
// loopback, sets up the instance owner through n8n's REST API (what the first-visit form does),
// opens each workflow in headless Chromium with that session and saves the canvas. Also checks
// that the editor drew every node of the template.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { launchBrowser } = require('../../test/support/browser');

/** @param {number} ms */
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until n8n's REST API answers (its health check answers earlier, before the API is mounted).
 * @param {string} url @param {number} timeoutMs
 */
async function waitForApi(url, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			const res = await fetch(url);
			if (res.ok && (res.headers.get('content-type') ?? '').includes('json')) return;
		} catch {
			// not listening yet
		}
		await wait(1000);
	}
	throw new Error(`n8n did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * @param {{ home: string, env: NodeJS.ProcessEnv, logFile: string, outDir: string,
 *   templates: Array<{ name: string, id: string, workflow: any }> }} options
 * @returns {Promise<{ shots: string[], problems: string[] }>}
 */
async function canvasScreenshots({ home, env, logFile, outDir, templates }) {
	fs.mkdirSync(outDir, { recursive: true });
	const base = `http://127.0.0.1:${env.N8N_PORT}`;
	const out = fs.openSync(logFile, 'w');
	const child = spawn('bash', ['-c', 'source "$0/env.sh" && exec node "$N8N_BIN" start', home], {
		env: { ...env, N8N_SECURE_COOKIE: 'false' },
		stdio: ['ignore', out, out],
	});
	/** @type {string[]} */
	const problems = [];
	/** @type {string[]} */
	const shots = [];
	try {
		await waitForApi(`${base}/rest/settings`, 180_000);
		const owner = { email: 'owner@example.com', firstName: 'Journey', lastName: 'Ads', password: 'E2e-owner-password-1' };
		/** @param {string} route @param {object} body */
		const post = (route, body) =>
			fetch(`${base}/rest/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		let session = await post('owner/setup', owner);
		if (session.status === 400) {
			// The owner exists already (a kept user folder): log in instead. 1.x reads `email`, 2.x the other.
			session = await post('login', { email: owner.email, emailOrLdapLoginId: owner.email, password: owner.password });
		}
		if (!session.ok) throw new Error(`signing in answered ${session.status}: ${(await session.text()).slice(0, 300)}`);
		const cookie = (session.headers.get('set-cookie') ?? '').match(/n8n-auth=([^;]+)/)?.[1];
		if (!cookie) throw new Error('signing in set no n8n-auth cookie');

		const { context, close } = await launchBrowser({ width: 1600, height: 900 });
		try {
			await context.addCookies([{ name: 'n8n-auth', value: cookie, url: base }]);
			// Only the local n8n: anything else the editor asks for is refused.
			await context.route('**/*', (route) =>
				route.request().url().startsWith(base) || route.request().url().startsWith('data:') ? route.continue() : route.abort(),
			);
			const page = await context.newPage();
			for (const t of templates) {
				try {
					await page.goto(`${base}/workflow/${t.id}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
					await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 120_000 });
					await wait(1500);
					// Sticky notes are drawn as notes, every other node as a canvas node.
					const expected = t.workflow.nodes.filter((/** @type {any} */ n) => n.type !== 'n8n-nodes-base.stickyNote').length;
					const drawn = await page.locator('[data-test-id="canvas-node"]').count();
					if (drawn < expected) problems.push(`${t.name}: the editor drew ${drawn} of ${expected} nodes`);
					const file = path.join(outDir, `${t.name}.png`);
					await page.screenshot({ path: file });
					shots.push(file);
				} catch (error) {
					// What the editor showed instead, for whoever reads the failure.
					await page.screenshot({ path: path.join(path.dirname(logFile), `${t.name}-failed.png`) }).catch(() => undefined);
					problems.push(`${t.name}: ${/** @type {Error} */ (error).message.split('\n')[0]}`);
				}
			}
		} finally {
			await close();
		}
	} catch (error) {
		problems.push(/** @type {Error} */ (error).message);
	} finally {
		child.kill('SIGTERM');
		await new Promise((resolve) => {
			if (child.exitCode !== null) resolve(undefined);
			else child.once('exit', resolve);
		});
		fs.closeSync(out);
	}
	return { shots, problems };
}

module.exports = { canvasScreenshots };
