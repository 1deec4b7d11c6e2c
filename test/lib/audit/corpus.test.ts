import { auditAds, COPY_RULES, PII_RULE, RULE_FAMILIES, type RuleFamily } from '../../../lib/audit';
import type { AdVariant } from '../../../lib/contracts';
import { AD_CHANNELS } from '../../../lib/contracts';
import { CORPUS, type CorpusEntry } from './corpus';

const DEFAULT_BRIEF = { brand: 'Juniper & Oak', product: 'handmade home goods' };
const COPY_FAMILIES: readonly RuleFamily[] = ['editorial', 'claims', 'personalAttributes', 'inclusiveLanguage', 'pii', 'artefacts'];

function adOf(e: CorpusEntry, i: number): AdVariant {
	const list = ['headlines', 'descriptions'].includes(e.field);
	return {
		kind: 'adVariant',
		adId: `corpus-${i}`,
		personaId: 'p',
		segmentId: 's',
		channel: e.channel,
		format: 'corpus',
		fields: { [e.field]: list ? [e.text] : e.text },
		cta: '',
		finalUrl: 'https://example.com/',
		creativeBrief: '',
		imagePrompt: '',
		angle: 'benefit',
		variantGroup: 'A',
		generator: 'corpus',
		promptHash: '',
		createdAt: '2026-12-01T00:00:00.000Z',
		validation: { ok: true, issues: [] },
	};
}

/** Copy-rule ids an entry fires (special categories and fairness are not copy rules). */
function fired(e: CorpusEntry, i: number): Set<string> {
	const { ads } = auditAds({ ads: [adOf(e, i)], brief: e.brief ?? DEFAULT_BRIEF });
	return new Set(ads[0].audit!.findings.map((f) => f.rule as string).filter((r) => COPY_FAMILIES.includes(r.split('.')[0] as RuleFamily)));
}

const familyOf = (rule: string): RuleFamily => rule.split('.')[0] as RuleFamily;

describe('the labelled copy corpus', () => {
	const results = CORPUS.map((e, i) => ({ e, got: fired(e, i), want: new Set(e.expect) }));
	const ruleIds = [...COPY_RULES.map((r) => r.id), PII_RULE.id];

	it('holds at least 150 ads across every channel', () => {
		expect(CORPUS.length).toBeGreaterThanOrEqual(150);
		expect(new Set(CORPUS.map((e) => e.channel))).toEqual(new Set(AD_CHANNELS));
	});

	it('labels only rules that exist', () => {
		for (const e of CORPUS) for (const r of [...e.expect, ...(e.trap ?? [])]) expect(ruleIds).toContain(r);
	});

	it('has a true positive for every rule: a labelled hit the rule finds', () => {
		const missing = ruleIds.filter((id) => !results.some((r) => r.want.has(id) && r.got.has(id)));
		expect(missing).toEqual([]);
	});

	it('has a true negative for every rule: a lookalike trap the rule leaves alone', () => {
		const missing = ruleIds.filter((id) => !results.some((r) => (r.e.trap ?? []).includes(id) && !r.got.has(id) && !r.want.has(id)));
		expect(missing).toEqual([]);
	});

	it('reports precision and recall per rule family, above the floors', () => {
		const table: Record<string, { tp: number; fp: number; fn: number; precision: number; recall: number }> = {};
		for (const family of COPY_FAMILIES) {
			let tp = 0;
			let fp = 0;
			let fn = 0;
			for (const r of results) {
				for (const id of r.got) {
					if (familyOf(id) !== family) continue;
					if (r.want.has(id)) tp++;
					else fp++;
				}
				for (const id of r.want) if (familyOf(id) === family && !r.got.has(id)) fn++;
			}
			table[family] = { tp, fp, fn, precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn) };
		}
		// The table is part of the test's output: what the rule set achieves on this corpus.
		// eslint-disable-next-line no-console
		console.log(`precision and recall per family on ${CORPUS.length} ads:\n${Object.entries(table).map(([f, m]) => `  ${f.padEnd(20)} P ${m.precision.toFixed(2)}  R ${m.recall.toFixed(2)}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`).join('\n')}`);
		for (const family of COPY_FAMILIES) {
			expect({ family, precision: table[family].precision >= 0.9 }).toEqual({ family, precision: true });
			expect({ family, recall: table[family].recall >= 0.9 }).toEqual({ family, recall: true });
		}
		expect(RULE_FAMILIES).toEqual(expect.arrayContaining(COPY_FAMILIES as RuleFamily[]));
	});

	it('gets every entry exactly right (the list of misses, if any, says which)', () => {
		const misses = results
			.filter((r) => [...r.got].sort().join() !== [...r.want].sort().join())
			.map((r) => ({ text: r.e.text, channel: r.e.channel, want: [...r.want].sort(), got: [...r.got].sort() }));
		expect(misses).toEqual([]);
	});
});
