import type { DeploymentResult } from '../../../lib/contracts';
import { deploymentResult } from '../../../lib/deploy';
import { renderReport } from '../../../lib/report';
import { deploySection } from '../../../lib/report/deploy';

const base = (adId: string, platform: string) => ({ adId, platform, dryRun: true });
const results: DeploymentResult[] = [
	deploymentResult(base('ad_1', 'google_ads'), { status: 'exported', message: 'Written to google-ads-editor.csv', files: ['google-ads-editor.csv'] }),
	deploymentResult(base('ad_2', 'google_ads'), { status: 'exported', message: 'Written to google-ads-editor.csv', files: ['google-ads-editor.csv'] }),
	deploymentResult(base('ad_3', 'meta'), { status: 'skipped', reason: 'blocked', message: 'Refused: the Bias Auditor blocked this ad <b>' }),
	deploymentResult(base('ad_4', 'linkedin'), { status: 'skipped', reason: 'channel', message: 'Skipped: no bulk file for linkedin ads' }),
	deploymentResult(base('ad_5', 'email'), { status: 'failed', reason: 'pii', message: 'Refused: personal data in fields.body (phone)' }),
];
const files = [{ fileName: 'google-ads-editor.csv', platform: 'google_ads', ads: 2, rows: 5, status: 'paused' }];

describe('report: exports and deployments', () => {
	const html = deploySection({ results, files });
	const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

	it('counts every ad by outcome and says a dry run sent nothing', () => {
		expect(text).toContain('5 ads in: 2 exported, 2 skipped, 1 failed; every refusal carries its reason. Dry run: nothing was sent to any platform.');
	});

	it('lists what went out by platform, what did not by reason, and the files', () => {
		expect(text).toMatch(/Google Ads exported 2/);
		expect(text).toMatch(/skipped blocked by the Bias Auditor 1/);
		expect(text).toMatch(/failed holds personal data 1/);
		expect(text).toMatch(/google-ads-editor\.csv Google Ads 2 5 paused/);
	});

	it("shows refusals' messages escaped, but not the plain channel skips", () => {
		expect(html).toContain('the Bias Auditor blocked this ad &lt;b&gt;');
		expect(html).not.toContain('no bulk file for linkedin');
	});

	it('is part of the report when the Deployer ran, and absent when it did not', () => {
		expect(renderReport({ generatedAt: 'now', deployments: { results, files } })).toContain('<h2>7 · Exports and deployments</h2>');
		expect(renderReport({ generatedAt: 'now' })).not.toContain('Exports and deployments');
		expect(deploySection({ results: [] })).toBe('');
	});
});
