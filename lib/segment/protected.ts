/**
 * Protected and sensitive attributes, recognised by field name. A name is split into lower-case words
 * (camelCase, snake_case, kebab-case, dotted paths): `ageBand`, `age_band`, `attributes.age-band` all
 * give the words `age` and `band`. It is protected when one of its words is in {@link PROTECTED_WORDS}
 * or the words run together contain one of {@link PROTECTED_COMPOUNDS} (`agegroup`, `maritalstatus` ...),
 * except for the listed business terms (`accountAge`, `accountHealth`, `healthScore` ...).
 */
export const PROTECTED_WORDS = [
	'gender',
	'sex',
	'age',
	'ages',
	'ethnicity',
	'ethnic',
	'race',
	'racial',
	'religion',
	'religious',
	'faith',
	'health',
	'medical',
	'disability',
	'disabilities',
	'disabled',
	'handicap',
	'pregnancy',
	'pregnant',
	'maternity',
	'orientation',
	'sexuality',
	'lgbt',
	'lgbtq',
	'transgender',
	'marital',
	'married',
	'nationality',
	'citizenship',
	'immigration',
	'caste',
	'veteran',
	'genetic',
	'dob',
	'birthdate',
	'birthday',
	'birthyear',
	'political',
	'politics',
] as const;

export const PROTECTED_COMPOUNDS = [
	'agegroup',
	'ageband',
	'agerange',
	'agebracket',
	'dateofbirth',
	'yearofbirth',
	'countryofbirth',
	'maritalstatus',
	'nationalorigin',
	'sexualorientation',
	'genderidentity',
	'tradeunion',
	'unionmembership',
] as const;

/** Words that, directly before `age` or `health`, make a business metric rather than a person's trait. */
const BUSINESS_QUALIFIERS = new Set([
	'account',
	'cart',
	'order',
	'subscription',
	'session',
	'record',
	'data',
	'lead',
	'deal',
	'ticket',
	'inventory',
	'stock',
	'page',
	'customer',
	'pipeline',
	'system',
	'campaign',
]);

const WORDS: ReadonlySet<string> = new Set(PROTECTED_WORDS);

/** Lower-case words of a field name. */
export function nameWords(name: string): string[] {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((w) => w.length > 0);
}

/** True when the field name designates a protected or sensitive attribute. */
export function isProtectedAttribute(name: string): boolean {
	const words = nameWords(name);
	for (let i = 0; i < words.length; i++) {
		const w = words[i];
		if (!WORDS.has(w)) continue;
		if ((w === 'age' || w === 'health') && i > 0 && BUSINESS_QUALIFIERS.has(words[i - 1])) continue;
		if (w === 'health' && words[i + 1] === 'score') continue;
		return true;
	}
	const joined = words.join('');
	return PROTECTED_COMPOUNDS.some((c) => joined.includes(c));
}

const PII_WORDS = new Set([
	'email',
	'mail',
	'name',
	'firstname',
	'lastname',
	'fullname',
	'phone',
	'mobile',
	'address',
	'street',
	'zip',
	'zipcode',
	'postcode',
	'postal',
	'ip',
	'notes',
	'note',
	'comment',
	'comments',
	'ssn',
	'passport',
	'id',
	'uuid',
]);

/** Names that look like personal data or identifiers: never summarised as a segment attribute. */
export function looksLikePii(name: string): boolean {
	const words = nameWords(name);
	return words.some((w) => PII_WORDS.has(w));
}
