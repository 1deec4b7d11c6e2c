import pkg from '../../package.json';
import { distExists, loadWithN8nLoader, packedFiles } from '../support/package-check';

describe('the built package as n8n loads it', () => {
	beforeAll(() => {
		if (!distExists()) throw new Error('dist/ is missing: `npm test` builds first; run `npm run build`.');
	});

	it('loads every listed node through n8n-core PackageDirectoryLoader with light and dark icons and a codex', async () => {
		const loaded = await loadWithN8nLoader();
		expect(loaded.packageName).toBe('n8n-nodes-journey-ads');
		expect(loaded.nodes).toHaveLength(pkg.n8n.nodes.length);
		for (const node of loaded.nodes) {
			expect({ node: node.name, icons: node.iconFilesExist }).toEqual({ node: node.name, icons: true });
			expect(node.usableAsTool).toBe(true);
			expect(node.codexCategories.length).toBeGreaterThan(0);
		}
	});

	it('loads every listed credential with a test: an HTTP test request signed by authenticate or OAuth2, or a node credentialTest', async () => {
		const loaded = await loadWithN8nLoader();
		expect(loaded.credentials).toHaveLength(pkg.n8n.credentials.length);
		for (const credential of loaded.credentials) {
			expect({ name: credential.name, hasTest: credential.hasTest }).toEqual({ name: credential.name, hasTest: true });
			// an HTTP credential is tested by a request n8n signs with its authenticate (or, for OAuth2,
			// with the token); a secret that signs nothing (the privacy key) is tested by a node's
			// credentialTest method instead
			if (credential.httpTest)
				expect({ name: credential.name, signed: credential.hasAuthenticate || credential.oauth2 }).toEqual({ name: credential.name, signed: true });
			else expect({ name: credential.name, testedByNode: credential.testedByNode }).toEqual({ name: credential.name, testedByNode: true });
			expect(credential.iconLight).toBeDefined();
		}
		const byName = new Map(loaded.credentials.map((c) => [c.name, c]));
		expect(byName.get('journeyAdsLlmApi')).toMatchObject({ httpTest: true, hasAuthenticate: true, testedByNode: false });
		expect(byName.get('journeyAdsPrivacyApi')).toMatchObject({ httpTest: false, hasAuthenticate: false, testedByNode: true });
	});

	it('publishes only dist, the README, the license and package.json', () => {
		const files = packedFiles();
		const outside = files.filter(
			(f) => !f.startsWith('dist/') && !['README.md', 'LICENSE.md', 'package.json'].includes(f),
		);
		expect(outside).toEqual([]);
		expect(files).toContain('dist/templates/quickstart.json');
		// every node and credential n8n will load is in the tarball, with its codex where it has one
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(file);
		for (const file of pkg.n8n.nodes) expect(files).toContain(file.replace(/\.js$/, '.json'));
		expect(files.some((f) => f.startsWith('dist/test') || f.startsWith('dist/scripts'))).toBe(false);
	});

	it('declares no runtime dependencies and only n8n-workflow as a peer, as n8n Cloud requires', () => {
		expect((pkg as { dependencies?: Record<string, string> }).dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toEqual(['dist']);
	});
});
