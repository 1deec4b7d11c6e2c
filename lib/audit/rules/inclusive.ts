import type { CopyRule } from '../types';

const SRC_EQ = 'retext-equality rule data (gender, ablist, condescending, ageist families)';
const GOOGLE_STYLE = 'Google developer documentation style guide "Write inclusive documentation"';
const GOOGLE_STYLE_SRC = 'developers.google.com/style/inclusive-documentation';

type Entry = [id: string, family: 'gendered' | 'ableist' | 'ageist' | 'condescending', patterns: string[], suggestion: string];

const MESSAGES: Record<Entry[1], string> = {
	gendered: 'Gendered wording where a neutral word says the same.',
	ableist: 'Wording that uses a disability or illness as a figure of speech.',
	ageist: 'Wording that stereotypes people by age.',
	condescending: 'Condescending wording: what is "simple" or "obvious" to the writer may not be to the reader.',
};

/** Inclusive-language table: one row per term family, each with a considerate alternative. */
const ENTRIES: readonly Entry[] = [
	['guys', 'gendered', ['\\b(?:hey|hi|you) guys\\b'], 'everyone, folks, you all'],
	['mankind', 'gendered', ['\\bmankind\\b'], 'humanity, people'],
	['manpower', 'gendered', ['\\bmanpower\\b'], 'workforce, staff'],
	['manMade', 'gendered', ['\\bman[- ]made\\b'], 'synthetic, machine-made'],
	['chairman', 'gendered', ['\\bchair(?:man|men)\\b'], 'chair, chairperson'],
	['salesman', 'gendered', ['\\b(?:sales|business|fire|police|delivery|repair)m[ae]n\\b'], 'salesperson, businessperson, firefighter, police officer, courier'],
	['ladiesAndGentlemen', 'gendered', ['\\bladies and gentlemen\\b'], 'everyone, friends'],
	['hisOrHer', 'gendered', ['\\b(?:his or her|his/her|he or she|he/she)\\b'], 'their, they'],
	['crazy', 'ableist', ['\\b(?:crazy|insane|psycho|mental|nuts)\\b(?= (?:deals?|prices?|sale|savings?|discounts?|offers?|good)\\b)', '\\bgo(?:ing)? (?:crazy|insane|nuts)\\b'], 'incredible, remarkable, wild'],
	['lame', 'ableist', ['\\blame\\b'], 'dull, uninspiring'],
	['crippled', 'ableist', ['\\bcrippl(?:ed|ing)\\b'], 'held back, hampered'],
	['blindTo', 'ableist', ['\\b(?:turn a )?blind eye\\b', '\\btone[- ]deaf\\b', '\\bfalls? on deaf ears\\b'], 'ignore, out of touch, go unheard'],
	['ocd', 'ableist', ['\\b(?:so |a bit )?ocd about\\b'], 'particular about, meticulous about'],
	['dumb', 'ableist', ['\\bdumb\\b', '\\bidiot[- ]?proof\\b'], 'simple to use, foolproof'],
	['elderly', 'ageist', ['\\bthe elderly\\b', '\\bold[- ]timers?\\b', '\\bsenior moments?\\b', '\\bover the hill\\b'], 'older people, experienced'],
	['youngAndEnergetic', 'ageist', ['\\byoung and (?:energetic|dynamic|hungry)\\b', '\\bdigital natives?\\b'], 'energetic, motivated'],
	['evenGrandma', 'ageist', ['\\beven (?:your )?(?:grandma|grandpa|grandmother|grandfather|granny) can\\b'], 'anyone can, it takes a minute'],
	['obviously', 'condescending', ['\\bobviously\\b', '\\beveryone knows\\b', '\\bof course you\\b'], '(drop the word)'],
	['justSimply', 'condescending', ['\\bsimply (?:click|log in|enter|follow)\\b', "\\bit's (?:so )?easy,? (?:even|just)\\b"], '(drop the word; state the step)'],
];

export const INCLUSIVE_RULES: readonly CopyRule[] = ENTRIES.map(([id, family, patterns, suggestion]) => ({
	id: `inclusiveLanguage.${id}`,
	family: 'inclusiveLanguage',
	patterns,
	severity: 'info',
	message: `${MESSAGES[family]}`,
	suggestion,
	policy: `Inclusive language (${family}); ${GOOGLE_STYLE}`,
	source: `${SRC_EQ}; ${GOOGLE_STYLE_SRC}`,
}));
