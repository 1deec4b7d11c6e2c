import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IPairedItemData } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { AdVariant, Persona, RunSummary } from '../../../lib/contracts';
import { AdVariant as AdVariantSchema, Persona as PersonaSchema, RunSummary as RunSummarySchema, assertContract } from '../../../lib/contracts';
import type { ManualEffort, OptimizeOptions, PerformanceMapping, PerformanceSource, RemoteIdSource } from '../../../lib/optimize';
import { optimize } from '../../../lib/optimize';
import { toNodeError } from '../../shared/errors';
import { errorMessage, parseJsonParameter, splitList } from '../../shared/params';
import { ICON } from '../../shared/versioned';
import { adOptimizerProperties } from './properties';

type Kind = 'variant' | 'persona' | 'runSummary' | 'deployment' | 'row';

/** What an input item is: our contracts by `kind`, a Deployer result by its shape, else a performance row. */
function kindOf(json: IDataObject): Kind {
	if (json.kind === 'adVariant') return 'variant';
	if (json.kind === 'persona') return 'persona';
	if (json.kind === 'runSummary') return 'runSummary';
	if (json.kind === undefined && typeof json.adId === 'string' && typeof json.remoteIds === 'object' && json.remoteIds !== null && 'status' in json) return 'deployment';
	return 'row';
}

const day = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? new Date(v).toISOString().slice(0, 10) : undefined);
const positive = (v: unknown): number | undefined => (typeof v === 'number' && v > 0 ? v : undefined);

/** Options that pass through as numbers when set. */
const NUMERIC_OPTIONS = [
	'decideAt', 'earlyDecideAt', 'winRisk', 'loseRisk', 'minImpressions', 'minConversions', 'srmThreshold', 'targetLift',
	'credibleLevel', 'draws', 'budgetFloor', 'recentDays', 'driftBand', 'minHistoryDays', 'skewRatio', 'minSkewImpressions', 'seed',
] as const;

function numericOptions(o: IDataObject): Partial<Record<(typeof NUMERIC_OPTIONS)[number], number>> {
	return Object.fromEntries(NUMERIC_OPTIONS.filter((k) => typeof o[k] === 'number').map((k) => [k, o[k] as number]));
}

/** Parameters are read once: the node analyses all items together. */
function readOptions(ctx: IExecuteFunctions): OptimizeOptions {
	const source = ctx.getNodeParameter('source', 0) as PerformanceSource;
	const o = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const effort = ctx.getNodeParameter('manualEffort', 0, {}) as IDataObject;
	let mapping: PerformanceMapping | undefined;
	if (source === 'custom') {
		const m = ctx.getNodeParameter('mapping', 0, {}) as IDataObject;
		const field = (k: string) => (typeof m[k] === 'string' && m[k] !== '' ? (m[k] as string) : undefined);
		mapping = {
			date: field('date') ?? 'date',
			impressions: field('impressions') ?? 'impressions',
			clicks: field('clicks') ?? 'clicks',
			conversions: field('conversions'),
			cost: field('cost'),
			revenue: field('revenue'),
			currency: field('currency'),
			adId: field('adId'),
			remoteAdId: field('remoteAdId'),
			url: field('url'),
			platform: field('platform'),
			breakdowns: splitList(m.breakdowns),
		};
	}
	const from = day(o.baselineFrom);
	const to = day(o.baselineTo);
	if ((from === undefined) !== (to === undefined)) {
		throw new NodeOperationError(ctx.getNode(), 'Set both Baseline From and Baseline To, or neither');
	}
	const referenceShares = parseJsonParameter<Record<string, Record<string, number>>>(ctx, 'Reference Shares', o.referenceShares);
	return {
		source,
		mapping,
		metric: ctx.getNodeParameter('metric', 0) as OptimizeOptions['metric'],
		...numericOptions(o),
		totalBudget: positive(o.totalBudget),
		onLoser: o.onLoser as OptimizeOptions['onLoser'],
		protectedAttributes: splitList(o.protectedAttributes),
		referenceShares: referenceShares && Object.keys(referenceShares).length ? referenceShares : undefined,
		currency: (o.currency as string) || undefined,
		defaultCurrency: (o.defaultCurrency as string) || undefined,
		metaConversionAction: (o.metaConversionAction as string) || undefined,
		baseline: { period: from && to ? { from, to } : undefined, cpa: positive(o.baselineCpa), roas: positive(o.baselineRoas) },
		manualEffort: Object.fromEntries(Object.entries(effort).filter(([, v]) => typeof v === 'number')) as Partial<ManualEffort>,
		now: new Date().toISOString(),
	};
}

export class AdOptimizerV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ad Optimizer',
		name: 'adOptimizer',
		icon: ICON,
		group: ['transform'],
		version: 1,
		subtitle: '={{"deciding on " + $parameter["metric"]}}',
		description:
			'Reads ad performance, picks A/B winners with Bayesian statistics, splits the budget by Thompson sampling, raises drift and fairness alerts, and feeds what won back to the Ad Generator',
		defaults: { name: 'Ad Optimizer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Decisions', 'Regenerate', 'Alerts', 'Report', 'Rejected'],
		usableAsTool: true,
		properties: adOptimizerProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const allInputs: IPairedItemData[] = items.map((_, item) => ({ item }));
		const rejectedOut: INodeExecutionData[] = [];
		try {
			const options = readOptions(this);
			const variants: AdVariant[] = [];
			const variantItem: number[] = [];
			const personas: Persona[] = [];
			const personaItem: number[] = [];
			const summaries: RunSummary[] = [];
			const deployments: RemoteIdSource[] = [];
			const rows: unknown[] = [];
			const rowItem: number[] = [];
			items.forEach((item, i) => {
				const kind = kindOf(item.json);
				try {
					if (kind === 'variant') {
						variants.push(assertContract('ad variant', AdVariantSchema, item.json, i));
						variantItem.push(i);
					} else if (kind === 'persona') {
						personas.push(assertContract('persona', PersonaSchema, item.json, i));
						personaItem.push(i);
					} else if (kind === 'runSummary') {
						summaries.push(assertContract('run summary', RunSummarySchema, item.json, i));
					} else if (kind === 'deployment') {
						deployments.push({ adId: item.json.adId as string, remoteIds: item.json.remoteIds as Record<string, string> });
					} else {
						rows.push(item.json);
						rowItem.push(i);
					}
				} catch (error) {
					if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, i);
					rejectedOut.push({ json: { kind: 'rejectedItem', reason: 'invalid', itemIndex: i, error: errorMessage(error) }, pairedItem: { item: i } });
				}
			});
			if (variants.length === 0 && rows.length > 0) {
				throw new NodeOperationError(this.getNode(), 'No ad variants in the input: performance rows cannot be joined to anything', {
					description: "Merge the Ad Generator's variants (kind adVariant) with the performance rows into this node's input.",
				});
			}

			const result = optimize({ variants, rows, personas, runSummaries: summaries, deployments }, options);

			const itemOfAd = new Map(variants.map((v, k) => [v.adId, variantItem[k]]));
			const rowsOfAd = new Map<string, number[]>();
			for (const r of [...result.ingest.rows, ...result.ingest.breakdownRows]) rowsOfAd.set(r.adId, [...(rowsOfAd.get(r.adId) ?? []), rowItem[r.index]]);
			const pairOfAd = (adId: string): IPairedItemData[] => [itemOfAd.get(adId)!, ...(rowsOfAd.get(adId) ?? [])].map((item) => ({ item }));

			const decisions = result.decisions.map((d) => ({ json: d as unknown as IDataObject, pairedItem: pairOfAd(d.adId) }));
			const regenerate = result.regenerate.map((r) => ({ json: r.persona as unknown as IDataObject, pairedItem: { item: personaItem[r.personaIndex] } }));
			const alerts = result.alerts.map((a) => {
				const related = variants.filter((v) => (a.adId ? v.adId === a.adId : a.personaId ? v.personaId === a.personaId && (!a.channel || v.channel === a.channel) : a.segmentId ? v.segmentId === a.segmentId : false));
				return { json: a as unknown as IDataObject, pairedItem: related.length ? related.map((v) => ({ item: itemOfAd.get(v.adId)! })) : allInputs };
			});
			const report = [{ json: result.report as unknown as IDataObject, pairedItem: allInputs }];
			for (const r of result.ingest.rejected) {
				rejectedOut.push({ json: { kind: 'rejectedRow', reason: r.reason, itemIndex: rowItem[r.index], errors: r.errors as unknown as IDataObject[], row: rows[r.index] as IDataObject }, pairedItem: { item: rowItem[r.index] } });
			}
			for (const u of result.ingest.unmatched) {
				rejectedOut.push({ json: { kind: 'unmatchedRow', reason: u.reason, itemIndex: rowItem[u.index], adId: u.adId, remoteAdId: u.remoteAdId, utmContent: u.utmContent, row: rows[u.index] as IDataObject }, pairedItem: { item: rowItem[u.index] } });
			}
			rejectedOut.sort((a, b) => (a.json.itemIndex as number) - (b.json.itemIndex as number));
			return [decisions, regenerate, alerts, report, rejectedOut];
		} catch (error) {
			if (this.continueOnFail()) {
				return [[{ json: { error: errorMessage(error) }, pairedItem: allInputs }], [], [], [], rejectedOut];
			}
			throw toNodeError(this.getNode(), error);
		}
	}
}
