/**
 * templates/salesforce-meta-form-review.json, executed as a user would import it: Salesforce
 * contacts, leads and opportunities (pinned, as n8n's Salesforce node returns REST query records)
 * -> journeys, segments, personas -> Meta feed ads -> Bias Auditor. Approved ads go straight to the
 * Ad Deployer; flagged ads are e-mailed to a reviewer (a local SMTP server) with the link to an n8n
 * form (the Wait node, On Form Submitted, pinned with the reviewer's answer); only the ads the
 * reviewer approves join them; the Deployer creates them, paused, on the local Meta server.
 */
import type { IDataObject } from 'n8n-workflow';

import { AdVariant as AdVariantSchema, type AdVariant, type DeploymentResult } from '../../lib/contracts';
import { readWorkflow, type Item, type WorkflowJson } from '../support/engine';
import { runWorkflowInChildProcess, type ChildRunResult } from '../support/engine-process';
import { createMetaServer, type MetaServer } from '../support/meta-server';
import { contacts, leads, opportunities, reviewTargeting, salesforceRecords } from '../support/salesforce-records';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';

const FILE = 'templates/salesforce-meta-form-review.json';
const ACCOUNT = 'act_1234567890';
const PAGE = '1234567890';
const REVIEWER = 'maria.lopez@fieldnote.example';
const FORM_URL = 'http://127.0.0.1:5678/form-waiting/test-execution';

/** What the Wait node (On Form Submitted) outputs: one item, the fields by label. */
function formAnswer(approvedIds: string, note: string): IDataObject {
	return { 'Approved ad IDs': approvedIds, Reviewer: REVIEWER, Note: note, submittedAt: '2026-11-20T10:15:00.000+00:00', formMode: 'production' };
}

const node = (wf: WorkflowJson, name: string) => {
	const found = wf.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`no node "${name}"`);
	return found;
};

/**
 * The template as a user sets it up: Salesforce pinned, the intended Meta targeting declared to
 * the Auditor (some segments age- or gender-targeted: a person should look; one on a religious
 * audience: blocked), live when asked, the reviewer's answer pinned when given.
 */
function configured(options: { targeting?: IDataObject[]; live?: boolean; answer?: IDataObject } = {}): WorkflowJson {
	const wf = readWorkflow(FILE);
	const auditor = node(wf, 'Bias Auditor');
	auditor.parameters = { ...auditor.parameters, targeting: JSON.stringify(options.targeting ?? []) };
	if (options.live) {
		const deployer = node(wf, 'Ad Deployer');
		deployer.parameters = { ...deployer.parameters, dryRun: false, options: { maxRetryWaitMs: 50 } };
	}
	const pinData: IDataObject = {};
	for (const [name, records] of Object.entries(salesforceRecords())) pinData[name] = records.map((json) => ({ json }));
	if (options.answer) pinData['Wait for the review form'] = [{ json: options.answer }];
	return { ...wf, pinData };
}

function cutAfter(wf: WorkflowJson, last: string): WorkflowJson {
	const connections = { ...wf.connections };
	delete connections[last];
	return { ...wf, connections };
}

const jsons = (items: Item[] | undefined) => (items ?? []).map((i) => i.json);
const ids = (items: Item[] | undefined) => jsons(items).map((j) => String(j.adId));
const results = (run: ChildRunResult) => jsons(run.outputs['Ad Deployer'][0]) as unknown as DeploymentResult[];
const metaCredentials = (baseUrl: string) => ({ journeyAdsMetaApi: { accessToken: 'test-meta-token', baseUrl } });
const smtpCredentials = (smtp: SmtpServer) => ({ smtp: { host: smtp.host, port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' } });
/** Every request body sent to Meta, as text: an ad's id travels in its link (utm_content). */
const sentBodies = (meta: MetaServer) => meta.requests.filter((r) => r.method === 'POST').map((r) => JSON.stringify(r.body));

describe('the Salesforce to Meta template with a form-based review', () => {
	let smtp: SmtpServer;
	let targeting: IDataObject[];
	let generated: AdVariant[];
	let autoApproved: string[];
	let flagged: AdVariant[];
	let blocked: string[];

	beforeAll(async () => {
		smtp = await startSmtpServer();
		// The segments the pipeline finds (seeded, stable ids) decide which the targeting names.
		const upToSegments = await runWorkflowInChildProcess(cutAfter(configured(), 'Customer Segmenter'));
		expect(upToSegments.error).toBeUndefined();
		const segments = jsons(upToSegments.outputs['Customer Segmenter'][1]).map((s) => String(s.segmentId));
		expect(segments.length).toBeGreaterThanOrEqual(4);
		targeting = reviewTargeting(segments);
		const upToAudit = await runWorkflowInChildProcess(cutAfter(configured({ targeting }), 'Bias Auditor'));
		expect(upToAudit.error).toBeUndefined();
		generated = jsons(upToAudit.outputs['Ad Generator'][0]) as unknown as AdVariant[];
		autoApproved = ids(upToAudit.outputs['Bias Auditor'][0]);
		flagged = jsons(upToAudit.outputs['Bias Auditor'][1]) as unknown as AdVariant[];
		blocked = ids(upToAudit.outputs['Bias Auditor'][2]);
	});
	afterAll(async () => {
		await smtp.close();
	});

	it('imports as shipped: n8n nodes by type, placeholder credentials, a form wait, dry run and paused', () => {
		const wf = readWorkflow(FILE);
		const types = wf.nodes.map((n) => `${n.type}@${n.typeVersion}`);
		expect(types).toEqual(
			expect.arrayContaining(['n8n-nodes-base.salesforce@1.1', 'n8n-nodes-base.emailSend@2.1', 'n8n-nodes-base.wait@1.1', 'n8n-nodes-base.merge@3.2', 'n8n-nodes-base.if@2.2']),
		);
		expect(wf.nodes.filter((n) => n.type === 'n8n-nodes-base.salesforce').map((n) => n.parameters.resource)).toEqual(['contact', 'lead', 'opportunity']);
		const wait = node(wf, 'Wait for the review form');
		expect(wait.parameters).toMatchObject({ resume: 'form', limitWaitTime: true });
		const labels = ((wait.parameters.formFields as IDataObject).values as IDataObject[]).map((f) => f.fieldLabel);
		expect(labels).toEqual(['Approved ad IDs', 'Reviewer', 'Note']);
		expect(String(node(wf, 'Email the reviewer').parameters.html)).toContain('$execution.resumeFormUrl');
		expect(node(wf, 'Ad Deployer').parameters).toMatchObject({ platform: 'meta', dryRun: true, createStatus: 'paused', requireApproval: false });
		expect(node(wf, 'Ad Generator').parameters.channels).toEqual(['meta_feed']);
		for (const n of wf.nodes) for (const c of Object.values(n.credentials ?? {})) expect(c.id).toBe('REPLACE_ME');
		expect(wf.pinData).toEqual({});
	});

	it('the declared targeting splits the ads three ways: approved, for review, blocked', () => {
		expect(generated.length).toBeGreaterThan(6);
		expect(autoApproved.length).toBeGreaterThan(0);
		expect(flagged.length).toBeGreaterThanOrEqual(3);
		expect(blocked.length).toBeGreaterThan(0);
		expect([...autoApproved, ...ids(flagged.map((json) => ({ json: json as unknown as IDataObject }))), ...blocked].sort()).toEqual(generated.map((a) => a.adId).sort());
		expect(flagged.every((a) => a.audit?.verdict === 'review' && a.audit.findings.some((f) => f.rule === 'targeting.protectedAttribute'))).toBe(true);
	});

	describe('a reviewer approves some flagged ads and rejects the others', () => {
		let meta: MetaServer;
		let run: ChildRunResult;
		let approvedByReviewer: string[];
		let rejectedByReviewer: string[];
		const NOTE = 'Age and gender targeting checked with legal: fine for a trial offer.';

		beforeAll(async () => {
			meta = createMetaServer({ accounts: [{ id: ACCOUNT.slice(4) }], pages: [PAGE] });
			const baseUrl = await meta.start();
			approvedByReviewer = flagged.filter((_, i) => i % 2 === 0).map((a) => a.adId);
			rejectedByReviewer = flagged.filter((_, i) => i % 2 === 1).map((a) => a.adId);
			// Pasted as reviewers do: one per line, a comma, stray spaces.
			const answer = formAnswer(` ${approvedByReviewer.join('\n')}, `, NOTE);
			run = await runWorkflowInChildProcess(configured({ targeting, live: true, answer }), {
				credentials: { ...metaCredentials(baseUrl), ...smtpCredentials(smtp) },
			});
		});
		afterAll(async () => {
			await meta.stop();
		});

		it('runs to the end; the Mapper reads contacts, leads and opportunities as Salesforce returns them', () => {
			expect(run.error).toBeUndefined();
			expect(run.finished).toBe(true);
			expect(run.outputs['Merge'][0]).toHaveLength(contacts().length + leads().length + opportunities().length);
			const rejections = jsons(run.outputs['Journey Mapper'][2]);
			const reasons = new Set(rejections.map((r) => r.reason));
			// Opted-out people are dropped with their opportunities; opportunities without a contact are counted.
			expect([...reasons].sort()).toEqual(['consent withheld', 'missing customer id (user_pseudo_id and user_id)']);
			expect(rejections.filter((r) => String(r.reason).startsWith('missing customer id'))).toHaveLength(opportunities().filter((o) => o.ContactId === null).length);
			const optedOut = contacts().filter((c) => c.HasOptedOutOfEmail).length;
			expect(run.outputs['Journey Mapper'][0].length).toBeLessThan(contacts().length - optedOut + leads().length);
			expect(run.outputs['Journey Mapper'][0].length).toBeGreaterThan(contacts().length - optedOut);
		});

		it('e-mails the reviewer once, with the form link and every flagged ad', async () => {
			const mails = (await smtp.messages()).filter((m) => m.to.includes('ad-reviewer@your-company.example'));
			expect(mails).toHaveLength(1);
			const [mail] = mails;
			expect(mail.subject).toBe(`${flagged.length} Meta ads need your review`);
			// n8n signs the link of a waiting form: only that URL resumes this execution.
			const link = new RegExp(`${FORM_URL.replace(/[.?]/g, '\\$&')}\\?signature=[0-9a-f]{64}`);
			expect(mail.html).toMatch(new RegExp(`href="${link.source}"`));
			expect(mail.text).toMatch(link);
			for (const ad of flagged) expect(mail.text).toContain(`${ad.adId}: ${ad.audit?.explanation}`);
		});

		it('records the decision, reviewer, time and note on every flagged ad, as the approval the Deployer reads', () => {
			const decided = jsons(run.outputs['One item per ad'][0]);
			expect(decided.map((a) => a.adId)).toEqual(flagged.map((a) => a.adId));
			for (const ad of decided) {
				expect(ad.approval).toEqual({ approved: approvedByReviewer.includes(String(ad.adId)), by: REVIEWER, at: '2026-11-20T10:15:00.000+00:00', note: NOTE });
				expect((ad.audit as IDataObject).verdict).toBe('review');
			}
		});

		it('accounts for every audited ad: deployed, rejected by the reviewer, or blocked by the auditor', () => {
			expect(ids(run.outputs['Approved by the reviewer?'][0])).toEqual(approvedByReviewer);
			expect(ids(run.outputs['Rejected by the reviewer'][0])).toEqual(rejectedByReviewer);
			expect(jsons(run.outputs['Rejected by the reviewer'][0]).every((a) => (a.approval as IDataObject).approved === false)).toBe(true);
			expect(ids(run.outputs['Blocked by the auditor'][0])).toEqual(blocked);
			const deployed = results(run).map((r) => r.adId);
			expect(deployed).toEqual([...autoApproved, ...approvedByReviewer]);
			expect([...deployed, ...rejectedByReviewer, ...blocked].sort()).toEqual(generated.map((a) => a.adId).sort());
		});

		it('creates exactly the auto-approved and reviewer-approved ads on Meta, all paused; no rejected or blocked ad is sent', () => {
			const out = results(run);
			expect(out.every((r) => r.status === 'created' && r.dryRun === false && r.platform === 'meta')).toBe(true);
			const account = meta.account(ACCOUNT);
			expect(account.ads).toHaveLength(autoApproved.length + approvedByReviewer.length);
			expect(account.ads.map((a) => a.id).sort()).toEqual(out.map((r) => r.remoteIds.ad).sort());
			expect([...account.campaigns, ...account.adsets, ...account.ads].every((o) => o.status === 'PAUSED')).toBe(true);
			const bodies = sentBodies(meta);
			for (const id of [...autoApproved, ...approvedByReviewer]) expect(bodies.some((b) => b.includes(`utm_content=${id}`))).toBe(true);
			for (const id of [...rejectedByReviewer, ...blocked]) expect(bodies.some((b) => b.includes(id))).toBe(false);
		});

		it("what was deployed carries the reviewer's decision and note; the auditor's approved ads carry none", () => {
			const inputs = jsons(run.outputs['Auto-approved + reviewer-approved'][0]);
			expect(inputs.map((a) => a.adId)).toEqual(results(run).map((r) => r.adId));
			run.outputs['Ad Deployer'][0].forEach((result) => {
				const paired = result.pairedItem as { item: number };
				const ad = inputs[paired.item];
				expect(ad.adId).toBe(result.json.adId);
				// The ad contract keeps the whole decision (a contract that dropped the note would fail here).
				if (approvedByReviewer.includes(String(ad.adId))) expect(AdVariantSchema.parse(ad).approval).toEqual({ approved: true, by: REVIEWER, at: '2026-11-20T10:15:00.000+00:00', note: NOTE });
				else expect({ approval: ad.approval, verdict: (ad.audit as IDataObject).verdict }).toEqual({ approval: undefined, verdict: 'pass' });
			});
		});
	});

	describe('a reviewer rejects every flagged ad', () => {
		let meta: MetaServer;
		let run: ChildRunResult;

		beforeAll(async () => {
			meta = createMetaServer({ accounts: [{ id: ACCOUNT.slice(4) }], pages: [PAGE] });
			const baseUrl = await meta.start();
			run = await runWorkflowInChildProcess(configured({ targeting, live: true, answer: formAnswer('', 'Not with this targeting.') }), {
				credentials: { ...metaCredentials(baseUrl), ...smtpCredentials(smtp) },
			});
		});
		afterAll(async () => {
			await meta.stop();
		});

		it('nothing from the review reaches Meta: only the auditor-approved ads are created', () => {
			expect(run.error).toBeUndefined();
			expect(ids(run.outputs['Rejected by the reviewer'][0])).toEqual(flagged.map((a) => a.adId));
			expect(run.outputs['Approved by the reviewer?'][0]).toEqual([]);
			expect(results(run).map((r) => r.adId)).toEqual(autoApproved);
			expect(meta.account(ACCOUNT).ads).toHaveLength(autoApproved.length);
			const bodies = sentBodies(meta);
			for (const ad of flagged) expect(bodies.some((b) => b.includes(ad.adId))).toBe(false);
		});
	});

	describe('as shipped (dry run), with the reviewer approving everything', () => {
		it('builds and checks every payload and sends nothing to Meta', async () => {
			const meta = createMetaServer({ accounts: [{ id: ACCOUNT.slice(4) }], pages: [PAGE] });
			const baseUrl = await meta.start();
			try {
				const answer = formAnswer(flagged.map((a) => a.adId).join(', '), 'All fine.');
				const run = await runWorkflowInChildProcess(configured({ targeting, answer }), { credentials: { ...metaCredentials(baseUrl), ...smtpCredentials(smtp) } });
				expect(run.error).toBeUndefined();
				const out = results(run);
				expect(out.map((r) => r.adId)).toEqual([...autoApproved, ...flagged.map((a) => a.adId)]);
				expect(out.every((r) => r.status === 'validated' && r.dryRun)).toBe(true);
				expect(meta.requests.filter((r) => r.method === 'POST')).toEqual([]);
			} finally {
				await meta.stop();
			}
		});
	});
});
