/**
 * Consent semantics: which values mean marketing consent was given or withheld, how several signals
 * for one customer combine, and which customers are left out.
 */
export type ConsentState = 'granted' | 'withheld' | 'unknown';

/** Values (trimmed, lower-cased) that mean consent was given. */
export const CONSENT_GRANTED_VALUES: readonly string[] = [
	'true',
	'granted',
	'yes',
	'y',
	'1',
	'opt_in',
	'opt-in',
	'optin',
	'opted_in',
	'subscribed',
	'consented',
];

/** Values (trimmed, lower-cased) that mean consent was withheld or withdrawn. */
export const CONSENT_WITHHELD_VALUES: readonly string[] = [
	'false',
	'withheld',
	'denied',
	'no',
	'n',
	'0',
	'opt_out',
	'opt-out',
	'optout',
	'opted_out',
	'revoked',
	'unsubscribed',
	'not_granted',
];

const GRANTED: ReadonlySet<string> = new Set(CONSENT_GRANTED_VALUES);
const WITHHELD: ReadonlySet<string> = new Set(CONSENT_WITHHELD_VALUES);

/**
 * The consent a value states: booleans, 0/1 and the listed words; anything else is `unknown` (an
 * unrecognised value never counts as consent).
 *
 * @example consentOf('opt-out') // 'withheld'
 */
export function consentOf(value: unknown): ConsentState {
	if (value === true || value === 1) return 'granted';
	if (value === false || value === 0) return 'withheld';
	if (typeof value === 'string') {
		const v = value.trim().toLowerCase();
		if (GRANTED.has(v)) return 'granted';
		if (WITHHELD.has(v)) return 'withheld';
	}
	return 'unknown';
}

/**
 * The consent stated by an opt-out flag (Salesforce's `HasOptedOutOfEmail`): true means withheld,
 * false means granted.
 */
export function consentOfOptOut(value: unknown): ConsentState {
	const flag = consentOf(value);
	return flag === 'granted' ? 'withheld' : flag === 'withheld' ? 'granted' : 'unknown';
}

/** Two signals for one customer: a withdrawal anywhere wins, then a grant, then unknown. */
export function combineConsent(a: ConsentState, b: ConsentState): ConsentState {
	if (a === 'withheld' || b === 'withheld') return 'withheld';
	if (a === 'granted' || b === 'granted') return 'granted';
	return 'unknown';
}

export interface ConsentPolicy {
	/** Leave out customers whose consent is withheld (the default everywhere: true). */
	dropWithoutConsent: boolean;
	/** Also leave out customers with no consent signal at all (default false). */
	requireConsent: boolean;
}

/** Why a customer is left out under the policy (`consent withheld`, `no consent recorded`), or null. */
export function consentExclusion(
	state: ConsentState,
	policy: ConsentPolicy,
): 'consent withheld' | 'no consent recorded' | null {
	if (state === 'withheld' && (policy.dropWithoutConsent || policy.requireConsent))
		return 'consent withheld';
	if (policy.requireConsent && state !== 'granted') return 'no consent recorded';
	return null;
}
