import type { IDataObject } from 'n8n-workflow';

import { generateSampleData } from '../../lib/sample';
import { createEngine, readWorkflow, type Item } from '../support/engine';

/** The fields of the native export shapes these tests read. */
interface NativeRecord {
	id?: string;
	properties?: { email?: string; phone?: string; notes?: string; marketing_consent?: string; lifecyclestage?: string; hs_analytics_source?: string };
	event_name?: string;
	event_timestamp?: string;
	event_date?: string;
	traffic_source?: { medium: string; source: string };
	event_params?: Array<{ key: string; value: object }>;
	action?: string;
	campaign_id?: string;
	email_address?: string;
	ad_id?: string;
	spend?: string;
	line_items?: unknown[];
	total_price?: string;
	created_at?: string;
	email?: string;
	requester_email?: string;
	tags?: string[];
}

const engine = createEngine();

function sampleWorkflow(parameters: IDataObject) {
	const wf = readWorkflow('templates/quickstart.json');
	const keep = new Set(['When clicking ‘Execute workflow’', 'Sample Data']);
	wf.nodes = wf.nodes.filter((n) => keep.has(n.name));
	const sample = wf.nodes.find((n) => n.name === 'Sample Data')!;
	sample.parameters = { ...sample.parameters, ...parameters };
	wf.connections = { 'When clicking ‘Execute workflow’': wf.connections['When clicking ‘Execute workflow’'] };
	return wf;
}

async function runSample(parameters: IDataObject = {}) {
	const run = await engine.runWorkflow(sampleWorkflow(parameters));
	expect(run.error).toBeUndefined();
	expect(run.status).toBe('success');
	return run.outputs['Sample Data'][0];
}

const json = (items: Item[]) => items.map((i) => i.json as NativeRecord);

describe('Sample Data node through the n8n engine', () => {
	let items: Item[];
	let records: NativeRecord[];
	const truth = generateSampleData({ seed: 42, customers: 500 }).truth;

	beforeAll(async () => {
		items = await runSample({ customers: 500, seed: 42 });
		records = json(items);
	});

	it('emits exactly what the seeded generator produces, and the same bytes on every run', async () => {
		expect(JSON.stringify(records)).toBe(
			JSON.stringify(generateSampleData({ seed: 42, customers: 500 }).records),
		);
		const again = await runSample({ customers: 500, seed: 42 });
		expect(JSON.stringify(json(again))).toBe(JSON.stringify(records));
		const otherSeed = await runSample({ customers: 500, seed: 7 });
		expect(JSON.stringify(json(otherSeed))).not.toBe(JSON.stringify(records));
	});

	it('pairs every record with the trigger item that asked for it', () => {
		expect(items.every((i) => JSON.stringify(i.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
	});

	it('emits each source in its native export shape', () => {
		const hubspot = records.filter((r) => r.properties && r.id !== undefined);
		const ga4 = records.filter((r) => typeof r.event_name === 'string');
		const mailchimp = records.filter((r) => typeof r.action === 'string' && r.campaign_id);
		const meta = records.filter((r) => r.ad_id !== undefined && r.spend !== undefined);
		const shopify = records.filter((r) => r.line_items !== undefined);
		const support = records.filter((r) => r.requester_email !== undefined);
		for (const group of [hubspot, ga4, mailchimp, meta, shopify, support]) expect(group.length).toBeGreaterThan(0);

		const contact = hubspot.find((r) => r.properties?.email)!;
		expect(contact.properties).toEqual(
			expect.objectContaining({
				email: expect.stringMatching(/@/),
				lifecyclestage: expect.any(String),
				hs_analytics_source: expect.stringMatching(/^[A-Z_]+$/),
			}),
		);
		const event = ga4.find((r) => r.event_name === 'purchase')!;
		const params = event.event_params ?? [];
		expect(event.event_timestamp).toMatch(/^\d{16}$/);
		expect(event.event_date).toMatch(/^\d{8}$/);
		expect(event.traffic_source).toEqual(
			expect.objectContaining({ medium: expect.any(String), source: expect.any(String) }),
		);
		expect(params.length).toBeGreaterThan(0);
		expect(params[0]).toEqual({ key: expect.any(String), value: expect.any(Object) });
		expect(new Set(mailchimp.map((r) => r.action))).toEqual(new Set(['open', 'click', 'bounce', 'unsub']));
		expect(meta[0].spend).toMatch(/^\d+(\.\d+)?$/);
		expect(shopify[0].total_price).toMatch(/^\d+\.\d{2}$/);
		expect(Array.isArray(support[0].tags)).toBe(true);
	});

	it('plants a channel that really drives conversion: email clickers buy several times as often', () => {
		const start = Date.parse(truth.startDate);
		const clickers = new Set(records.filter((r) => r.action === 'click').map((r) => r.email_address));
		const buyers = new Set(
			records
				.filter((r) => r.line_items !== undefined && Date.parse(r.created_at ?? '') >= start)
				.map((r) => r.email),
		);
		const contacts = records.map((r) => r.properties?.email).filter((e): e is string => Boolean(e));
		const rate = (emails: string[]) => emails.filter((e) => buyers.has(e)).length / emails.length;
		const clicked = rate(contacts.filter((e) => clickers.has(e)));
		const notClicked = rate(contacts.filter((e) => !clickers.has(e)));
		expect(clicked).toBeGreaterThan(2.5 * notClicked);
	});

	it('plants groups that really differ in spend and engagement', () => {
		const revenueByEmail = new Map<string, number>();
		for (const r of records.filter((x) => x.line_items !== undefined)) {
			const email = r.email ?? '';
			revenueByEmail.set(email, (revenueByEmail.get(email) ?? 0) + Number(r.total_price));
		}
		const perCustomer = (emails: string[]) =>
			emails.reduce((s, e) => s + (revenueByEmail.get(e) ?? 0), 0) / emails.length;
		const premium = perCustomer(truth.groups.premium_loyalists.emails);
		const browsers = perCustomer(truth.groups.browsers.emails);
		const deal = perCustomer(truth.groups.deal_seekers.emails);
		expect(premium).toBeGreaterThan(2 * deal);
		expect(deal).toBeGreaterThan(browsers);
		expect(truth.groups.browsers.sessions / truth.groups.browsers.count).toBeGreaterThan(
			truth.groups.lapsed.sessions / truth.groups.lapsed.count,
		);
	});

	it('includes customers who withheld consent, and PII including prompt-injection notes', () => {
		const withheld = records.filter((r) => r.properties?.marketing_consent === 'withheld');
		expect(withheld.length).toBe(truth.consentWithheld.count);
		expect(withheld.length).toBeGreaterThan(0);
		const contacts = records.filter((r) => r.properties?.email);
		expect(contacts.every((r) => /^\+?[\d\s()-]{7,}$/.test(r.properties?.phone ?? '+1 555 000 0000'))).toBe(true);
		expect(contacts.some((r) => /ignore (all )?(previous|prior) instructions/i.test(r.properties?.notes ?? ''))).toBe(true);
		expect(truth.piiValues.length).toBeGreaterThan(contacts.length);
	});

	it('stops with an error naming the parameter when a size is out of range', async () => {
		const run = await engine.runWorkflow(sampleWorkflow({ customers: 0 }));
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/customers/);
	});
});
