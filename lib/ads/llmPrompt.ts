/**
 * What the Ad Generator sends a model: the prompt with the channel's limits spelled out (from the
 * registry), the answer's JSON schema and its zod twin, and the targeted repair message that sends
 * back only the variants that failed, each with what is wrong with which field.
 */
import { z } from 'zod';
import type { ZodType, ZodTypeAny, ZodTypeDef } from 'zod';

import type { AdChannel, ValidationIssue } from '../contracts/adVariant';
import type { Persona } from '../contracts/persona';
import { feedbackFor, feedbackPrompt } from './feedback';
import type { CampaignBrief } from './brief';
import { normalizeBrief } from './brief';
import { ANGLES } from './copy/angles';
import type { ChannelFormat } from './registry';
import { getFormat } from './registry';

export type AnswerSchema = ZodType<unknown, ZodTypeDef, unknown>;

function describeField(format: ChannelFormat): string[] {
	const lines: string[] = [];
	for (const f of format.fields) {
		const count = f.kind === 'list' ? `${f.minItems ?? 0}-${f.maxItems ?? 'any'} items, each ` : '';
		const limit =
			f.recommendedLength !== undefined && f.recommendedLength < f.maxLength
				? `at most ${f.recommendedLength} characters (hard limit ${f.maxLength})`
				: `at most ${f.maxLength} characters`;
		const min = f.minLength !== undefined ? `, at least ${f.minLength} characters` : '';
		const opt = f.required ? '' : ' (optional: use "" to leave it out)';
		lines.push(`- ${f.name} (${f.label}): ${count}${limit}${min}${opt}`);
	}
	return lines;
}

function countingRule(format: ChannelFormat): string {
	switch (format.counting) {
		case 'google':
			return 'Lengths count like Google Ads: {KeyWord:default text} counts as its default text; Chinese, Japanese, Korean and other full-width characters count 2.';
		case 'x':
			return 'Lengths count like X: every link counts 23, Chinese, Japanese, Korean characters and emoji count 2. Do not include a link: it is added for you (23 characters are reserved).';
		default:
			return 'Lengths are Unicode characters.';
	}
}

function ctaRule(format: ChannelFormat): string {
	switch (format.cta.mode) {
		case 'enum':
			return `cta: exactly one of ${(format.cta.allowed ?? []).join(', ')}.`;
		case 'free':
			return `cta: button text of at most ${format.cta.maxLength ?? 30} characters.`;
		default:
			return 'cta: "" (this format has no button).';
	}
}

function editorialRules(format: ChannelFormat): string[] {
	if (format.counting === 'google') {
		return [
			'No exclamation marks in headlines; at most one per description.',
			'No emoji, no repeated punctuation ("!!", "?!"), no words in capitals (acronyms and the brand excepted), no spaced-out letters, no phone numbers.',
			format.dki
				? 'Keyword insertion {KeyWord:default text} is allowed; the default must fit the limit.'
				: 'No placeholders or keyword insertion.',
		];
	}
	return ['No repeated punctuation ("!!", "?!"), no placeholders such as {keyword} or [brand].'];
}

export function stripName(text: string, name: string): string {
	if (name.trim().length < 2) return text;
	let out = text;
	for (const part of name.split(/\s+/).filter((w) => w.length >= 2)) {
		out = out.split(part).join('this audience');
	}
	return out;
}

/**
 * Prompt for an OpenAI-compatible chat model: system rules (format limits spelled out, banned words,
 * required phrases, truthfulness), user content (the persona's non-PII data and the brief), and a
 * JSON schema (strict-mode compatible: every property required, no length keywords) for
 * `response_format: { type: 'json_schema', json_schema }`.
 */
export function buildAdPrompt(
	persona: Persona,
	brief: CampaignBrief,
	channel: AdChannel,
	n: number,
): {
	system: string;
	user: string;
	jsonSchema: { name: string; strict: true; schema: Record<string, unknown> };
} {
	const nb = normalizeBrief(brief);
	const format = getFormat(channel);
	if (!Number.isInteger(n) || n < 1 || n > 26)
		throw new Error(`n must be an integer from 1 to 26, got ${n}`);
	const test = feedbackFor(persona, channel);
	const system = [
		`You are a senior performance copywriter. Write ${n} distinct ${format.platform} ${format.format.replace(/_/g, ' ')} variants in the language "${nb.language}".`,
		'Rules:',
		...describeField(format),
		ctaRule(format),
		countingRule(format),
		...editorialRules(format),
		nb.bannedWords.length > 0
			? `Never use these words or phrases, not even inside other words' forms: ${nb.bannedWords.map((w) => `"${w}"`).join(', ')}.`
			: 'There are no banned words.',
		nb.requiredPhrases.length > 0
			? `Every variant must contain each of these phrases verbatim in at least one field: ${nb.requiredPhrases.map((w) => `"${w}"`).join(', ')}.`
			: 'There are no required phrases.',
		'Truthfulness: no numbers, prices or percentages except those given in the brief or key messages; no superlatives or rankings ("best", "#1", "leading"); no guarantees; no fake scarcity or deadlines; social proof only where the evidence below supports it.',
		'Privacy and fairness: never address or describe the reader by name, age, gender, ethnicity, health, finances or other personal attributes; write to the need, not the person.',
		`Each variant takes a different angle from: ${ANGLES.join(', ')}. No two variants may repeat each other's lines.`,
		'imagePrompt: a scene, mood and palette for the visual; no text in the image, no identifiable people, no names.',
		'Answer with JSON matching the schema only.',
	].join('\n');
	const user = JSON.stringify(
		{
			audience: {
				summary: stripName(persona.summary, persona.name),
				motivations: persona.motivations,
				goals: persona.goals,
				painPoints: persona.painPoints,
				objections: persona.objections,
				keyMessages: persona.keyMessages,
				keywords: persona.keywords,
				tone: persona.tone,
				evidence: persona.evidence.map((e) => e.claim),
			},
			brief: {
				brand: nb.brand,
				product: nb.product,
				offer: nb.offer ?? null,
				goal: nb.goal,
				brandTone: nb.tone ?? null,
				landingPage: nb.landingUrl.replace(/[?#].*$/, ''),
				existingAdsForStyle: (nb.existingAds ?? []).slice(0, 10),
			},
			variants: n,
			...(test ? { whatWorked: feedbackPrompt(test) } : {}),
		},
		null,
		2,
	);
	const fieldProps: Record<string, unknown> = {};
	for (const f of format.fields) {
		const desc = `${f.label}: ${f.kind === 'list' ? `${f.minItems}-${f.maxItems} items, each ` : ''}at most ${f.recommendedLength ?? f.maxLength} characters`;
		fieldProps[f.name] =
			f.kind === 'list'
				? {
						type: 'array',
						items: { type: 'string' },
						minItems: f.minItems ?? 0,
						maxItems: f.maxItems ?? 15,
						description: desc,
					}
				: { type: 'string', description: desc };
	}
	const ctaSchema =
		format.cta.mode === 'enum'
			? {
					type: 'string',
					enum: [...(format.cta.allowed ?? []), ...(format.cta.required ? [] : [''])],
				}
			: { type: 'string', description: format.cta.mode === 'none' ? 'Always ""' : 'Button text' };
	const schema = {
		type: 'object',
		additionalProperties: false,
		required: ['variants'],
		properties: {
			variants: {
				type: 'array',
				minItems: n,
				maxItems: n,
				items: {
					type: 'object',
					additionalProperties: false,
					required: ['angle', 'fields', 'cta', 'imagePrompt'],
					properties: {
						angle: { type: 'string', enum: [...ANGLES] },
						fields: {
							type: 'object',
							additionalProperties: false,
							required: format.fields.map((f) => f.name),
							properties: fieldProps,
						},
						cta: ctaSchema,
						imagePrompt: { type: 'string' },
					},
				},
			},
		},
	};
	return { system, user, jsonSchema: { name: `ad_variants_${channel}`, strict: true, schema } };
}

/**
 * Instructions for a repair round: only the failing fields, each with what is wrong. Issues about
 * the whole ad (required phrases, duplicates) are listed once.
 */
export function repairInstructions(issues: readonly ValidationIssue[]): string {
	if (issues.length === 0) return '';
	const byField = new Map<string, string[]>();
	for (const i of issues) {
		const list = byField.get(i.field) ?? [];
		if (!list.includes(i.message)) list.push(i.message);
		byField.set(i.field, list);
	}
	const lines = ['Fix only these fields and keep every other field exactly as it was:'];
	for (const [field, messages] of byField) lines.push(`- ${field}: ${messages.join('; ')}`);
	lines.push('Return the complete variant again as JSON matching the schema.');
	return lines.join('\n');
}

/**
 * The zod schema for an answer to {@link buildAdPrompt}'s JSON schema (object, array, string and
 * enum, with descriptions and item counts), built from that schema so the two never drift apart:
 * the client sends it back as the same JSON schema and validates the answer against it.
 */
export function zodFromAdJsonSchema(
	schema: Record<string, unknown>,
	path = '(root)',
): AnswerSchema {
	return convertJsonSchema(schema, path) as AnswerSchema;
}

function convertJsonSchema(schema: Record<string, unknown>, path: string): ZodTypeAny {
	let out: ZodTypeAny;
	if (Array.isArray(schema.enum)) {
		const values = schema.enum.filter((v): v is string => typeof v === 'string');
		if (values.length === 0 || values.length !== schema.enum.length) {
			throw new Error(`Ad answer schema at ${path}: enum must list strings`);
		}
		out = z.enum(values as [string, ...string[]]);
	} else if (schema.type === 'string') {
		out = z.string();
	} else if (schema.type === 'array') {
		let arr = z.array(convertJsonSchema(asSchema(schema.items, `${path}[]`), `${path}[]`));
		if (typeof schema.minItems === 'number') arr = arr.min(schema.minItems);
		if (typeof schema.maxItems === 'number') arr = arr.max(schema.maxItems);
		out = arr;
	} else if (schema.type === 'object') {
		const props = (schema.properties ?? {}) as Record<string, unknown>;
		const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
		const shape: Record<string, ZodTypeAny> = {};
		for (const [key, value] of Object.entries(props)) {
			const inner = convertJsonSchema(asSchema(value, `${path}.${key}`), `${path}.${key}`);
			shape[key] = required.includes(key) ? inner : inner.optional();
		}
		out = z.object(shape);
	} else {
		throw new Error(`Ad answer schema at ${path}: type ${String(schema.type)} is not supported`);
	}
	return typeof schema.description === 'string' ? out.describe(schema.description) : out;
}

function asSchema(value: unknown, path: string): Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new Error(`Ad answer schema at ${path}: expected a schema object`);
	}
	return value as Record<string, unknown>;
}

/** A failing issue as the model should read it (sibling ad ids mean nothing to the model). */
function issueForModel(issue: ValidationIssue, usedAngles: readonly string[]): ValidationIssue {
	if (issue.rule !== 'nearDuplicate') return issue;
	const avoid =
		usedAngles.length > 0 ? ` (the others use the angles ${usedAngles.join(', ')})` : '';
	return {
		...issue,
		message: `repeats another variant of this set; rewrite every line with a different angle and wording${avoid}`,
	};
}

/** The message of a targeted repair: per failing variant, what to fix; then those variants only. */
export function buildRepairMessage(
	failures: ReadonlyArray<{ issues: readonly ValidationIssue[]; item: unknown }>,
	usedAngles: readonly string[] = [],
): string {
	if (failures.length === 0)
		throw new Error('buildRepairMessage requires at least one failing variant');
	const parts = [
		`${failures.length === 1 ? 'This variant was' : `These ${failures.length} variants were`} rejected by the format check. ` +
			`Return exactly ${failures.length} corrected variant${failures.length === 1 ? '' : 's'}, in the same order, as JSON matching the schema.`,
	];
	failures.forEach((f, i) => {
		parts.push(
			`Variant ${i + 1}:\n${repairInstructions(f.issues.map((x) => issueForModel(x, usedAngles)))}`,
		);
	});
	parts.push(JSON.stringify({ variants: failures.map((f) => f.item) }, null, 2));
	return parts.join('\n\n');
}
