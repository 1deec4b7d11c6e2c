/**
 * Required phrases (a legal line, "Free returns") in ads whose fields are lists: bodies are composed
 * with them already (see compose.ts); search and display ads get them here, appended to a
 * description with room, as a further description or a further headline where the counts allow.
 */
import type { AdFields, ChannelFormat } from '../registry';
import { matchForm, stripEnd, endSentence } from '../text';

function holds(fields: AdFields, phraseForm: string): boolean {
	return Object.values(fields).some((v) => (Array.isArray(v) ? v : [v]).some((t) => matchForm(t).includes(phraseForm)));
}

/** Place each required sentence not yet in the ad; leaves it out when it fits nowhere (validation then says so). */
export function placeRequired(fields: AdFields, format: ChannelFormat, required: readonly string[], measure: (s: string) => number): void {
	for (const sentence of required) {
		const form = matchForm(sentence);
		if (form === ' ' || holds(fields, form)) continue;
		format.fields.some((r) => {
			const list = fields[r.name];
			if (r.kind !== 'list' || !Array.isArray(list)) return false;
			if (r.role === 'body') {
				for (let i = list.length - 1; i >= 0; i--) {
					const joined = `${endSentence(list[i])} ${sentence}`;
					if (measure(joined) <= r.maxLength) {
						list[i] = joined;
						return true;
					}
				}
			}
			const item = r.role === 'body' ? sentence : stripEnd(sentence);
			if (list.length < (r.maxItems ?? Infinity) && measure(item) <= r.maxLength) {
				list.push(item);
				return true;
			}
			return false;
		});
	}
}
