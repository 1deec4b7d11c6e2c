import { JOURNEY_STAGES } from '../contracts';
import type { ConditionOp, StageCondition, StageRule } from './types';

/**
 * Stage rules: an ordered list; the first rule whose conditions all hold gives the journey's stage.
 * A rule with an empty `when` always holds (use it last, as the fallback).
 *
 * Facts a condition can name:
 * - `conversions`, `revenue`, `touchpoints`, `sessions`, `converted` (boolean)
 * - `daysSinceFirstSeen`, `daysSinceLastSeen`, `daysSinceLastConversion` (null when never converted),
 *   all relative to the reference date
 * - `funnelStep` (index of the deepest ordered funnel step reached, -1 none), `funnelStepName`
 * - `events.<event name>` (count, 0 when absent), `channels.<channel>` (count of touches)
 * - `attributes.<name>` (non-PII attribute, null when absent), `painPoints` (list, use `contains`)
 *
 * Operators: eq, neq, gt, gte, lt, lte (numbers; null never compares true), in (value is a list),
 * exists (value true/false; null counts as absent), contains (fact is a list or string).
 */
export const DEFAULT_STAGE_RULES: StageRule[] = [
	{
		stage: 'churn-risk',
		label: 'unsubscribed from email',
		when: [{ field: 'events.unsubscribe', op: 'gt', value: 0 }],
	},
	{
		stage: 'churn-risk',
		label: 'email hard-bounced',
		when: [{ field: 'events.email_bounce', op: 'gt', value: 0 }],
	},
	{
		stage: 'churn-risk',
		label: 'bought before, nothing for 60 days',
		when: [
			{ field: 'conversions', op: 'gte', value: 1 },
			{ field: 'daysSinceLastConversion', op: 'gt', value: 60 },
		],
	},
	{
		stage: 'advocacy',
		label: 'four or more orders',
		when: [{ field: 'conversions', op: 'gte', value: 4 }],
	},
	{
		stage: 'retention',
		label: 'repeat buyer',
		when: [{ field: 'conversions', op: 'gte', value: 2 }],
	},
	{
		stage: 'conversion',
		label: 'bought once',
		when: [{ field: 'conversions', op: 'gte', value: 1 }],
	},
	{
		stage: 'consideration',
		label: 'looked at products',
		when: [{ field: 'funnelStep', op: 'gte', value: 1 }],
	},
	{
		stage: 'consideration',
		label: 'clicked an email',
		when: [{ field: 'events.email_click', op: 'gt', value: 0 }],
	},
	{ stage: 'awareness', label: 'everyone else', when: [] },
];

const OPS: readonly ConditionOp[] = [
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'in',
	'exists',
	'contains',
];

/** Check rules once at the entry point; throws naming the rule and condition. */
export function validateStageRules(rules: unknown): StageRule[] {
	if (!Array.isArray(rules) || rules.length === 0) {
		throw new Error('option "stageRules" must be a non-empty array of {stage, when} rules');
	}
	rules.forEach((rule: unknown, r) => {
		if (rule === null || typeof rule !== 'object') {
			throw new Error(`option "stageRules[${r}]" must be an object {stage, when}`);
		}
		const { stage, when } = rule as Record<string, unknown>;
		if (typeof stage !== 'string' || !(JOURNEY_STAGES as readonly string[]).includes(stage)) {
			throw new Error(
				`option "stageRules[${r}].stage" is "${String(stage)}" but must be one of: ${JOURNEY_STAGES.join(', ')}`,
			);
		}
		if (!Array.isArray(when)) {
			throw new Error(`option "stageRules[${r}].when" must be an array of conditions`);
		}
		when.forEach((c: unknown, j) => {
			const at = `stageRules[${r}].when[${j}]`;
			if (c === null || typeof c !== 'object') throw new Error(`option "${at}" must be an object`);
			const { field, op, value } = c as Record<string, unknown>;
			if (typeof field !== 'string' || field.length === 0) {
				throw new Error(`option "${at}.field" must be a non-empty string`);
			}
			if (typeof op !== 'string' || !OPS.includes(op as ConditionOp)) {
				throw new Error(
					`option "${at}.op" is "${String(op)}" but must be one of: ${OPS.join(', ')}`,
				);
			}
			if (
				(op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') &&
				typeof value !== 'number'
			) {
				throw new Error(`option "${at}.value" must be a number for op "${op}"`);
			}
			if (op === 'in' && !Array.isArray(value)) {
				throw new Error(`option "${at}.value" must be an array for op "in"`);
			}
		});
	});
	return rules as StageRule[];
}

/** Facts of one journey, looked up by rule field names. */
export interface JourneyFacts {
	base: Record<string, unknown>;
	events: Record<string, number>;
	channels: Record<string, number>;
	attributes: Record<string, unknown>;
}

export function factValue(facts: JourneyFacts, field: string): unknown {
	if (field.startsWith('events.')) return facts.events[field.slice(7)] ?? 0;
	if (field.startsWith('channels.')) return facts.channels[field.slice(9)] ?? 0;
	if (field.startsWith('attributes.')) return facts.attributes[field.slice(11)] ?? null;
	return facts.base[field] ?? null;
}

function holds(c: StageCondition, v: unknown): boolean {
	switch (c.op) {
		case 'eq':
			return v === c.value;
		case 'neq':
			return v !== c.value;
		case 'gt':
			return typeof v === 'number' && v > (c.value as number);
		case 'gte':
			return typeof v === 'number' && v >= (c.value as number);
		case 'lt':
			return typeof v === 'number' && v < (c.value as number);
		case 'lte':
			return typeof v === 'number' && v <= (c.value as number);
		case 'in':
			return (c.value as unknown[]).includes(v);
		case 'exists':
			return (v !== null && v !== undefined) === (c.value === undefined ? true : Boolean(c.value));
		case 'contains':
			if (Array.isArray(v)) return v.includes(c.value);
			return typeof v === 'string' && typeof c.value === 'string' && v.includes(c.value);
	}
}

/** Index of the first rule that holds, or -1. */
export function matchRule(rules: readonly StageRule[], facts: JourneyFacts): number {
	for (let r = 0; r < rules.length; r++) {
		const when = rules[r].when;
		let ok = true;
		for (let j = 0; j < when.length && ok; j++)
			ok = holds(when[j], factValue(facts, when[j].field));
		if (ok) return r;
	}
	return -1;
}
