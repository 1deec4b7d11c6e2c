import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { addRunSummaries, adRunSummary, channelsOf, generateAds, generateAdsWithLlm, normalizeBrief } from '../../../lib/ads';
import type { LlmAdStats } from '../../../lib/ads';
import type { CampaignBrief } from '../../../lib/ads/brief';
import type { AdChannel, Persona, RunSummary } from '../../../lib/contracts';
import { Persona as PersonaSchema, assertContract } from '../../../lib/contracts';
import { stableStringify } from '../../../lib/util/hash';
import { toNodeError } from '../../shared/errors';
import { CHAT_MODEL_INPUT, createNodeLlmClient, llmErrorToNodeError, LLM_CREDENTIAL } from '../../shared/llm';
import { errorMessage, splitList } from '../../shared/params';
import { ICON } from '../../shared/versioned';
import { adGeneratorProperties } from './properties';

/** The brief as written in the parameters for one item (expressions may differ per persona). */
function readBrief(ctx: IExecuteFunctions, i: number, o: IDataObject): CampaignBrief {
	const existing = typeof o.existingAds === 'string' ? o.existingAds.split('\n').map((s) => s.trim()).filter(Boolean) : [];
	return {
		brand: ctx.getNodeParameter('brand', i) as string,
		product: ctx.getNodeParameter('product', i) as string,
		goal: ctx.getNodeParameter('goal', i) as CampaignBrief['goal'],
		landingUrl: ctx.getNodeParameter('landingUrl', i) as string,
		channels: ctx.getNodeParameter('channels', i) as AdChannel[],
		variantsPerPersona: ctx.getNodeParameter('variantsPerPersona', i) as number,
		offer: (o.offer as string) || undefined,
		tone: (o.tone as string) || undefined,
		language: (o.language as string) || 'en',
		bannedWords: splitList(o.bannedWords) ?? [],
		requiredPhrases: splitList(o.requiredPhrases) ?? [],
		existingAds: existing.length ? existing : undefined,
	};
}

export class AdGeneratorV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ad Generator',
		name: 'adGenerator',
		icon: ICON,
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["mode"] === "llm" ? "with a model" : "offline"}}',
		description:
			"Writes A/B ad variants per persona and channel (Google, Meta, LinkedIn, Microsoft, X, email) that pass each platform's format rules, with creative briefs and UTM links",
		defaults: { name: 'Ad Generator' },
		inputs: [NodeConnectionTypes.Main, CHAT_MODEL_INPUT],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Ad Variants', 'Rejected', 'Run Summary'],
		usableAsTool: true,
		credentials: [{ name: LLM_CREDENTIAL, required: false, displayOptions: { show: { mode: ['llm'] } } }],
		properties: adGeneratorProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const variantsOut: INodeExecutionData[] = [];
		const rejectedOut: INodeExecutionData[] = [];
		const mode = this.getNodeParameter('mode', 0) as 'offline' | 'llm';
		const now = new Date().toISOString();
		let summary: RunSummary = adRunSummary({ mode, model: null, units: 0, outputs: 0, createdAt: now });

		// Personas that share a brief are generated together (one batch, bounded concurrency).
		const groups = new Map<string, { brief: CampaignBrief; options: IDataObject; personas: Persona[]; indexes: number[] }>();
		for (let i = 0; i < items.length; i++) {
			try {
				const persona = assertContract('persona', PersonaSchema, items[i].json, i);
				const options = this.getNodeParameter('options', i, {}) as IDataObject;
				const brief = readBrief(this, i, options);
				const key = stableStringify({ brief, seed: options.seed, temperature: options.temperature, model: mode === 'llm' ? this.getNodeParameter('model', i, '') : '' });
				const group = groups.get(key) ?? { brief, options, personas: [], indexes: [] };
				group.personas.push(persona);
				group.indexes.push(i);
				groups.set(key, group);
			} catch (error) {
				if (this.continueOnFail()) {
					variantsOut.push({ json: { error: errorMessage(error) }, pairedItem: { item: i } });
					continue;
				}
				throw toNodeError(this.getNode(), error, i);
			}
		}

		for (const group of groups.values()) {
			const itemOf = new Map(group.personas.map((p, k) => [p.personaId, group.indexes[k]]));
			try {
				const generateOptions = {
					seed: group.options.seed as number | undefined,
					now,
					channels: group.brief.channels,
					variantsPerPersona: group.brief.variantsPerPersona,
				};
				let result;
				let stats: LlmAdStats | undefined;
				let model: string | null = null;
				if (mode === 'llm') {
					const client = await createNodeLlmClient(this, {
						model: this.getNodeParameter('model', group.indexes[0], '') as string,
						temperature: group.options.temperature as number | undefined,
						concurrency: group.options.concurrency as number | undefined,
						maxRetries: group.options.maxRetries as number | undefined,
					});
					try {
						const llmResult = await generateAdsWithLlm(group.personas, group.brief, client, {
							...generateOptions,
							temperature: group.options.temperature as number | undefined,
							onLlmError: (group.options.onLlmError as 'fallback' | 'throw' | undefined) ?? 'fallback',
						});
						result = llmResult;
						stats = llmResult.stats;
						model = llmResult.variants.find((v) => typeof v.model === 'string')?.model ?? client.model;
					} catch (error) {
						throw llmErrorToNodeError(this.getNode(), error, group.indexes[0]);
					}
				} else {
					result = generateAds(group.personas, group.brief, generateOptions);
				}
				const units = group.personas.length * channelsOf(normalizeBrief(group.brief)).length;
				summary = addRunSummaries(summary, adRunSummary({ mode, model, units, outputs: result.variants.length, createdAt: now, stats }));
				for (const variant of result.variants) {
					variantsOut.push({ json: variant as unknown as IDataObject, pairedItem: { item: itemOf.get(variant.personaId) ?? group.indexes[0] } });
				}
				for (const rejected of result.rejected) {
					rejectedOut.push({ json: rejected as unknown as IDataObject, pairedItem: { item: itemOf.get(rejected.personaId) ?? group.indexes[0] } });
				}
			} catch (error) {
				if (this.continueOnFail()) {
					for (const item of group.indexes) {
						variantsOut.push({ json: { error: errorMessage(error) }, pairedItem: { item } });
					}
					continue;
				}
				throw toNodeError(this.getNode(), error, group.indexes[0]);
			}
		}
		const summaryOut: INodeExecutionData[] = [
			{ json: summary as unknown as IDataObject, pairedItem: items.map((_, item) => ({ item })) },
		];
		return [variantsOut, rejectedOut, summaryOut];
	}
}
