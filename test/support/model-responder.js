// @ts-check
// A stand-in model for the local OpenAI-compatible server, in plain JavaScript so that scripts (the
// end-to-end run) can use it without compiling the tests. It answers the two kinds of request this
// package's nodes make, and marks what it writes so a check can tell model output from offline output:
//  - Persona Builder (a fenced data block with `evidence` and `draft`): the draft, each statement
//    citing the evidence whose claim it is, the summary carrying MODEL_MARK;
//  - Ad Generator (user content is JSON with `audience` and `brief`, schema `ad_variants_<channel>`):
//    the offline generator's variants for that audience, the brief in the prompt and the brief the
//    caller gives (banned words and required phrases are not in the user content), as a model
//    would write them, each image prompt carrying MODEL_MARK. Requests of any other shape get a 500, so a check sees them.
'use strict';

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const MODEL_MARK = 'Model-written';

/** @param {any} body */
function userText(body) {
	const user = body.messages.find((/** @type {any} */ m) => m.role === 'user');
	if (!user) return '';
	return typeof user.content === 'string' ? user.content : user.content.map((/** @type {any} */ p) => p.text ?? '').join('');
}

/** @param {any} body */
function personaAnswer(body) {
	const { fencedBlocks } = require(path.join(ROOT, 'dist/lib/llm/guard.js'));
	const blocks = fencedBlocks(userText(body));
	if (blocks.length !== 1) return undefined;
	const data = JSON.parse(blocks[0]);
	if (!data || !Array.isArray(data.evidence) || !data.draft) return undefined;
	const ids = (/** @type {string} */ text) => data.evidence.filter((/** @type {any} */ e) => e.claim === text).map((/** @type {any} */ e) => e.id);
	const list = (/** @type {string} */ field) => (data.draft[field] || []).map((/** @type {string} */ text) => ({ text, evidence: ids(text) }));
	return {
		// The Ad Generator strips the persona's name from what it writes: keep the mark out of it.
		name: `Mona Modelle ${String(data.segment?.segmentId ?? '')}`.trim(),
		summary: { text: `${MODEL_MARK}. ${String(data.draft.summary)}`, evidence: data.evidence.slice(0, 2).map((/** @type {any} */ e) => e.id) },
		motivations: list('motivations'),
		goals: list('goals'),
		painPoints: list('painPoints'),
		objections: list('objections'),
		keyMessages: list('keyMessages'),
		tone: { text: String(data.draft.tone ?? 'Warm and concise'), evidence: data.evidence.slice(0, 1).map((/** @type {any} */ e) => e.id) },
		keywords: data.draft.keywords ?? [],
	};
}

/**
 * @param {any} body
 * @param {{ brief: Record<string, unknown> }} options
 */
function adAnswer(body, options) {
	const name = body.response_format?.json_schema?.name;
	if (typeof name !== 'string' || !name.startsWith('ad_variants_')) return undefined;
	const channel = name.slice('ad_variants_'.length);
	const data = JSON.parse(userText(body));
	const a = data.audience;
	const { generateAds } = require(path.join(ROOT, 'dist/lib/ads/generate.js'));
	const { getFormat } = require(path.join(ROOT, 'dist/lib/ads/registry.js'));
	const persona = {
		kind: 'persona',
		personaId: 'audience',
		segmentId: 'audience',
		name: 'Audience',
		summary: a.summary,
		demographics: '',
		motivations: a.motivations,
		goals: a.goals,
		painPoints: a.painPoints,
		objections: a.objections,
		preferredChannels: [],
		preferredTimes: [],
		tone: a.tone,
		keyMessages: a.keyMessages,
		keywords: a.keywords,
		evidence: a.evidence.map((/** @type {string} */ claim) => ({ claim, feature: 'evidence', value: claim })),
		generator: 'model',
	};
	const offline = generateAds([persona], options.brief, { seed: 5, channels: [channel], variantsPerPersona: data.variants });
	const format = getFormat(channel);
	const variants = offline.variants.map((/** @type {any} */ v) => {
		/** @type {Record<string, string | string[]>} */
		const fields = {};
		for (const f of format.fields) {
			const value = v.fields[f.name];
			if (value === undefined) fields[f.name] = f.kind === 'list' ? [] : '';
			else if (typeof value === 'string') fields[f.name] = value.replace(/\s*https?:\/\/\S+/g, '').trim();
			else fields[f.name] = [...value];
		}
		return { angle: v.angle ?? 'benefit', fields, cta: v.cta ?? '', imagePrompt: `${MODEL_MARK} scene: ${v.imagePrompt || 'soft daylight on a wooden table, warm palette'}` };
	});
	return { variants };
}

/**
 * The responder for startOpenAiServer.
 * @param {{ brief: Record<string, unknown> }} options the Ad Generator's brief (brand, product, goal,
 *   landingUrl, offer, bannedWords, requiredPhrases), as the template sets it
 */
function modelResponder(options) {
	return (/** @type {any} */ body) => {
		const answer = personaAnswer(body) ?? adAnswer(body, options);
		if (answer === undefined) throw new Error('a request this stand-in model does not know');
		return answer;
	};
}

module.exports = { modelResponder, MODEL_MARK };
