import { deploymentNames, gateAd, MAX_NAME_LENGTH, namePart, parseDeploymentName } from '../../../lib/deploy';
import { ad } from './fixtures';

describe('deterministic deployment names', () => {
	it('names the campaign and ad group by segment and channel, the ad by segment, channel and ad id', () => {
		expect(deploymentNames({ adId: 'ad_1', segmentId: 'seg-2', channel: 'google_search' })).toEqual({
			campaign: 'JA | seg-2 | google_search',
			adGroup: 'JA | seg-2 | google_search',
			ad: 'JA | seg-2 | google_search | ad_1',
		});
	});

	it('gives the same names on every run and different ad names to different ads', () => {
		const a = deploymentNames(ad({ adId: 'ad_a' }));
		expect(deploymentNames(ad({ adId: 'ad_a' }))).toEqual(a);
		expect(deploymentNames(ad({ adId: 'ad_b' })).ad).not.toBe(a.ad);
		expect(deploymentNames(ad({ adId: 'ad_b' })).campaign).toBe(a.campaign);
	});

	it('keeps the separator and line breaks out of the parts, so a name always splits back', () => {
		expect(namePart(' a | b\nc\t d ', 'segment id')).toBe('a - b-c- d');
		const names = deploymentNames({ adId: 'x|y', segmentId: 'seg|1', channel: 'email' });
		expect(parseDeploymentName(names.ad)).toEqual({ segment: 'seg-1', channel: 'email', adId: 'x-y' });
		expect(parseDeploymentName(names.campaign)).toEqual({ segment: 'seg-1', channel: 'email' });
	});

	it('recognises only its own names', () => {
		expect(parseDeploymentName('Spring sale | search')).toBeNull();
		expect(parseDeploymentName('JA | only-one')).toBeNull();
		expect(parseDeploymentName('JA |  | email')).toBeNull();
	});

	it('refuses empty parts and names longer than the platforms allow, saying which', () => {
		expect(() => deploymentNames({ adId: ' ', segmentId: 's', channel: 'email' })).toThrow(/ad id is empty/);
		const long = 'x'.repeat(MAX_NAME_LENGTH);
		expect(() => deploymentNames({ adId: 'a', segmentId: long, channel: 'email' })).toThrow(new RegExp(`at most ${MAX_NAME_LENGTH}`));
	});
});

describe('the approval and verdict gate', () => {
	const audit = (verdict: 'pass' | 'review' | 'block') => ({
		verdict,
		findings: [{ rule: 'protected-attribute-targeting', severity: 'critical' as const, message: 'targets by age', evidence: 'over 50' }],
		ruleVersion: 'r1',
		specialAdCategories: [],
		explanation: '',
	});

	it('admits an approved ad when approval is required', () => {
		expect(gateAd(ad(), { approved: true, requireApproval: true })).toEqual({ admit: true });
	});

	it('skips an unapproved ad while approval is required, and admits it once the requirement is off', () => {
		const d = gateAd(ad(), { approved: false, requireApproval: true });
		expect(d).toMatchObject({ admit: false, status: 'skipped', reason: 'notApproved' });
		expect(gateAd(ad(), { approved: false, requireApproval: false })).toEqual({ admit: true });
	});

	it('always refuses an ad the auditor blocked, approved or not, with the finding in the reason', () => {
		for (const approved of [true, false]) {
			for (const requireApproval of [true, false]) {
				const d = gateAd(ad({ audit: audit('block') }), { approved, requireApproval });
				expect(d).toMatchObject({ admit: false, status: 'skipped', reason: 'blocked' });
				expect(d.admit === false && d.message).toMatch(/blocked.*protected-attribute-targeting: targets by age/);
			}
		}
	});

	it("keeps a long finding's gist in the reason, cut at a word", () => {
		const long = { ...audit('block'), findings: [{ rule: 'fairness.disparateImpact', severity: 'warning' as const, message: `${'selected at a lower rate '.repeat(20)}end`, evidence: '' }] };
		const d = gateAd(ad({ audit: long }), { approved: true, requireApproval: true });
		const message = d.admit === false ? d.message : '';
		expect(message).toMatch(/\(fairness\.disparateImpact: (selected at a lower rate ){6}selected…\)/);
		expect(message.length).toBeLessThan(300);
	});

	it('needs an approval for an ad sent for review, even with the requirement off', () => {
		expect(gateAd(ad({ audit: audit('review') }), { approved: false, requireApproval: false })).toMatchObject({ admit: false, reason: 'needsReview' });
		expect(gateAd(ad({ audit: audit('review') }), { approved: true, requireApproval: true })).toEqual({ admit: true });
		expect(gateAd(ad({ audit: audit('pass') }), { approved: false, requireApproval: false })).toEqual({ admit: true });
	});

	it('refuses an ad that breaks its format rules, naming the field', () => {
		const bad = ad({ validation: { ok: false, issues: [{ field: 'headlines.0', rule: 'maxLength', message: 'is 31 characters, over 30' }] } });
		const d = gateAd(bad, { approved: true, requireApproval: true });
		expect(d).toMatchObject({ admit: false, status: 'failed', reason: 'invalid' });
		expect(d.admit === false && d.message).toMatch(/headlines\.0: is 31 characters/);
	});

	it('refuses an "Approved" value that is not a boolean (a mistyped expression), instead of guessing', () => {
		expect(() => gateAd(ad(), { approved: 'yes' as unknown as boolean, requireApproval: true })).toThrow(/"Approved" must be true or false, got "yes"/);
	});
});
