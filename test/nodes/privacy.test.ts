import type { IDataObject } from 'n8n-workflow';

import type { JourneyMap } from '../../lib/contracts';
import { generateSampleData } from '../../lib/sample';
import type { SampleSource } from '../../lib/sample/types';
import { createEngine, readWorkflow, type Item, type RunResult } from '../support/engine';

const engine = createEngine();
const QUICKSTART = 'templates/quickstart.json';
/** Every node of the quickstart after the data source: what leaves the package's nodes. */
const NODES = ['Journey Mapper', 'Customer Segmenter', 'Persona Builder', 'Ad Generator'];

/** Every string (keys and values) of a node's outputs, all output indexes, joined. */
function outputText(run: RunResult, node: string): string {
	const out: string[] = [];
	const visit = (v: unknown) => {
		if (typeof v === 'string') out.push(v);
		else if (Array.isArray(v)) v.forEach(visit);
		else if (v !== null && typeof v === 'object') {
			for (const [k, x] of Object.entries(v)) {
				out.push(k);
				visit(x);
			}
		}
	};
	for (const items of run.outputs[node] ?? []) for (const item of items ?? []) visit(item.json);
	return out.join('\u0000');
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Planted values found in each node's outputs. A value is looked for in full only where all of its
 * words occur (a word index first: thousands of values over megabytes of output).
 */
/** The values that are one of the text's strings (keys or values), in any letter case. */
function stringsIn(text: string, values: readonly string[]): string[] {
	const whole = new Set(text.toLowerCase().split('\u0000'));
	return values.filter((v) => whole.has(v.toLowerCase()));
}

/**
 * The values that occur in the text, whole or inside a longer string. Looked for in full only where
 * all of their words occur (thousands of values over megabytes of output).
 */
function presentIn(text: string, values: readonly string[]): string[] {
	const lower = text.toLowerCase();
	const index = new Set(words(lower));
	return values.filter((v) => {
		const l = v.toLowerCase();
		return words(l).every((w) => index.has(w)) && lower.includes(l);
	});
}

function leaksIn(run: RunResult, planted: readonly string[]): Record<string, string[]> {
	const leaks: Record<string, string[]> = {};
	for (const node of NODES) {
		const found = presentIn(outputText(run, node), planted);
		if (found.length > 0) leaks[node] = found.slice(0, 5);
	}
	return leaks;
}

describe('privacy through the quickstart (Sample Data -> Journey Mapper -> Segmenter -> Persona Builder -> Ad Generator)', () => {
	const workflow = readWorkflow(QUICKSTART);
	const sample = workflow.nodes.find((n) => n.name === 'Sample Data')!.parameters;
	const truth = generateSampleData({
		seed: sample.seed as number,
		customers: sample.customers as number,
		sources: sample.sources as SampleSource[],
	}).truth;
	let run: RunResult;

	beforeAll(async () => {
		run = await engine.runWorkflow(workflow);
		expect(run.error).toBeUndefined();
	});

	it('runs every node and produces output at each', () => {
		for (const node of NODES) expect((run.outputs[node]?.[0] ?? []).length).toBeGreaterThan(0);
	});

	it("replaces none of the sample's clean attribute values (no false positives)", () => {
		const map = run.outputs['Journey Mapper'][1][0].json as unknown as JourneyMap;
		expect(map.privacy).toEqual({
			attributeValuesRedacted: 0,
			redactedByField: {},
			freeTextValuesRemoved: 0,
			freeTextByField: {},
		});
	});

	it("lets none of the sample data's planted PII out of any node", () => {
		// Names, e-mails, phones, street addresses, notes (at least 5 characters, to be a real search)
		// that the source node's output does carry: the search is shown to find them there.
		const planted = stringsIn(
			outputText(run, 'Sample Data'),
			truth.piiValues.filter((v) => v.length >= 5),
		);
		expect(planted.length).toBeGreaterThan(1000);
		expect(planted.some((v) => v.includes('@'))).toBe(true);
		expect(planted.some((v) => /ignore/i.test(v))).toBe(true);
		expect(leaksIn(run, planted)).toEqual({});
	});
});

describe('privacy of attribute values planted in a CRM export, through the quickstart', () => {
	const PARAGRAPH = (i: number) =>
		`Spoke with the customer on the phone about marmalade${i}. She would like a callback next week and a discount.`;
	const planted = {
		email: (i: number) => `plantedbuyer${i}@shop.test`,
		phone: (i: number) => `+44 20 7946 ${String(1000 + i)}`,
	};
	let run: RunResult;
	let map: JourneyMap;
	const counts = { email: 0, phone: 0, paragraph: 0, name: 0 };
	const values: string[] = [];

	beforeAll(async () => {
		const source = await engine.runWorkflow(readWorkflow(QUICKSTART));
		const records = (source.outputs['Sample Data'][0] ?? []).map((i) => structuredClone(i.json));
		let i = 0;
		for (const r of records) {
			const props = r.properties as IDataObject | undefined;
			if (props?.plan === undefined) continue;
			i++;
			// A new user's CRM export: e-mails in `plan`, a paragraph in `region`, a phone in
			// `lifecyclestage`, the contact's own first name in `region`.
			if (i % 5 === 0) {
				props.plan = planted.email(i);
				values.push(planted.email(i));
				counts.email++;
			}
			if (i % 7 === 0) {
				props.region = PARAGRAPH(i);
				values.push(`marmalade${i}`);
				counts.paragraph++;
			} else if (i % 11 === 0) {
				props.region = String(props.firstname);
				values.push(String(props.firstname));
				counts.name++;
			}
			if (i % 9 === 0) {
				props.lifecyclestage = planted.phone(i);
				values.push(planted.phone(i));
				counts.phone++;
			}
		}
		expect(counts.email).toBeGreaterThan(10);
		expect(counts.name).toBeGreaterThan(3);
		run = await engine.runWorkflow(readWorkflow(QUICKSTART), {
			startNode: 'Journey Mapper',
			inputItems: records.map((json): Item => ({ json })),
		});
		expect(run.error).toBeUndefined();
		map = run.outputs['Journey Mapper'][1][0].json as unknown as JourneyMap;
	});

	it('emits none of the planted values from any node', () => {
		for (const node of NODES) expect((run.outputs[node]?.[0] ?? []).length).toBeGreaterThan(0);
		expect(leaksIn(run, values)).toEqual({});
	});

	it('replaces them by markers and counts them in the journey map, naming the field', () => {
		expect(map.privacy).toEqual({
			attributeValuesRedacted: counts.email + counts.phone + counts.name,
			redactedByField: {
				plan: { email: counts.email },
				lifecyclestage: { phone: counts.phone },
				region: { name: counts.name },
			},
			freeTextValuesRemoved: counts.paragraph,
			freeTextByField: { region: counts.paragraph },
		});
		const journeys = outputText(run, 'Journey Mapper');
		expect(journeys).toContain('[email removed]');
		expect(journeys).toContain('[free text removed]');
	});

	it('keeps the markers out of segment profiles, personas and ads', () => {
		for (const node of ['Persona Builder', 'Ad Generator'])
			expect(outputText(run, node)).not.toMatch(/removed\]/);
		const segments = (run.outputs['Customer Segmenter'][1] ?? []).map((i) =>
			JSON.stringify(i.json),
		);
		expect(segments.length).toBeGreaterThan(0);
		for (const s of segments) expect(s).not.toMatch(/removed\]/);
	});
});
