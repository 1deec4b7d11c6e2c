import {
	AdVariant,
	AuditFinding,
	ContractError,
	DeploymentResult,
	Journey,
	JourneyMap,
	Persona,
	Segment,
	assertContract,
	assertContracts,
	checkContract,
} from '../../../lib/contracts';
import { InputError } from '../../../lib/util/errors';

const journey = {
	customerId: 'c_1',
	pseudonymized: true,
	firstSeen: '2026-10-01T10:00:00.000Z',
	lastSeen: '2026-10-03T10:00:00.000Z',
	stage: 'conversion',
	path: ['paid_search', 'email'],
	touchpoints: 3,
	converted: true,
	conversions: 1,
	revenue: 40,
	daysToConvert: 2,
	engagement: { byChannel: { paid_search: 2, email: 1 }, byEvent: { page_view: 2, purchase: 1 } },
	painPoints: [],
	attributes: { region: 'West', plan: null },
	sources: ['ga4'],
};

describe('data contracts', () => {
	it('accepts a well-formed journey and keeps fields it does not know (passthrough)', () => {
		const parsed = assertContract('journey', Journey, { ...journey, extra: 'kept' }, 0);
		expect(parsed).toEqual({ ...journey, extra: 'kept' });
	});

	it('names the item index and the dotted field path of the first problem', () => {
		const bad = { ...journey, path: ['paid_search', 7] };
		expect(() => assertContracts('journey', Journey, [journey, journey, bad])).toThrow(
			'Item 2 is not a valid journey: field "path.1" should be string but is number',
		);
	});

	it('says a missing field is missing, and lists the allowed values of an enum', () => {
		const noStage: Record<string, unknown> = { ...journey };
		delete noStage.stage;
		const missing = checkContract(Journey, noStage, 4);
		expect(missing).toEqual({ ok: false, issue: { itemIndex: 4, field: 'stage', message: expect.stringMatching(/^is missing/) } });
		const wrong = checkContract(Journey, { ...journey, stage: 'loyal' }, 0);
		expect(wrong.ok).toBe(false);
		if (!wrong.ok) expect(wrong.issue.message).toMatch(/"loyal" but must be one of: awareness, consideration, conversion, retention, advocacy, churn-risk/);
	});

	it('throws a ContractError (an InputError, the one error class carrying an item index) with the contract, item index and field', () => {
		try {
			assertContract('journey', Journey, { ...journey, firstSeen: 'yesterday' }, 3);
			throw new Error('did not throw');
		} catch (error) {
			expect(error).toBeInstanceOf(ContractError);
			expect(error).toBeInstanceOf(InputError);
			expect((error as ContractError).itemIndex).toBe(3);
			expect((error as ContractError).field).toBe('firstSeen');
			expect((error as ContractError).contract).toBe('journey');
		}
	});

	it('does not mutate what it validates', () => {
		const frozen = Object.freeze({ ...journey, path: Object.freeze(['email']) });
		expect(() => assertContract('journey', Journey, frozen, 0)).not.toThrow();
	});

	it('rejects negative revenue, a share above 1 and a non-URL final URL', () => {
		expect(checkContract(Journey, { ...journey, revenue: -1 }, 0).ok).toBe(false);
		const segment = {
			kind: 'segment', segmentId: 'seg-1', label: 'x', description: 'x', size: 1, share: 1.5, method: 'kmeans',
			profile: {}, distinguishingFeatures: [], conversionRate: null, revenue: null,
			quality: { k: 2, kReason: 'fixed' }, protectedAttributesUsed: [],
		};
		expect(checkContract(Segment, segment, 0)).toEqual({ ok: false, issue: expect.objectContaining({ field: 'share' }) });
		expect(checkContract(Segment, { ...segment, share: 0.5 }, 0).ok).toBe(true);
		const ad = {
			kind: 'adVariant', adId: 'ad_1', personaId: 'p', segmentId: 's', channel: 'email', format: 'email',
			fields: { subject: 'Hi' }, cta: 'Shop', finalUrl: 'not a url', creativeBrief: '', imagePrompt: '', angle: 'benefit',
			variantGroup: 'A', generator: 'offline', promptHash: 'h', createdAt: '2026-01-01T00:00:00.000Z',
			validation: { ok: true, issues: [] },
		};
		expect(checkContract(AdVariant, ad, 0)).toEqual({ ok: false, issue: expect.objectContaining({ field: 'finalUrl' }) });
		expect(checkContract(AdVariant, { ...ad, finalUrl: 'https://example.com/a' }, 0).ok).toBe(true);
	});

	it('defines the remaining contracts: journey map, persona, audit finding, deployment result', () => {
		expect(checkContract(JourneyMap, { kind: 'journeyMap' }, 0).ok).toBe(false);
		expect(checkContract(Persona, { kind: 'persona', personaId: 'p' }, 0)).toEqual({ ok: false, issue: expect.objectContaining({ field: 'segmentId' }) });
		expect(checkContract(AuditFinding, { adId: 'a', verdict: 'pass', findings: [] }, 0).ok).toBe(true);
		expect(checkContract(AuditFinding, { adId: 'a', verdict: 'maybe', findings: [] }, 0).ok).toBe(false);
		expect(checkContract(DeploymentResult, { adId: 'a', platform: 'google', status: 'validated', remoteIds: {}, dryRun: true, error: null }, 0).ok).toBe(true);
		expect(checkContract(DeploymentResult, { adId: 'a', platform: 'google', status: 'live', remoteIds: {}, dryRun: true, error: null }, 0).ok).toBe(false);
	});
});
