import { auditAds, CATEGORY_RESTRICTIONS, COPY_RULES, createCopyChecker, type AuditCustomer } from '../../../lib/audit';
import { generateAds } from '../../../lib/ads';
import type { AdVariant, Segment, Targeting } from '../../../lib/contracts';
import { AD_CHANNELS } from '../../../lib/contracts';
import { BRIEF, NOW, PERSONAS } from '../ads/fixtures';

function ad(adId: string, channel: AdVariant['channel'], fields: AdVariant['fields'], segmentId = 'seg-1'): AdVariant {
	return {
		kind: 'adVariant',
		adId,
		personaId: `persona-${segmentId}`,
		segmentId,
		channel,
		format: 'test',
		fields,
		cta: '',
		finalUrl: 'https://example.com/',
		creativeBrief: '',
		imagePrompt: '',
		angle: 'benefit',
		variantGroup: 'A',
		generator: 'test',
		promptHash: '',
		createdAt: '2026-12-01T00:00:00.000Z',
		validation: { ok: true, issues: [] },
	};
}

const META_OK = ad('m1', 'meta_feed', { primaryText: 'Hand-poured candles in five scents.', headline: 'Shop candles' });
const META_BEST = ad('m2', 'meta_feed', { primaryText: 'The best candles you can buy.', headline: 'Shop candles' });
const META_DEBT = ad('m3', 'meta_feed', { primaryText: 'Are you struggling with debt? Talk to us.', headline: 'Free advice' });
const rulesOf = (a: AdVariant): string[] => a.audit!.findings.map((f) => f.rule);

describe('auditAds: verdicts, explanations and rule-set version', () => {
	it('approves compliant copy, sends a warning to review and blocks a critical finding', () => {
		const { ads, report } = auditAds({ ads: [META_OK, META_BEST, META_DEBT] });
		expect(ads.map((a) => a.audit!.verdict)).toEqual(['pass', 'review', 'block']);
		expect(report.verdicts).toEqual({ pass: 1, review: 1, block: 1 });
		expect(ads[0].audit!.explanation).toMatch(/^Approved: no rule of the set raised a warning or a critical finding\. Rule set audit-rules-2026\.12\+[0-9a-f]{8}\.$/);
		expect(ads[1].audit!.explanation).toContain('Needs review: 1 warning: claims.unverifiedSuperlative (primaryText: "best")');
		expect(ads[2].audit!.explanation).toContain('Blocked: 1 critical finding: personalAttributes.financialHardship');
	});

	it('gives every finding its evidence span, its policy and where the policy is written', () => {
		const f = auditAds({ ads: [META_BEST] }).ads[0].audit!.findings[0] as Record<string, unknown>;
		expect(f).toMatchObject({ rule: 'claims.unverifiedSuperlative', family: 'claims', severity: 'warning', origin: 'rules', span: { field: 'primaryText', start: 4, end: 8, text: 'best' } });
		expect(META_BEST.fields.primaryText.slice(4, 8)).toBe('best');
		expect(f.policy).toMatch(/Misrepresentation/);
		expect(f.source).toMatch(/support\.google\.com/);
		expect(f.suggestion).toBeTruthy();
	});

	it('blocks personal data in the copy without repeating it in the finding', () => {
		const leaked = ad('p1', 'meta_feed', { primaryText: 'Questions? Write to dana.lee@example.com.', headline: 'Shop' });
		const audited = auditAds({ ads: [leaked] }).ads[0].audit!;
		expect(audited.verdict).toBe('block');
		expect(audited.findings).toHaveLength(1);
		expect(audited.findings[0]).toMatchObject({ rule: 'pii.inCopy', evidence: 'primaryText: an email address (d***@example.com)', span: { field: 'primaryText', start: 20, end: 40, text: '[email]' } });
		expect(JSON.stringify(audited)).not.toContain('dana.lee');
	});

	it('is deterministic and leaves its input untouched', () => {
		const input = Object.freeze({ ads: Object.freeze([META_OK, META_BEST, META_DEBT]) });
		const before = JSON.stringify(input);
		const a = auditAds(input);
		const b = auditAds(input);
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
		expect(JSON.stringify(input)).toBe(before);
		expect(META_BEST.audit).toBeUndefined();
	});

	it('changes the rule-set version when a setting changes', () => {
		const a = auditAds({ ads: [META_OK] }).report.ruleVersion;
		const b = auditAds({ ads: [META_OK] }, { disabledRules: ['claims.guarantee'] }).report.ruleVersion;
		expect(a).not.toBe(b);
	});

	it('counts findings per rule in the report', () => {
		const { report } = auditAds({ ads: [META_BEST, META_BEST, META_DEBT] });
		expect(report.byRule).toEqual([
			{ rule: 'claims.unverifiedSuperlative', family: 'claims', findings: 2, ads: 1, overridden: 0 },
			{ rule: 'personalAttributes.financialHardship', family: 'personalAttributes', findings: 1, ads: 1, overridden: 0 },
		]);
	});
});

describe('rule settings: on/off and severities are parameters', () => {
	it('turns a rule or a whole family off', () => {
		expect(auditAds({ ads: [META_BEST] }, { disabledRules: ['claims.unverifiedSuperlative'] }).ads[0].audit!.verdict).toBe('pass');
		expect(auditAds({ ads: [META_DEBT] }, { disabledFamilies: ['personalAttributes'] }).ads[0].audit!.verdict).toBe('pass');
	});

	it('raises or lowers a severity by rule id or by family', () => {
		expect(auditAds({ ads: [META_BEST] }, { severities: { 'claims.unverifiedSuperlative': 'critical' } }).ads[0].audit!.verdict).toBe('block');
		expect(auditAds({ ads: [META_DEBT] }, { severities: { personalAttributes: 'warning' } }).ads[0].audit!.verdict).toBe('review');
		expect(auditAds({ ads: [META_BEST] }, { severities: { claims: 'info' } }).ads[0].audit!.verdict).toBe('pass');
	});

	it('names the rule whose pattern does not compile', () => {
		const bad = [{ ...COPY_RULES[0], id: 'x.bad', patterns: ['(unclosed'] }];
		expect(() => createCopyChecker(bad)).toThrow(/^rule x\.bad: pattern 0 is not a valid regular expression/);
	});
});

describe('overrides: a reviewer clears a finding, and it is recorded on the ad', () => {
	it('clears the named rule on the named ad only, keeping the finding marked with who and why', () => {
		const override = { adId: 'm2', rule: 'claims.unverifiedSuperlative', by: 'jane@brand', why: 'Wirecutter pick, linked on the landing page' };
		const { ads, report } = auditAds({ ads: [META_BEST, { ...META_BEST, adId: 'm2b' }] }, { overrides: [override] });
		expect(ads[0].audit!.verdict).toBe('pass');
		expect(ads[0].audit!.findings[0]).toMatchObject({ rule: 'claims.unverifiedSuperlative', overridden: { by: 'jane@brand', why: 'Wirecutter pick, linked on the landing page' } });
		expect((ads[0].audit as Record<string, unknown>).overrides).toEqual([{ ...override, cleared: 1 }]);
		expect(ads[0].audit!.explanation).toContain('1 finding cleared by a reviewer: claims.unverifiedSuperlative by jane@brand');
		expect(ads[1].audit!.verdict).toBe('review');
		expect(report.overrides).toEqual({ applied: 1, unmatched: [] });
		expect(report.byRule[0]).toMatchObject({ findings: 2, overridden: 1 });
	});

	it('clears a whole family with "*" and reports overrides that matched nothing', () => {
		const { ads, report } = auditAds({ ads: [META_BEST] }, { overrides: [{ adId: '*', rule: 'claims', by: 'legal', why: 'claims checked' }, { adId: 'nope', rule: 'claims', by: 'a', why: 'b' }] });
		expect(ads[0].audit!.verdict).toBe('pass');
		expect(report.overrides.unmatched).toEqual([{ adId: 'nope', rule: 'claims', by: 'a', why: 'b' }]);
	});

	it('refuses an override without who or why', () => {
		expect(() => auditAds({ ads: [META_BEST] }, { overrides: [{ adId: 'm2', rule: 'claims', by: '', why: 'x' }] })).toThrow('override 0: "by" is required (ad id, rule, who and why), got ""');
	});
});

describe('special ad categories', () => {
	const loan = ad('l1', 'meta_feed', { primaryText: 'Personal loans with a clear monthly rate.', headline: 'Check your rate' });
	const loanGoogle = ad('l2', 'google_search', { headlines: ['Personal Loans', 'Clear Monthly Rates', 'Apply Online'], descriptions: ['Personal loans with a clear rate.', 'Decide in minutes.'] });

	it('detects a category from the copy and carries it on the ad for the deployer', () => {
		const { ads, report } = auditAds({ ads: [loan] });
		expect(ads[0].audit!.specialAdCategories).toEqual(['financial_products_services']);
		expect(ads[0].audit!.findings.find((f) => f.rule === 'specialCategory.detected')).toMatchObject({ severity: 'info', evidence: 'primaryText: "Personal loans"' });
		expect(ads[0].audit!.verdict).toBe('pass');
		expect(report.specialCategories).toEqual({ financial_products_services: 1 });
	});

	it('detects a category from the brief and from a declaration', () => {
		const { ads } = auditAds({ ads: [META_OK], brief: { product: 'two-bedroom apartments for rent in Austin', declaredCategories: ['employment'] } });
		expect(ads[0].audit!.specialAdCategories).toEqual(['housing', 'employment']);
	});

	it('does not read home goods or a store\'s hours as housing or employment', () => {
		const { ads } = auditAds({ ads: [ad('h', 'meta_feed', { primaryText: 'Handmade home goods, open late on Fridays.', headline: 'Shop home goods' })], brief: { product: 'handmade home goods' } });
		expect(ads[0].audit!.specialAdCategories).toEqual([]);
	});

	it("blocks targeting that breaks Meta's restrictions for the category, citing the source", () => {
		const targeting: Targeting[] = [
			{ kind: 'targeting', segmentId: 'seg-1', ageMin: 25, ageMax: 45, genders: ['female'], locations: [{ type: 'postalCode', value: '78701' }, { type: 'city', value: 'Austin', radiusKm: 10 }], audiences: [{ type: 'lookalike', name: 'Borrowers 1%' }] },
		];
		const { ads } = auditAds({ ads: [loan], targeting });
		const messages = ads[0].audit!.findings.filter((f) => f.rule === 'specialCategory.targeting').map((f) => f.message);
		expect(ads[0].audit!.verdict).toBe('block');
		expect(messages).toEqual([
			expect.stringContaining('age 25-45 narrows the required 18-65+'),
			expect.stringContaining('genders limited to female'),
			expect.stringContaining('postal code "78701"'),
			expect.stringContaining('radius 10.0 km around "Austin" (at least 24.1 km)'),
			expect.stringContaining('lookalike audience "Borrowers 1%"'),
		]);
		for (const f of ads[0].audit!.findings.filter((x) => x.rule === 'specialCategory.targeting')) expect((f as Record<string, unknown>).source).toMatch(/facebook\.com\/business\/help\/2220749868045706/);
	});

	it("applies Google's access-to-opportunity restrictions to Google ads and leaves Meta's radius to Meta", () => {
		const targeting: Targeting[] = [{ kind: 'targeting', ageMin: 18, genders: ['all'], locations: [{ type: 'city', value: 'Austin', radiusKm: 5 }], audiences: [{ type: 'customerList', name: 'Past borrowers' }] }];
		const { ads } = auditAds({ ads: [loanGoogle], targeting });
		const evidence = ads[0].audit!.findings.filter((f) => f.rule === 'specialCategory.targeting').map((f) => f.evidence);
		expect(evidence).toEqual(['targeting: customer list audience "Past borrowers"']);
	});

	it('lets compliant targeting through and asks politics ads for authorisation', () => {
		const ok: Targeting[] = [{ kind: 'targeting', ageMin: 18, ageMax: 65, locations: [{ type: 'region', value: 'Texas' }] }];
		expect(auditAds({ ads: [loan], targeting: ok }).ads[0].audit!.findings.filter((f) => f.rule === 'specialCategory.targeting')).toEqual([]);
		const vote = ad('v', 'meta_feed', { primaryText: 'Vote for Measure 4 on the November ballot.', headline: 'Paid for by Citizens for Parks' });
		const audited = auditAds({ ads: [vote] }).ads[0].audit!;
		expect(audited.specialAdCategories).toEqual(['issues_elections_politics']);
		expect(rulesOf(auditAds({ ads: [vote] }).ads[0])).toContain('specialCategory.authorisation');
	});

	it('cites a source for every restriction in the table', () => {
		for (const r of CATEGORY_RESTRICTIONS) expect(r.source.length).toBeGreaterThan(20);
	});
});

describe('targeting on protected or sensitive attributes', () => {
	it('sends age or gender narrowing to review and blocks targeting on a sensitive attribute', () => {
		const { ads } = auditAds({
			ads: [META_OK, { ...META_OK, adId: 'm1b', segmentId: 'seg-2' }],
			targeting: [
				{ kind: 'targeting', adId: 'm1', ageMin: 25, ageMax: 34 },
				{ kind: 'targeting', segmentId: 'seg-2', audiences: [{ type: 'interest', name: 'Faith and family', attributes: ['religion'] }] },
			],
		});
		expect(ads[0].audit!.verdict).toBe('review');
		expect(ads[0].audit!.findings.map((f) => [f.rule, f.evidence])).toEqual([['targeting.protectedAttribute', 'targeting of m1 (age 25-34) selects on "age"']]);
		expect(ads[1].audit!.verdict).toBe('block');
		expect(ads[1].audit!.findings.map((f) => f.rule)).toEqual(['targeting.sensitiveAttribute']);
	});

	it('flags the ads of a segment that was built on a protected attribute', () => {
		const segment = { segmentId: 'seg-1', protectedAttributesUsed: ['gender'] } as unknown as Segment;
		expect(rulesOf(auditAds({ ads: [META_OK], segments: [segment] }).ads[0])).toEqual(['targeting.protectedAttribute']);
	});
});

describe('audience fairness from customers with protected attributes', () => {
	// seg-old holds 36 of 40 older customers and 4 of 40 younger ones: a skewed segment
	const customers: AuditCustomer[] = [
		...Array.from({ length: 40 }, (_, i) => ({ segmentId: i < 36 ? 'seg-old' : 'seg-mixed', attributes: { age_band: '55-64', gender: i % 2 ? 'female' : 'male', plan: 'plus' } })),
		...Array.from({ length: 40 }, (_, i) => ({ segmentId: i < 4 ? 'seg-old' : 'seg-mixed', attributes: { age_band: '18-24', gender: i % 2 ? 'female' : 'male', plan: 'basic' } })),
	];
	const ads = [ad('o', 'meta_feed', { primaryText: 'Hand-poured candles.', headline: 'Shop' }, 'seg-old'), ad('x', 'meta_feed', { primaryText: 'Hand-poured candles.', headline: 'Shop' }, 'seg-mixed')];

	it('computes a table per segment and for the campaign, on the protected attributes only', () => {
		const { report } = auditAds({ ads, customers }, { thresholds: { minGroupSize: 20 } });
		expect(report.fairness.attributes).toEqual(['age_band', 'gender']);
		expect(report.fairness.tables.map((t) => [t.scope, t.segmentId])).toEqual([['campaign', undefined], ['segment', 'seg-mixed'], ['segment', 'seg-old']]);
		const old = report.fairness.tables.find((t) => t.segmentId === 'seg-old')!.results.find((r) => r.attribute === 'age_band')!;
		expect(old.groups.map((g) => [g.group, g.rate])).toEqual([['18-24', 0.1], ['55-64', 0.9]]);
		expect(old.verdict).toBe('flagged');
		expect(report.fairness.thresholds).toEqual({ fourFifths: 0.8, maxParityDifference: 0.2, minGroupSize: 20, minZ: 1.96 });
		// both segments have ads: the campaign audience is everyone
		expect(report.fairness.tables[0].results.every((r) => r.verdict === 'fair')).toBe(true);
	});

	it("flags the skewed segment's ads (and the mirror-image segment's), not on gender", () => {
		const out = auditAds({ ads, customers }, { thresholds: { minGroupSize: 20 } }).ads;
		for (const a of out) {
			expect(a.audit!.verdict).toBe('review');
			expect(a.audit!.findings.map((f) => [f.rule, f.evidence.split(':')[0]])).toEqual([['fairness.disparateImpact', `segment ${a.segmentId}, age_band`]]);
		}
	});

	it('gives no verdict when the groups are smaller than the minimum, and says so in the report', () => {
		const { ads: out, report } = auditAds({ ads, customers }, { thresholds: { minGroupSize: 50 } });
		expect(out.every((a) => a.audit!.verdict === 'pass')).toBe(true);
		const r = report.fairness.tables[1].results[0];
		expect(r.verdict).toBe('insufficient');
		expect(r.reason).toContain('under the minimum group size of 50');
	});

	it('leaves customers without a value out of that attribute\'s table, and says when nobody has one', () => {
		const some = auditAds({ ads, customers: [...customers, { segmentId: 'seg-old', attributes: { age_band: null, gender: 'male' } }] }, { thresholds: { minGroupSize: 20 } }).report;
		const age = some.fairness.tables[1].results.find((r) => r.attribute === 'age_band')!;
		expect(age).toMatchObject({ population: 80, notGiven: 1 });
		expect(age.reason).toContain('1 customer without a value for "age_band" left out.');
		const none = auditAds({ ads, customers: [{ segmentId: 'seg-old', attributes: { gender: '' } }] }).report;
		expect(none.fairness.tables[0].results[0]).toMatchObject({ attribute: 'gender', verdict: 'insufficient', population: 0, notGiven: 1, reason: 'No customer has a value for "gender": no fairness verdict.' });
	});

	it('says why there is no table when no customers or no protected attributes are given', () => {
		expect(auditAds({ ads }).report.fairness.note).toBe('No customers with their segments were given: no audience fairness check.');
		expect(auditAds({ ads, customers: [{ segmentId: 'seg-old', attributes: { plan: 'plus' } }] }).report.fairness.note).toBe(
			'The customers carry no protected attribute (age, gender ...): no audience fairness check.',
		);
	});
});

describe('the offline copywriter against the copy rules', () => {
	it('writes ads on every channel, for every fixture persona and seed, that trip no copy rule', () => {
		const copyFamilies = ['editorial', 'claims', 'personalAttributes', 'inclusiveLanguage', 'pii', 'artefacts'];
		const hits: string[] = [];
		let count = 0;
		for (const seed of [1, 2, 3]) {
			const { variants } = generateAds(PERSONAS, { ...BRIEF, channels: [...AD_CHANNELS], variantsPerPersona: 3 }, { seed, now: NOW });
			count += variants.length;
			const { ads } = auditAds({ ads: variants, brief: { brand: BRIEF.brand, product: BRIEF.product, offer: BRIEF.offer } });
			for (const a of ads) for (const f of a.audit!.findings) if (copyFamilies.includes(f.rule.split('.')[0])) hits.push(`${a.channel} ${f.rule}: ${f.evidence}`);
		}
		expect(count).toBe(3 * PERSONAS.length * AD_CHANNELS.length * 3);
		expect(hits).toEqual([]);
	});
});
