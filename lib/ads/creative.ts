/**
 * Creative brief and image prompt for an ad: scene, mood and palette from the angle and the brand's
 * register. Never people's names or other personal details.
 */
import type { AdChannel } from '../contracts/adVariant';
import type { Angle } from './copy/angles';
import type { AdFields } from './registry';
import { getFormat } from './registry';

export interface CreativeInput {
	brand: string;
	product: string;
	goal: string;
	register: 'formal' | 'casual' | 'neutral';
	/** A keyword the scene may evoke (none: an everyday setting). */
	sceneKeyword: string | null;
}

const ANGLE_BRIEFS: Record<Angle, { idea: string; mood: string }> = {
	benefit: { idea: 'show the product delivering what this audience values', mood: 'confident and aspirational' },
	pain: { idea: 'show the moment the everyday frustration is gone', mood: 'relieved and at ease' },
	social_proof: { idea: 'show the product as a well-used, returned-to favourite', mood: 'warm and trustworthy' },
	urgency: { idea: 'show the product ready to use right now', mood: 'bright, upbeat and unhurried' },
	objection: { idea: 'show the product clearly, details visible, nothing hidden', mood: 'clear and reassuring' },
};

const ASPECTS: Record<AdChannel, string> = {
	google_search: 'text only, no image',
	microsoft_search: 'text only, no image',
	google_display: 'landscape 1.91:1 and square 1:1 crops',
	meta_feed: 'square 1:1 (or 4:5 portrait)',
	linkedin: 'landscape 1.91:1',
	x_post: 'landscape 16:9',
	email: 'hero banner, 600 px wide, 2:1',
};

function paletteFor(input: CreativeInput): string {
	if (input.register === 'formal') return `deep navy, warm ivory and brushed brass, with ${input.brand}'s accent colour`;
	if (input.register === 'casual') return `sunny yellows, fresh greens and crisp white, with ${input.brand}'s accent colour`;
	return `soft neutrals with a single accent in ${input.brand}'s brand colour`;
}

/** The ad's lead message: its first headline (or subject, or post text). */
function leadMessage(fields: AdFields): string {
	const value = fields.headline ?? fields.headlines ?? fields.subject ?? fields.text ?? '';
	return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function creativeFor(
	input: CreativeInput,
	channel: AdChannel,
	angle: Angle,
	fields: AdFields,
): { creativeBrief: string; imagePrompt: string } {
	const format = getFormat(channel);
	const a = ANGLE_BRIEFS[angle];
	const message = leadMessage(fields);
	const what = format.format.replace(/_/g, ' ');
	const angleName = angle.replace('_', ' ');
	if (channel === 'google_search' || channel === 'microsoft_search') {
		return {
			creativeBrief: `Text-only ${what} for ${input.product} by ${input.brand}, goal ${input.goal}, ${angleName} angle: ${a.idea}. Lead message: "${message}".`,
			imagePrompt: '',
		};
	}
	const palette = paletteFor(input);
	const setting = input.sceneKeyword ? `a setting that evokes ${input.sceneKeyword}` : 'an everyday setting';
	return {
		creativeBrief:
			`Visual for a ${format.platform} ${what} (${ASPECTS[channel]}) promoting ${input.product} by ${input.brand}. ` +
			`Goal: ${input.goal}. Angle: ${angleName}, ${a.idea}. Message it supports: "${message}". ` +
			`Mood: ${a.mood}. Palette: ${palette}. Leave clear space for the platform's text; no text baked into the image; ` +
			'no identifiable people, names or personal details; logo only as supplied by the brand.',
		imagePrompt:
			`${input.product} shown in ${setting}, ${a.mood} mood, ${palette}, natural light, clean composition, ` +
			`${ASPECTS[channel]}, photographic, no text, no watermark, no identifiable faces`,
	};
}
