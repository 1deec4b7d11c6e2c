import { generateAds } from '../../../lib/ads/generate';
import { buildAdPrompt } from '../../../lib/ads/llmPrompt';
import { getFormat } from '../../../lib/ads/registry';
import type { CampaignBrief } from '../../../lib/ads/brief';
import type { AdChannel, AdVariant } from '../../../lib/contracts/adVariant';
import type { Persona } from '../../../lib/contracts/persona';
import { stableStringify } from '../../../lib/util/hash';
import { Rng } from '../../../lib/util/rng';

/** One variant as a model writes it (the shape buildAdPrompt's schema asks for). */
export interface ModelItem {
	angle: string;
	fields: Record<string, string | string[]>;
	cta: string;
	imagePrompt: string;
}

export type Corruption = 'overLong' | 'duplicate' | 'bannedWord' | 'missingPhrase' | 'unbackedNumber' | 'superlative';

export const CORRUPTIONS: Corruption[] = ['overLong', 'duplicate', 'bannedWord', 'missingPhrase', 'unbackedNumber', 'superlative'];

interface ChatBody {
	messages: Array<{ role: string; content: string }>;
	response_format?: { type: string; json_schema?: { name: string } };
}


/** The offline generator's variant as the model would have written it (no link, every schema field). */
export function toModelItem(v: AdVariant): ModelItem {
	const format = getFormat(v.channel);
	const fields: Record<string, string | string[]> = {};
	for (const f of format.fields) {
		const value = (v.fields as Record<string, string | string[]>)[f.name];
		if (value === undefined) fields[f.name] = f.kind === 'list' ? [] : '';
		else if (typeof value === 'string') fields[f.name] = value.replace(/\s*https?:\/\/\S+/g, '').trim();
		else fields[f.name] = [...value];
	}
	return { angle: v.angle ?? 'benefit', fields, cta: v.cta ?? '', imagePrompt: v.imagePrompt ?? '' };
}

function mapFields(item: ModelItem, fn: (text: string) => string): ModelItem {
	const fields: Record<string, string | string[]> = {};
	for (const [k, v] of Object.entries(item.fields)) fields[k] = Array.isArray(v) ? v.map(fn) : v === '' ? v : fn(v);
	return { ...item, fields };
}

/** Make one variant fail in one specific way (`first` is the unit's first variant, for duplicates). */
export function corrupt(item: ModelItem, kind: Corruption, channel: AdChannel, first: ModelItem): ModelItem {
	const format = getFormat(channel);
	switch (kind) {
		case 'duplicate':
			return JSON.parse(JSON.stringify(first)) as ModelItem;
		case 'overLong': {
			const rule = format.fields.find((f) => f.role === 'headline') ?? format.fields[0];
			const pad = (t: string) => {
				let out = t;
				while ([...out].length <= rule.maxLength) out += ' with room to roam';
				return out;
			};
			const value = item.fields[rule.name];
			const fields = { ...item.fields, [rule.name]: Array.isArray(value) ? [pad(value[0]), ...value.slice(1)] : pad(value) };
			return { ...item, fields };
		}
		case 'bannedWord': {
			const rule = format.fields.find((f) => f.role === 'body') ?? format.fields[0];
			const value = item.fields[rule.name];
			const add = (t: string) => `Cheap ${t.charAt(0).toLowerCase()}${t.slice(1)}`;
			const fields = { ...item.fields, [rule.name]: Array.isArray(value) ? [add(value[0]), ...value.slice(1)] : add(value) };
			return { ...item, fields };
		}
		case 'missingPhrase':
			return mapFields(item, (t) => t.replace(/free returns/gi, 'Easy exchanges'));
		case 'unbackedNumber':
			return mapFields(item, (t) => t.replace(/(\w+)/, '$1 97'));
		case 'superlative':
			return mapFields(item, (t) => t.replace(/(\w+)/, '$1 best'));
	}
}

export interface ResponderOptions {
	personas: Persona[];
	brief: CampaignBrief;
	channels: AdChannel[];
	variants: number;
	/** Corruptions of the unit's first answer, by variant slot (null: that slot stays valid). */
	firstAnswer?: (unit: { personaIndex: number; channel: AdChannel }) => Array<Corruption | null> | null;
	/** What the repair answer does: 'fix' returns the valid variants, 'same' returns the bad ones again. */
	repair?: 'fix' | 'same' | ((item: ModelItem, unit: { personaIndex: number; channel: AdChannel }) => ModelItem);
}

export interface AdResponder {
	(body: ChatBody): unknown;
	/** Valid model items per unit (`${personaIndex}|${channel}`). */
	readonly good: Map<string, ModelItem[]>;
	/** Items the responder corrupted, by stable key, with the valid item that replaces them on repair. */
	readonly fixes: Map<string, ModelItem>;
	/** Unit of a request (by the audience data and the schema name). */
	unitOf(body: ChatBody): { personaIndex: number; channel: AdChannel };
}

const REPAIR_MARK = /rejected by the format check/;

/** The JSON of the failing variants a repair request carries (its last user message ends with it). */
export function repairItems(body: ChatBody): ModelItem[] {
	const message = body.messages.find((m) => m.role === 'user' && REPAIR_MARK.test(m.content));
	if (!message) throw new Error('not a repair request');
	const at = message.content.indexOf('{\n  "variants"');
	return (JSON.parse(message.content.slice(at)) as { variants: ModelItem[] }).variants;
}

export function isRepairRequest(body: ChatBody): boolean {
	return body.messages.some((m) => m.role === 'user' && REPAIR_MARK.test(m.content));
}

/**
 * A stand-in model for the Ad Generator: answers with the offline generator's (valid) variants for
 * the persona and channel it is asked about, corrupting the first answer as told; repair requests
 * get the valid variant back for each corrupted one it recognises (or the same bad one).
 */
export function adResponder(options: ResponderOptions): AdResponder {
	const offline = generateAds(options.personas, options.brief, {
		seed: 5,
		channels: options.channels,
		variantsPerPersona: options.variants,
	});
	const good = new Map<string, ModelItem[]>();
	for (const v of offline.variants) {
		const pi = options.personas.findIndex((p) => p.personaId === v.personaId);
		const key = `${pi}|${v.channel}`;
		const list = good.get(key) ?? [];
		list.push(toModelItem(v));
		good.set(key, list);
	}
	const byAudience = new Map<string, number>();
	options.personas.forEach((p, i) => {
		const data = JSON.parse(buildAdPrompt(p, options.brief, options.channels[0], 1).user) as { audience: unknown };
		byAudience.set(stableStringify(data.audience), i);
	});
	const fixes = new Map<string, ModelItem>();
	const unitOf = (body: ChatBody) => {
		const user = body.messages.find((m) => m.role === 'user');
		const data = JSON.parse(user?.content ?? '{}') as { audience: unknown };
		const personaIndex = byAudience.get(stableStringify(data.audience));
		const name = body.response_format?.json_schema?.name ?? '';
		// JSON mode sends no schema name: recognise the channel by its system prompt.
		const system = body.messages[0]?.content ?? '';
		const channel = name
			? options.channels.find((c) => name === `ad_variants_${c}`)
			: options.channels.find((c) =>
					Array.from({ length: options.variants }, (_, k) => k + 1).some(
						(k) => buildAdPrompt(options.personas[personaIndex ?? 0], options.brief, c, k).system === system,
					),
				);
		if (personaIndex === undefined || channel === undefined) throw new Error('responder: unknown unit');
		return { personaIndex, channel };
	};
	const respond = (body: ChatBody) => {
		const unit = unitOf(body);
		const items = good.get(`${unit.personaIndex}|${unit.channel}`) ?? [];
		if (isRepairRequest(body)) {
			const mode = options.repair ?? 'fix';
			return {
				variants: repairItems(body).map((bad) => {
					if (typeof mode === 'function') return mode(bad, unit);
					if (mode === 'same') return bad;
					return fixes.get(stableStringify(bad)) ?? bad;
				}),
			};
		}
		const plan = options.firstAnswer?.(unit) ?? null;
		const answer = items.map((item, slot) => {
			const kind = plan?.[slot] ?? null;
			if (!kind) return item;
			const bad = corrupt(item, kind, unit.channel, items[0]);
			fixes.set(stableStringify(bad), item);
			return bad;
		});
		return { variants: answer };
	};
	return Object.assign(respond, { good, fixes, unitOf });
}

/** A seeded plan: each unit's first answer corrupted with probability `rate`, one random slot and kind. */
export function randomPlan(seed: number, rate: number, variants: number) {
	return (unit: { personaIndex: number; channel: AdChannel }): Array<Corruption | null> | null => {
		const rng = new Rng(`${seed}|${unit.personaIndex}|${unit.channel}`);
		if (rng.next() >= rate) return null;
		const plan: Array<Corruption | null> = Array.from({ length: variants }, () => null);
		const slot = 1 + Math.floor(rng.next() * Math.max(1, variants - 1));
		plan[Math.min(slot, variants - 1)] = CORRUPTIONS[Math.floor(rng.next() * CORRUPTIONS.length)];
		return plan;
	};
}
