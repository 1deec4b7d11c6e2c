import { nameWords } from './fields';

/**
 * Protected and sensitive attributes: the one list, recognised by field name. Each family names the
 * rules it comes from:
 * - GDPR Art. 9(1), special categories of personal data: racial or ethnic origin, political opinions,
 *   religious or philosophical beliefs, trade union membership, genetic data, biometric data, health,
 *   sex life or sexual orientation.
 * - US federal protected classes: race, color, religion, sex (including pregnancy, sexual orientation
 *   and gender identity), national origin (Civil Rights Act Title VII); age 40+ (ADEA); disability
 *   (ADA); genetic information (GINA); familial status (Fair Housing Act); marital status (ECOA);
 *   veteran status (USERRA); citizenship (IRCA).
 * - Meta Advertising Standards, personal attributes: ads must not assert or imply race or ethnicity,
 *   religion or beliefs, age, sexual orientation, gender identity, disability or medical condition,
 *   financial status, trade union membership, criminal record.
 * - Google Ads personalized advertising policy, sensitive categories: personal hardships (health,
 *   financial), identity and belief (sexual orientation, political affiliation, religion, caste,
 *   trade union membership), sexual interests.
 */
export interface ProtectedFamily {
	family: string;
	/** Single words of a field name. */
	words: readonly string[];
	/** Spellings matched on the name's words run together (`agegroup`, `maritalstatus`). */
	compounds: readonly string[];
	sources: readonly string[];
}

const GDPR = 'GDPR Art. 9(1)';
const TITLE_VII = 'US Civil Rights Act Title VII';
const META = 'Meta Advertising Standards: personal attributes';
const GOOGLE = 'Google Ads personalized advertising: sensitive categories';

export const PROTECTED_FAMILIES: readonly ProtectedFamily[] = [
	{
		family: 'sex and gender',
		words: ['gender', 'sex', 'transgender'],
		compounds: ['genderidentity'],
		sources: [TITLE_VII, GDPR, META],
	},
	{
		family: 'sexual orientation',
		words: ['orientation', 'sexuality', 'lgbt', 'lgbtq'],
		compounds: ['sexualorientation'],
		sources: [GDPR, TITLE_VII, META, GOOGLE],
	},
	{
		family: 'age',
		words: ['age', 'ages', 'dob', 'birthdate', 'birthday', 'birthyear'],
		compounds: ['agegroup', 'ageband', 'agerange', 'agebracket', 'dateofbirth', 'yearofbirth'],
		sources: ['US Age Discrimination in Employment Act', META],
	},
	{
		family: 'race and ethnicity',
		words: ['ethnicity', 'ethnic', 'race', 'racial', 'caste'],
		compounds: ['skincolor', 'skincolour'],
		sources: [GDPR, TITLE_VII, META, GOOGLE],
	},
	{
		family: 'national origin and citizenship',
		words: ['nationality', 'citizenship', 'immigration'],
		compounds: ['nationalorigin', 'countryofbirth'],
		sources: [TITLE_VII, 'US Immigration Reform and Control Act'],
	},
	{
		family: 'religion and belief',
		words: ['religion', 'religious', 'faith', 'belief', 'beliefs', 'creed'],
		compounds: [],
		sources: [GDPR, TITLE_VII, META, GOOGLE],
	},
	{
		family: 'health and disability',
		words: [
			'health',
			'medical',
			'disability',
			'disabilities',
			'disabled',
			'handicap',
			'genetic',
			'biometric',
			'diagnosis',
		],
		compounds: ['mentalhealth'],
		sources: [GDPR, 'US Americans with Disabilities Act', 'US GINA', META, GOOGLE],
	},
	{
		family: 'pregnancy and family status',
		words: ['pregnancy', 'pregnant', 'maternity', 'marital', 'married'],
		compounds: ['maritalstatus', 'familialstatus'],
		sources: [TITLE_VII, 'US Equal Credit Opportunity Act', 'US Fair Housing Act'],
	},
	{
		family: 'political opinion',
		words: ['political', 'politics'],
		compounds: ['partyaffiliation', 'votingstatus'],
		sources: [GDPR, GOOGLE],
	},
	{
		family: 'trade union membership',
		words: [],
		compounds: ['tradeunion', 'unionmembership'],
		sources: [GDPR, META, GOOGLE],
	},
	{
		family: 'veteran status',
		words: ['veteran'],
		compounds: [],
		sources: ['US USERRA'],
	},
	{
		family: 'criminal record',
		words: ['criminal', 'conviction', 'convictions'],
		compounds: ['criminalrecord'],
		sources: [META, 'GDPR Art. 10'],
	},
];

export const PROTECTED_WORDS: readonly string[] = PROTECTED_FAMILIES.flatMap((f) => f.words);
export const PROTECTED_COMPOUNDS: readonly string[] = PROTECTED_FAMILIES.flatMap(
	(f) => f.compounds,
);

/** Words that, directly before `age` or `health`, make a business metric rather than a person's trait. */
const BUSINESS_QUALIFIERS: ReadonlySet<string> = new Set([
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

/** The protected family a field name falls in, or null. */
export function protectedFamilyOf(name: string): ProtectedFamily | null {
	const words = nameWords(name);
	for (let i = 0; i < words.length; i++) {
		const w = words[i];
		if (!WORDS.has(w)) continue;
		if ((w === 'age' || w === 'health') && i > 0 && BUSINESS_QUALIFIERS.has(words[i - 1])) continue;
		if (w === 'health' && words[i + 1] === 'score') continue;
		return PROTECTED_FAMILIES.find((f) => f.words.includes(w)) ?? null;
	}
	const joined = words.join('');
	return PROTECTED_FAMILIES.find((f) => f.compounds.some((c) => joined.includes(c))) ?? null;
}

/**
 * True when the field name designates a protected or sensitive attribute: one of its words is in a
 * family's words, or its words run together contain a family's compound, except for business terms
 * (`accountAge`, `accountHealth`, `healthScore` ...).
 *
 * @example isProtectedAttribute('attributes.age_band') // true
 * @example isProtectedAttribute('accountAge') // false
 */
export function isProtectedAttribute(name: string): boolean {
	return protectedFamilyOf(name) !== null;
}
