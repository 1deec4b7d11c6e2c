/**
 * Per-channel composition: which phrases go into which field of an ad, within the limits the
 * registry gives for that field. The result still goes through validation before it is emitted.
 */
import type { AdChannel } from '../../contracts/adVariant';
import type { Rng } from '../../util/rng';
import type { HouseStyle } from '../brief';
import type { AdFields, ChannelFormat, FieldRule } from '../registry';
import { getFormat, X_URL_LENGTH } from '../registry';
import { matchForm, stripEnd, titleCase, trimToWords } from '../text';
import type { Angle } from './angles';
import { CTA_BY_GOAL } from './phrasebank';
import type { CopyPlan, Phrase } from './phrases';
import { joinPhrases } from './phrases';
import { placeRequired } from './place';
import type { BodySlot } from './writer';
import { AdWriter } from './writer';
import { capitalise } from '../../util/format';

export interface OfflineDraft {
	angle: Angle;
	fields: AdFields;
	cta: string;
}

function rule(format: ChannelFormat, name: string): FieldRule {
	const r = format.fields.find((f) => f.name === name);
	if (!r) throw new Error(`${format.format} has no field "${name}"`);
	return r;
}

/** The length copy should keep to: the platform's recommendation where it has one, else the limit. */
function target(r: FieldRule): number {
	return r.recommendedLength ?? r.maxLength;
}

/** Headline casing: the brand's house style, else Title Case on search and display, sentence case elsewhere. */
function headlineCase(format: ChannelFormat, style: HouseStyle, role: FieldRule['role']): (s: string) => string {
	const title = role === 'subject' ? style.titleCase === true : (style.titleCase ?? format.counting === 'google');
	return title ? (s) => titleCase(capitalise(s)) : capitalise;
}

/** The angle's lines, then the other angles' lines (fillers), in the writer's order. */
function linesFor(w: AdWriter, plan: CopyPlan, angle: Angle): { lead: Phrase[]; more: Phrase[] } {
	const lead = w.order(plan.lines[angle]);
	const more = w.order(plan.audience.angles.filter((a) => a !== angle).flatMap((a) => plan.lines[a]));
	return { lead, more };
}

function closeOf(w: AdWriter, plan: CopyPlan): Phrase[] {
	const closes = w.order(plan.closeLines);
	return plan.audience.exclaim && w.format.counting !== 'google' ? closes.map((c) => ({ ...c, text: c.text.replace(/\.$/, '!') })) : closes;
}

/** Headlines for a list field: the angle's first, then keywords, offer, close and brand lines. */
function headlineList(w: AdWriter, plan: CopyPlan, angle: Angle, r: FieldRule, count: number): string[] {
	const cased = headlineCase(w.format, plan.style, r.role);
	const others = plan.audience.angles.filter((a) => a !== angle).flatMap((a) => plan.heads[a]);
	const sources: [Phrase[], number][] = [
		[w.order(plan.heads[angle]), Math.ceil(count / 2)],
		[w.order(plan.keywordHeads), 2],
		[w.order(plan.offerHeads), 1],
		[w.order(plan.closeHeads), 1],
		[w.order(plan.brandHeads), 1],
		[w.order(others), count],
	];
	const out: string[] = [];
	for (const [options, quota] of sources) {
		let taken = 0;
		while (taken < quota && out.length < count) {
			const head = w.pick(options, r.maxLength, 0, (s) => cased(stripEnd(s)));
			if (head === null) break;
			out.push(head);
			taken++;
		}
	}
	return out;
}

function searchPaths(w: AdWriter, plan: CopyPlan, r: FieldRule): { path1: string; path2: string } {
	const fits = plan.paths.filter((p) => w.measure(p) <= r.maxLength).slice(0, 3);
	const path1 = fits.length > 0 ? fits[w.rng.int(fits.length)] : plan.goalPath;
	const path2 = plan.offer !== null && w.rng.chance(0.5) ? 'Offer' : plan.goalPath;
	return { path1, path2: matchForm(path2) === matchForm(path1) ? '' : path2 };
}

/** The main body of a social post: the angle's lead, a keyword line, the offer, required phrases, a close. */
function socialBody(w: AdWriter, plan: CopyPlan, angle: Angle, max: number): string | null {
	const { lead, more } = linesFor(w, plan, angle);
	const slots: BodySlot[] = [
		{ options: lead, required: true },
		{ options: w.order(plan.keywordLines) },
		{ options: w.order(plan.offerLines) },
		...plan.required.map((r) => ({ options: [r], phrase: true })),
		{ options: closeOf(w, plan) },
	];
	if (max > 200) slots.splice(1, 0, { options: more });
	return w.body(slots, max);
}

/** One description (a sentence or two) per slot group, within the description limit. */
function descriptions(w: AdWriter, plan: CopyPlan, angle: Angle, r: FieldRule, count: number): string[] {
	const { lead, more } = linesFor(w, plan, angle);
	const groups: BodySlot[][] = [
		[{ options: lead, required: true }, { options: w.order(plan.offerLines) }],
		[{ options: w.order(plan.keywordLines), required: true }, { options: closeOf(w, plan) }],
		[{ options: more, required: true }],
		[{ options: lead.slice(1), required: true }],
	];
	const out: string[] = [];
	for (const slots of groups.slice(0, count)) {
		const d = w.body(slots, r.maxLength);
		if (d !== null) out.push(d);
	}
	return out;
}

function email(w: AdWriter, plan: CopyPlan, angle: Angle, format: ChannelFormat, fields: AdFields): void {
	const subject = rule(format, 'subject');
	const preheader = rule(format, 'preheader');
	const cased = headlineCase(format, plan.style, 'subject');
	const headOptions = [...w.order(plan.heads[angle]), ...w.order(plan.keywordHeads), ...w.order(plan.brandHeads)];
	fields.subject = w.pick(headOptions, subject.maxLength, 0, (s) => cased(stripEnd(s))) ?? plan.brand;
	const { lead, more } = linesFor(w, plan, angle);
	// body first (it carries the angle); the preheader is a further line in the preview's length window
	const sentences = (p: Phrase) => p.forms.length;
	const first = w.body(
		[{ options: lead, required: true }, { options: more.filter((m) => sentences(m) === 1) }],
		220,
		3,
	);
	const second =
		w.body(
			[
				{ options: w.order(plan.keywordLines) },
				{ options: plan.required.length < 2 ? w.order(plan.offerLines) : [] },
				...plan.required.map((r) => ({ options: [r], phrase: true })),
			],
			220,
			3,
		) ?? w.body([{ options: more.filter((m) => sentences(m) === 1), required: true }], 220);
	const cta = w.pick(closeOf(w, plan), 60);
	const pre = [...more, ...w.order(plan.offerLines), ...w.order(plan.keywordLines), ...lead];
	let pheader = w.pick(pre, preheader.maxLength, preheader.minLength ?? 0);
	if (pheader === null) {
		// two short lines together
		for (let i = 0; i < pre.length && pheader === null; i++) {
			for (let j = 0; j < pre.length && pheader === null; j++) {
				if (i !== j) pheader = w.pick([joinPhrases([pre[i], pre[j]])], preheader.maxLength, preheader.minLength ?? 0);
			}
		}
	}
	fields.preheader = pheader ?? '';
	const paras = ['Hi there,', first, second, cta].filter((p): p is string => p !== null && p.length > 0);
	fields.body = [...paras, `The ${plan.brand} team`].join('\n\n');
}

/**
 * Compose one ad for one channel and angle. `rng` drives every choice, so the same plan, seed and
 * variant give the same ad; `avoid` holds the headline and lead forms sibling variants already use.
 */
export function composeAd(plan: CopyPlan, channel: AdChannel, angle: Angle, rng: Rng, avoid: ReadonlySet<string>): OfflineDraft {
	const format = getFormat(channel);
	const w = new AdWriter(format, rng, avoid, plan.brand);
	const fields: AdFields = {};
	let cta = '';
	switch (channel) {
		case 'google_search':
		case 'microsoft_search': {
			const { path1, path2 } = searchPaths(w, plan, rule(format, 'path1'));
			const heads = rule(format, 'headlines');
			fields.headlines = headlineList(w, plan, angle, heads, Math.min(heads.maxItems ?? 15, 9));
			const desc = rule(format, 'descriptions');
			fields.descriptions = descriptions(w, plan, angle, desc, Math.min(desc.maxItems ?? 4, 4));
			fields.path1 = path1;
			if (path2) fields.path2 = path2;
			break;
		}
		case 'google_display': {
			const name = rule(format, 'businessName');
			fields.headlines = headlineList(w, plan, angle, rule(format, 'headlines'), rule(format, 'headlines').maxItems ?? 5);
			const long = rule(format, 'longHeadline');
			const { lead } = linesFor(w, plan, angle);
			fields.longHeadline = w.pick(lead, long.maxLength, 0, stripEnd) ?? plan.brand;
			const desc = rule(format, 'descriptions');
			fields.descriptions = descriptions(w, plan, angle, desc, Math.min(desc.maxItems ?? 3, 3));
			fields.businessName = trimToWords(plan.brand, name.maxLength, (s) => w.measure(s), 1) ?? plan.brand.slice(0, name.maxLength).trim();
			cta = CTA_BY_GOAL.google_display[plan.goal];
			break;
		}
		case 'meta_feed': {
			const head = rule(format, 'headline');
			const cased = headlineCase(format, plan.style, 'headline');
			fields.primaryText = socialBody(w, plan, angle, target(rule(format, 'primaryText'))) ?? '';
			fields.headline = w.pick([...w.order(plan.heads[angle]), ...w.order(plan.keywordHeads)], target(head), 0, (s) => cased(stripEnd(s))) ?? plan.brand;
			const short = rule(format, 'description');
			const desc = w.pick([...w.order(plan.offerHeads), ...w.order(plan.keywordHeads), ...w.order(plan.closeHeads)], target(short), 0, (s) => capitalise(stripEnd(s)));
			if (desc !== null) fields.description = desc;
			cta = plan.offer !== null && plan.goal === 'winBack' ? 'GET_OFFER' : CTA_BY_GOAL.meta_feed[plan.goal];
			break;
		}
		case 'linkedin': {
			const head = rule(format, 'headline');
			const cased = headlineCase(format, plan.style, 'headline');
			fields.introText = socialBody(w, plan, angle, target(rule(format, 'introText'))) ?? '';
			fields.headline = w.pick([...w.order(plan.heads[angle]), ...w.order(plan.keywordHeads)], target(head), 0, (s) => cased(stripEnd(s))) ?? plan.brand;
			cta = CTA_BY_GOAL.linkedin[plan.goal];
			break;
		}
		case 'x_post': {
			// the link is appended to the post afterwards and counts X_URL_LENGTH, plus a space
			fields.text = socialBody(w, plan, angle, rule(format, 'text').maxLength - X_URL_LENGTH - 1) ?? '';
			break;
		}
		case 'email': {
			email(w, plan, angle, format, fields);
			cta = CTA_BY_GOAL.email[plan.goal];
			if (plan.offer !== null && plan.goal === 'winBack') cta = 'Claim your offer';
			break;
		}
	}
	if (plan.required.length > 0) placeRequired(fields, format, plan.required.map((p) => p.text), (s) => w.measure(s));
	return { angle, fields, cta };
}
