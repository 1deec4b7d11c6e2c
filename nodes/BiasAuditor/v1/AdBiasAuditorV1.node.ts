import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { auditAds, type AuditCustomer, type AuditOptions, type AuditOverride } from '../../../lib/audit/audit';
import type { AuditBrief, RuleFamily, Severity } from '../../../lib/audit/types';
import type { AdVariant, Segment, SpecialAdCategory, Targeting } from '../../../lib/contracts';
import { AdVariant as AdVariantSchema, Segment as SegmentSchema, Targeting as TargetingSchema, assertContract } from '../../../lib/contracts';
import { toNodeError } from '../../shared/errors';
import { errorMessage, parseJsonParameter, splitList } from '../../shared/params';
import { ICON } from '../../shared/versioned';
import { biasAuditorProperties } from './properties';

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

function readBrief(o: IDataObject): AuditBrief {
	const claims = typeof o.claims === 'string'
		? o.claims
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean)
				.map((line) => {
					const [claim, ...rest] = line.split('|');
					return { claim: claim.trim(), source: rest.join('|').trim() };
				})
				.filter((c) => c.claim.length > 0)
		: [];
	return {
		brand: (o.brand as string) || undefined,
		product: (o.product as string) || undefined,
		offer: (o.offer as string) || undefined,
		description: (o.description as string) || undefined,
		claims,
		competitors: splitList(o.competitors) ?? [],
		declaredCategories: (o.declaredCategories as SpecialAdCategory[] | undefined) ?? [],
	};
}

function readSeverities(ctx: IExecuteFunctions, value: unknown): Record<string, Severity> {
	const out: Record<string, Severity> = {};
	for (const entry of splitList(value) ?? []) {
		const [rule, severity] = entry.split('=').map((s) => s.trim());
		if (!rule || !SEVERITIES.includes(severity as Severity)) {
			throw new NodeOperationError(ctx.getNode(), `Severities: "${entry}" is not "rule = info | warning | critical"`, {
				description: 'Write each entry as a rule ID or family, "=", and a severity, separated by commas.',
			});
		}
		out[rule] = severity as Severity;
	}
	return out;
}

/** Which kind of record an audience-side item is. */
function kindOf(json: IDataObject): 'adVariant' | 'segment' | 'targeting' | 'customer' | null {
	if (json.kind === 'adVariant' || json.kind === 'segment' || json.kind === 'targeting') return json.kind;
	if (typeof json.segmentId === 'string' && (json.customerId !== undefined || json.attributes !== undefined)) return 'customer';
	return null;
}

export class AdBiasAuditorV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bias Auditor',
		name: 'adBiasAuditor',
		icon: ICON,
		group: ['transform'],
		version: 1,
		subtitle: 'approve, review or block ads',
		description:
			'Checks ad variants against platform editorial and personal-attribute policies, claims, inclusive language, personal data and special ad categories, and audience fairness; routes each ad to Approved, Needs Review or Blocked',
		defaults: { name: 'Bias Auditor' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		inputNames: ['Ads', 'Audience'],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Approved', 'Needs Review', 'Blocked', 'Report'],
		usableAsTool: true,
		properties: biasAuditorProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const inputs = [this.getInputData(0) ?? [], this.getInputData(1) ?? []];
		const approved: INodeExecutionData[] = [];
		const review: INodeExecutionData[] = [];
		const blocked: INodeExecutionData[] = [];
		const reportOut: INodeExecutionData[] = [];

		const ads: AdVariant[] = [];
		const adPairs: IPairedItemData[] = [];
		const segments: Segment[] = [];
		const customers: AuditCustomer[] = [];
		const targeting: Targeting[] = [];
		const rejected: Array<{ input: number; item: number; reason: string }> = [];
		const allPairs: IPairedItemData[] = [];

		inputs.forEach((items, input) => {
			items.forEach((item, i) => {
				allPairs.push({ item: i, input });
				const json = item.json;
				try {
					const kind = kindOf(json);
					if (kind === 'adVariant') {
						ads.push(assertContract('adVariant', AdVariantSchema, json, i) as AdVariant);
						adPairs.push({ item: i, input });
					} else if (kind === 'segment') segments.push(assertContract('segment', SegmentSchema, json, i) as Segment);
					else if (kind === 'targeting') targeting.push(assertContract('targeting', TargetingSchema, json, i) as Targeting);
					else if (kind === 'customer') customers.push(json as unknown as AuditCustomer);
					else {
						throw new NodeOperationError(this.getNode(), `Input ${input + 1}, item ${i} is neither an ad variant, a segment, a customer with a segmentId nor a targeting (kind "targeting")`, {
							itemIndex: i,
							description: 'Connect the Ad Generator to the first input and the Customer Segmenter (or targeting items) to the second.',
						});
					}
				} catch (error) {
					if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, i);
					rejected.push({ input, item: i, reason: errorMessage(error) });
					blocked.push({ json: { error: errorMessage(error) }, pairedItem: { item: i, input } });
				}
			});
		});

		try {
			const brief = readBrief(this.getNodeParameter('brief', 0, {}) as IDataObject);
			const fromParameter = parseJsonParameter<unknown>(this, 'Intended Targeting (JSON)', this.getNodeParameter('targeting', 0, '[]')) ?? [];
			const list = Array.isArray(fromParameter) ? fromParameter : [fromParameter];
			list.forEach((t, k) => {
				targeting.push(assertContract('targeting', TargetingSchema, { kind: 'targeting', ...(t as IDataObject) }, k) as Targeting);
			});
			const o = this.getNodeParameter('options', 0, {}) as IDataObject;
			const overrides = ((this.getNodeParameter('overrides', 0, {}) as IDataObject).override as AuditOverride[] | undefined) ?? [];
			const options: AuditOptions = {
				disabledRules: splitList(o.disabledRules) ?? [],
				disabledFamilies: (o.disabledFamilies as RuleFamily[] | undefined) ?? [],
				severities: readSeverities(this, o.severities),
				thresholds: {
					...(o.fourFifths !== undefined ? { fourFifths: o.fourFifths as number } : {}),
					...(o.maxParityDifference !== undefined ? { maxParityDifference: o.maxParityDifference as number } : {}),
					...(o.minGroupSize !== undefined ? { minGroupSize: o.minGroupSize as number } : {}),
					...(o.minZ !== undefined ? { minZ: o.minZ as number } : {}),
				},
				overrides,
				detectCategoriesInCopy: o.detectCategoriesInCopy === undefined ? true : (o.detectCategoriesInCopy as boolean),
			};
			const result = auditAds({ ads, segments, customers, targeting, brief }, options);
			result.ads.forEach((ad, k) => {
				const out = { json: ad as unknown as IDataObject, pairedItem: adPairs[k] };
				const v = ad.audit!.verdict;
				(v === 'pass' ? approved : v === 'review' ? review : blocked).push(out);
			});
			reportOut.push({
				json: {
					...(result.report as unknown as IDataObject),
					inputs: { ads: ads.length, segments: segments.length, customers: customers.length, targeting: targeting.length, rejected: rejected.length },
					rejected,
				} as IDataObject,
				pairedItem: allPairs.length ? allPairs : [{ item: 0 }],
			});
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, 0);
			reportOut.push({ json: { error: errorMessage(error) }, pairedItem: allPairs.length ? allPairs : [{ item: 0 }] });
		}
		return [approved, review, blocked, reportOut];
	}
}
