/**
 * Field names: how a name is read (its words) and which names designate personal data. The same rule
 * gates the Journey Mapper (which attributes may ride on a journey) and the Segmenter (which fields
 * may be summarised in a segment profile).
 */

/**
 * Lower-case words of a field name. camelCase, PascalCase, snake_case, kebab-case and dotted paths all
 * split the same way: `ageBand`, `age_band`, `attributes.age-band` give `age`, `band`.
 *
 * @example nameWords('HasOptedOutOfEmail') // ['has', 'opted', 'out', 'of', 'email']
 */
export function nameWords(name: string): string[] {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((w) => w.length > 0);
}

/** Words that make a field personal data wherever they appear in its name. */
const PII_WORDS: ReadonlySet<string> = new Set([
	// contact
	'email',
	'mail',
	'phone',
	'telephone',
	'tel',
	'mobile',
	'cell',
	'fax',
	'whatsapp',
	// names
	'name',
	'firstname',
	'lastname',
	'fullname',
	'surname',
	'forename',
	'username',
	'nickname',
	// location finer than a region
	'address',
	'street',
	'zip',
	'zipcode',
	'postcode',
	'postal',
	'ip',
	'ipv4',
	'ipv6',
	'latitude',
	'longitude',
	'geolocation',
	// free text written by or about a person
	'note',
	'notes',
	'comment',
	'comments',
	'description',
	'message',
	'bio',
	// official and financial identifiers
	'ssn',
	'passport',
	'iban',
	'ccnumber',
	'tin',
	'nino',
	// birth dates identify a person (and are also protected: see isProtectedAttribute)
	'birth',
	'birthdate',
	'birthday',
	'dob',
	// identifiers
	'uuid',
	'guid',
]);

/** Run-together spellings, matched on the words joined (`EmailAddress` and `emailaddress` alike). */
const PII_COMPOUNDS = [
	'emailaddress',
	'phonenumber',
	'mobilenumber',
	'streetaddress',
	'homeaddress',
	'ipaddress',
	'dateofbirth',
	'creditcard',
	'cardnumber',
	'accountnumber',
	'socialsecurity',
	'nationalid',
	'taxid',
	'driverslicense',
	'driverlicense',
	'licensenumber',
];

/** Before `id`, these make it a person's identifier (`customer_id`, `deviceId`), not a product's. */
const PERSON_QUALIFIERS: ReadonlySet<string> = new Set([
	'customer',
	'user',
	'contact',
	'visitor',
	'member',
	'client',
	'person',
	'subscriber',
	'lead',
	'device',
	'cookie',
	'pseudo',
	'anonymous',
	'advertising',
	'ad',
	'gaid',
	'idfa',
	'hs',
	'vid',
	'profile',
	'patient',
	'employee',
	'national',
	'tax',
]);

/**
 * True when a field name designates personal data: contact details, names, addresses finer than a
 * region, free-text notes, official or financial identifiers, birth dates, and a person's identifiers
 * (`customer_id`, `deviceId`, a bare `id`; `plan_id` or `product_id` are not personal). Words, not
 * substrings: `campaignName` is PII (a name word), `hostname` and `ipsum` are not.
 *
 * @example isPiiFieldName('properties.email') // true
 * @example isPiiFieldName('plan') // false
 */
export function isPiiFieldName(name: string): boolean {
	const words = nameWords(name);
	if (words.length === 0) return false;
	for (let i = 0; i < words.length; i++) {
		const w = words[i];
		if (PII_WORDS.has(w)) return true;
		if (w === 'id' && (words.length === 1 || PERSON_QUALIFIERS.has(words[i - 1] ?? '')))
			return true;
	}
	const joined = words.join('');
	return PII_COMPOUNDS.some((c) => joined.includes(c));
}

/** Words of a field that holds a person's name (`firstname`, `Last_Name`, `contactName` ...). */
const NAME_FIELD_WORDS: ReadonlySet<string> = new Set([
	'firstname',
	'lastname',
	'fullname',
	'surname',
	'forename',
	'givenname',
	'familyname',
	'middlename',
	'nickname',
]);

/**
 * True when a field holds a person's name: the values whose occurrences elsewhere in the record are
 * PII. `name`, `first_name`, `LastName`, `contactName`; not `campaignName` or `company_name`.
 */
export function isNameField(name: string): boolean {
	const words = nameWords(name);
	const joined = words.join('');
	if (NAME_FIELD_WORDS.has(joined)) return true;
	if (words.some((w) => NAME_FIELD_WORDS.has(w))) return true;
	const last = words.length - 1;
	if (last < 0 || words[last] !== 'name') return false;
	if (last === 0) return true;
	const before = words[last - 1];
	return [
		'first',
		'last',
		'full',
		'given',
		'family',
		'middle',
		'contact',
		'customer',
		'person',
		'display',
		'user',
		'nick',
		'sur',
		'fore',
	].includes(before);
}

function valueOf(v: unknown): unknown {
	// HubSpot's v1 API wraps a property as { value }.
	if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'value' in v)
		return (v as { value: unknown }).value;
	return v;
}

/**
 * The values of a record's own name fields, top level and one object deep (HubSpot's `properties`),
 * for the name detector: a customer called "Dana" is PII in that customer's `region` column. Each
 * value is given whole and word by word ("Mary Ann" gives "Mary Ann", "Mary", "Ann").
 */
export function recordNames(record: unknown): string[] {
	const out = new Set<string>();
	const visit = (obj: Record<string, unknown>, depth: number) => {
		for (const [key, raw] of Object.entries(obj)) {
			const v = valueOf(raw);
			if (typeof v === 'string') {
				if (!isNameField(key)) continue;
				const whole = v.trim();
				if (whole.length < 2) continue;
				out.add(whole);
				for (const part of whole.split(/\s+/)) if (part.length >= 2) out.add(part);
			} else if (depth === 0 && v !== null && typeof v === 'object' && !Array.isArray(v)) {
				visit(v as Record<string, unknown>, 1);
			}
		}
	};
	if (record !== null && typeof record === 'object' && !Array.isArray(record))
		visit(record as Record<string, unknown>, 0);
	return Array.from(out);
}
