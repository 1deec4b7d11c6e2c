// @ts-check
// Screenshots of each imported template's canvas in a real n8n editor: starts `n8n start` on
// loopback, sets up the instance owner through n8n's REST API (what the first-visit form does),
// opens each workflow in headless Chromium with that session and saves the canvas. Also checks
// that the editor drew every node of the template.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { launchBrowser } = require('../../test/support/browser');

/** The n8n line whose pictures carry the plain names (the README shows them first). */
const CURRENT_MAJOR = 2;

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
 * The file a template's canvas is saved as: `<template>.png` from the current line (n8n 2.x),
 * `<template>.n8n-<major>.png` from an older line, so both lines' pictures sit side by side.
 * @param {string} template @param {string} version
 */
function screenshotName(template, version) {
	const major = Number(version.split('.')[0]);
	return major >= CURRENT_MAJOR ? `${template}.png` : `${template}.n8n-${major}.png`;
}

/**
 * Waits until every node on the canvas shows its icon (an image loaded, or an inline SVG): the
 * editor draws a node's box before it has the node types, and an early screenshot shows empty boxes.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<boolean>} false when some icon was still missing after 30 s
 */
async function iconsDrawn(page) {
	try {
		await page.waitForFunction(
			() =>
				[...document.querySelectorAll('[data-test-id="canvas-node"]')].every((node) => {
					const icon = node.querySelector('.n8n-node-icon img, .n8n-node-icon svg');
					return icon !== null && (!(icon instanceof HTMLImageElement) || (icon.complete && icon.naturalWidth > 0));
				}),
			undefined,
			{ timeout: 30_000, polling: 500 },
		);
		return true;
	} catch {
		return false;
	}
}

/**
 * Fits the canvas to every node and sticky note (the editor's own "Zoom to fit" button, as a user
 * would press it; the editor opens a workflow at its saved zoom, which may cut nodes off), then
 * zooms out while anything is still outside the visible canvas, up to three times.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>} the names of nodes and notes still (partly) outside the canvas
 */
async function fitCanvas(page) {
	await page.locator('[data-test-id="zoom-to-fit"]').click();
	for (let attempt = 0; ; attempt++) {
		await wait(1000); // the editor animates the zoom
		const outside = await page.evaluate(() => {
			const pane = document.querySelector('.vue-flow');
			if (!pane) return ['(no canvas)'];
			const view = pane.getBoundingClientRect();
			// What covers the canvas's edges: the header above, the logs bar below.
			const logs = document.querySelector('[data-test-id="logs-panel"], #logs-panel');
			const bottom = Math.min(view.bottom, logs ? logs.getBoundingClientRect().top : view.bottom);
			return [...document.querySelectorAll('.vue-flow__node')]
				.filter((el) => {
					const r = el.getBoundingClientRect();
					return r.left < view.left || r.top < view.top || r.right > view.right || r.bottom > bottom;
				})
				.map((el) => el.querySelector('[data-test-id="canvas-node"]')?.getAttribute('data-node-name') ?? el.getAttribute('data-id') ?? '?');
		});
		if (outside.length === 0 || attempt === 3) {
			// Off the buttons, so that no tooltip ("Zoom to Fit") is in the picture.
			await page.mouse.move(10, 450);
			await wait(500);
			return outside;
		}
		await page.locator('[data-test-id="zoom-out-button"]').click();
	}
}

/**
 * @param {{ home: string, env: NodeJS.ProcessEnv, logFile: string, outDir: string, version: string,
 *   templates: Array<{ name: string, id: string, workflow: any }> }} options
 * @returns {Promise<{ shots: string[], problems: string[] }>}
 */
async function canvasScreenshots({ home, env, logFile, outDir, version, templates }) {
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
					if (!(await iconsDrawn(page))) problems.push(`${t.name}: some node icons were not drawn after 30 s`);
					const cut = await fitCanvas(page);
					if (cut.length) problems.push(`${t.name}: after zoom to fit, still outside the canvas: ${cut.join(', ')}`);
					const file = path.join(outDir, screenshotName(t.name, version));
					await page.screenshot({ path: file });
					shots.push(file);
				} catch (error) {
					// What the editor showed instead, for whoever reads the failure.
					await page.screenshot({ path: path.join(path.dirname(logFile), `${t.name}-${version}-failed.png`) }).catch(() => undefined);
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

module.exports = { canvasScreenshots, screenshotName };
