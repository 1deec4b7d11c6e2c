// @ts-check
/**
 * Opens a local HTML file in a real headless Chromium (Debian's package, driven by playwright-core;
 * no browser is downloaded) and reports what a reader would meet: console messages and page errors,
 * every request the page made, the sections as laid out, and a full-page screenshot with its pixel
 * statistics. Plain JS because it needs Node built-ins (see engine.js).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function requireChromium() {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`Chromium is not installed at ${CHROMIUM}: run \`bash scripts/install-system-deps.sh\` (it installs Debian's chromium package), or point CHROMIUM_PATH at a Chromium.`,
		);
	}
	return CHROMIUM;
}

/**
 * Pixel statistics of a PNG, decoded by the browser itself onto a canvas.
 * @param {import('playwright-core').Page} page
 * @param {Buffer} png
 */
async function pngStats(page, png) {
	return await page.evaluate(async (dataUrl) => {
		const img = new Image();
		img.src = dataUrl;
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = img.naturalWidth;
		canvas.height = img.naturalHeight;
		const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
		ctx.drawImage(img, 0, 0);
		const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
		let n = 0;
		let sum = 0;
		let sumSq = 0;
		/** @type {Set<number>} */
		const colours = new Set();
		for (let i = 0; i < data.length; i += 4) {
			const lum = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
			n++;
			sum += lum;
			sumSq += lum * lum;
			if (colours.size < 4096) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
		}
		const mean = sum / n;
		return { width: canvas.width, height: canvas.height, meanLuminance: mean, luminanceVariance: sumSq / n - mean * mean, distinctColours: colours.size };
	}, `data:image/png;base64,${png.toString('base64')}`);
}

/**
 * Starts Chromium with a new empty profile.
 * @param {{ width?: number, height?: number, offline?: boolean }} [options]
 */
async function launchBrowser(options = {}) {
	const executablePath = requireChromium();
	const { chromium } = require('playwright-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-ads-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
		offline: options.offline ?? false,
	});
	const close = async () => {
		await context.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	};
	return { context, close };
}

/**
 * @param {string} htmlFile
 * @param {{ screenshotPath?: string, width?: number, height?: number }} [options]
 */
async function inspectPage(htmlFile, options = {}) {
	const { context, close } = await launchBrowser({ ...options, offline: true });
	try {
		const page = await context.newPage();
		/** @type {Array<{ type: string, text: string }>} */
		const console = [];
		/** @type {string[]} */
		const pageErrors = [];
		/** @type {string[]} */
		const requests = [];
		/** @type {string[]} */
		const failedRequests = [];
		page.on('console', (m) => console.push({ type: m.type(), text: m.text() }));
		page.on('pageerror', (e) => pageErrors.push(String(e)));
		page.on('request', (r) => requests.push(r.url()));
		page.on('requestfailed', (r) => failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`));

		const url = pathToFileURL(path.resolve(htmlFile)).href;
		await page.goto(url, { waitUntil: 'load' });
		const title = await page.title();
		const sections = await page.$$eval('main > section', (els) =>
			els.map((el) => {
				const box = el.getBoundingClientRect();
				const svgs = [...el.querySelectorAll('svg')].map((s) => s.getBoundingClientRect());
				return {
					heading: el.querySelector('h2')?.textContent?.trim() ?? null,
					width: box.width,
					height: box.height,
					visible: getComputedStyle(el).visibility !== 'hidden' && getComputedStyle(el).display !== 'none',
					textLength: (el.textContent ?? '').trim().length,
					svgCount: svgs.length,
					emptySvgs: svgs.filter((b) => b.width < 1 || b.height < 1).length,
				};
			}),
		);
		const screenshot = await page.screenshot({ fullPage: true, type: 'png' });
		if (options.screenshotPath) fs.writeFileSync(options.screenshotPath, screenshot);
		// Decode the screenshot in a blank page of its own, so the report's DOM is left as it was.
		const scratch = await context.newPage();
		const pixels = await pngStats(scratch, screenshot);
		return { url, title, console, pageErrors, requests, failedRequests, sections, pixels, browserVersion: context.browser()?.version() ?? null };
	} finally {
		await close();
	}
}

module.exports = { inspectPage, launchBrowser, requireChromium, CHROMIUM_FLAGS };
