// @ts-check
/**
 * Checks on the built package the way n8n and npm see it: n8n-core's own PackageDirectoryLoader
 * loads dist/ as a community package, and `npm pack --dry-run` lists what would be published.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

async function loadWithN8nLoader() {
	const { PackageDirectoryLoader } = require('n8n-core');
	const loader = new PackageDirectoryLoader(ROOT);
	await loader.loadAll();
	const nodes = loader.types.nodes.map((/** @type {any} */ d) => {
		const iconUrl = d.iconUrl ?? {};
		/** @param {string | undefined} url */
		const exists = (url) =>
			typeof url === 'string' && fs.existsSync(path.join(ROOT, url.replace(/^icons\/[^/]+\//, '')));
		return {
			name: d.name,
			displayName: d.displayName,
			version: d.version,
			usableAsTool: d.usableAsTool === true,
			iconLight: iconUrl.light,
			iconDark: iconUrl.dark,
			iconFilesExist: exists(iconUrl.light) && exists(iconUrl.dark) && iconUrl.light !== iconUrl.dark,
			codexCategories: d.codex?.categories ?? [],
		};
	});
	// Credentials tested by a node method (`testedBy`) instead of an HTTP `test` request.
	/** @type {Map<string, boolean>} */
	const testedByNode = new Map();
	for (const file of loader.packageJson.n8n.nodes) {
		const mod = require(path.join(ROOT, file));
		const NodeClass = /** @type {any} */ (Object.values(mod)[0]);
		const instance = new NodeClass();
		const versions = instance.nodeVersions ? Object.values(instance.nodeVersions) : [instance];
		for (const version of /** @type {any[]} */ (versions)) {
			for (const c of version.description.credentials ?? []) {
				if (c.testedBy && typeof version.methods?.credentialTest?.[c.testedBy] === 'function') {
					testedByNode.set(c.name, true);
				}
			}
		}
	}
	const credentials = loader.types.credentials.map((/** @type {any} */ c) => ({
		name: c.name,
		hasTest: Boolean(c.test) || testedByNode.has(c.name),
		hasAuthenticate: Boolean(c.authenticate),
		// OAuth2 credentials need no `authenticate`: n8n signs their requests with the token.
		oauth2: (c.extends ?? []).includes('oAuth2Api'),
		httpTest: Boolean(c.test),
		testedByNode: testedByNode.has(c.name),
		iconLight: c.iconUrl?.light,
	}));
	return { packageName: loader.packageName, nodes, credentials, known: Object.keys(loader.known.nodes) };
}

function packedFiles() {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const parsed = JSON.parse(out);
	return parsed[0].files.map((/** @type {any} */ f) => f.path).sort();
}

function distExists() {
	return fs.existsSync(path.join(ROOT, 'dist', 'package.json'));
}

module.exports = { loadWithN8nLoader, packedFiles, distExists };
