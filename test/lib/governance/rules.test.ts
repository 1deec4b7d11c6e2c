import {
	combineConsent,
	consentExclusion,
	consentOf,
	consentOfOptOut,
	countAttributeScreen,
	emptyAttributePrivacyCounts,
	isFreeText,
	isNameField,
	isPiiFieldName,
	isProtectedAttribute,
	nameWords,
	PROTECTED_FAMILIES,
	protectedFamilyOf,
	recordNames,
	screenAttributeValue,
} from '../../../lib/governance';

describe('nameWords', () => {
	it('splits camelCase, snake_case, kebab-case and dotted paths alike', () => {
		expect(nameWords('ageBand')).toEqual(['age', 'band']);
		expect(nameWords('attributes.age-band')).toEqual(['attributes', 'age', 'band']);
		expect(nameWords('HasOptedOutOfEmail')).toEqual(['has', 'opted', 'out', 'of', 'email']);
		expect(nameWords('IPAddress')).toEqual(['ip', 'address']);
	});
});

describe('isPiiFieldName: one rule for journey attributes and segment profiles', () => {
	// Names the Journey Mapper refused before (its regex) and the segmenter skipped (its word list).
	it.each([
		'email',
		'e-mail',
		'Email',
		'properties.email',
		'firstname',
		'lastname',
		'FirstName',
		'full_name',
		'campaignName',
		'phone',
		'MobilePhone',
		'mobile',
		'address',
		'street',
		'billing_address',
		'zip',
		'zipcode',
		'postal_code',
		'postcode',
		'notes',
		'note',
		'comment',
		'description',
		'ssn',
		'passport',
		'birthdate',
		'date_of_birth',
		'ip',
		'ip_address',
		'ipAddress',
		'id',
		'customer_id',
		'user_id',
		'deviceId',
		'user_pseudo_id',
		'uuid',
		'username',
		'EmailAddress',
		'phonenumber',
		'iban',
		'credit_card_number',
	])('%p is personal data', (name) => expect(isPiiFieldName(name)).toBe(true));

	// The sample data's categorical attributes and business fields; `plan_id` is a product's id.
	it.each([
		'plan',
		'region',
		'lifecyclestage',
		'industry',
		'status',
		'rating',
		'device',
		'country',
		'city',
		'state',
		'age_band',
		'gender',
		'plan_id',
		'product_id',
		'hostname',
		'tier',
		'orders',
		'revenue',
	])('%p is not personal data by name', (name) => expect(isPiiFieldName(name)).toBe(false));
});

describe('isNameField and recordNames', () => {
	it.each(['name', 'firstname', 'LastName', 'first_name', 'contactName', 'surname'])(
		"%p holds a person's name",
		(name) => expect(isNameField(name)).toBe(true),
	);
	it.each(['campaignName', 'company_name', 'plan', 'hostname'])('%p does not', (name) =>
		expect(isNameField(name)).toBe(false),
	);

	it('collects the name values of a record, HubSpot properties and v1 {value} included', () => {
		const record = {
			id: '1',
			properties: { firstname: 'Mary Ann', lastname: { value: 'Smith' }, plan: 'pro' },
			LastName: 'X',
		};
		expect(recordNames(record).sort()).toEqual(['Ann', 'Mary', 'Mary Ann', 'Smith']);
		expect(recordNames(null)).toEqual([]);
	});
});

describe('isProtectedAttribute', () => {
	it.each([
		'gender',
		'age_band',
		'ageGroup',
		'attributes.age-band',
		'date_of_birth',
		'ethnicity',
		'religion',
		'marital_status',
		'sexualOrientation',
		'trade_union_member',
		'disability',
		'health',
		'criminal_record',
		'nationality',
	])('%p is protected', (name) => expect(isProtectedAttribute(name)).toBe(true));

	it.each([
		'accountAge',
		'cart_age',
		'accountHealth',
		'healthScore',
		'plan',
		'region',
		'usage',
		'page',
	])('%p is a business term', (name) => expect(isProtectedAttribute(name)).toBe(false));

	it('names the family and its sources', () => {
		expect(protectedFamilyOf('age_band')?.family).toBe('age');
		expect(protectedFamilyOf('tradeUnion')?.sources).toContain('GDPR Art. 9(1)');
		for (const f of PROTECTED_FAMILIES) expect(f.sources.length).toBeGreaterThan(0);
	});
});

describe('consent', () => {
	it.each([
		[true, 'granted'],
		[1, 'granted'],
		['Granted', 'granted'],
		[' opt-in ', 'granted'],
		['subscribed', 'granted'],
		[false, 'withheld'],
		[0, 'withheld'],
		['withheld', 'withheld'],
		['unsubscribed', 'withheld'],
		['opt_out', 'withheld'],
		['maybe', 'unknown'],
		[null, 'unknown'],
		[undefined, 'unknown'],
		[2, 'unknown'],
	])('%p means %p', (value, state) => expect(consentOf(value)).toBe(state));

	it('reads an opt-out flag the other way round', () => {
		expect(consentOfOptOut(true)).toBe('withheld');
		expect(consentOfOptOut('false')).toBe('granted');
		expect(consentOfOptOut('')).toBe('unknown');
	});

	it('lets a withdrawal win over a grant, and a grant over unknown', () => {
		expect(combineConsent('granted', 'withheld')).toBe('withheld');
		expect(combineConsent('withheld', 'granted')).toBe('withheld');
		expect(combineConsent('unknown', 'granted')).toBe('granted');
		expect(combineConsent('unknown', 'unknown')).toBe('unknown');
	});

	it('leaves customers out by the policy, with the reason', () => {
		const drop = { dropWithoutConsent: true, requireConsent: false };
		const require = { dropWithoutConsent: true, requireConsent: true };
		const keep = { dropWithoutConsent: false, requireConsent: false };
		expect(consentExclusion('withheld', drop)).toBe('consent withheld');
		expect(consentExclusion('unknown', drop)).toBeNull();
		expect(consentExclusion('unknown', require)).toBe('no consent recorded');
		expect(consentExclusion('granted', require)).toBeNull();
		expect(consentExclusion('withheld', keep)).toBeNull();
	});
});

describe('attribute values', () => {
	it.each([
		'North America',
		'pro-annual',
		'Enterprise (50 seats)',
		'Mid-Atlantic',
		'free',
		'B2B SaaS',
	])('%p is a category', (value) => expect(isFreeText(value)).toBe(false));
	it.each([
		'Customer called twice about the delivery. Wants a refund.',
		'line one\nline two',
		'we moved offices last year and nobody told the billing team',
		'Is this the plan for me?',
		'x'.repeat(81),
	])('%p is free text', (value) => expect(isFreeText(value)).toBe(true));

	it('keeps clean values and replaces PII and free text whole, naming the kinds', () => {
		expect(screenAttributeValue('pro')).toEqual({ verdict: 'clean', value: 'pro' });
		expect(screenAttributeValue(3)).toEqual({ verdict: 'clean', value: 3 });
		expect(screenAttributeValue('dana@example.com')).toEqual({
			verdict: 'pii',
			value: '[email removed]',
			kinds: ['email'],
		});
		expect(screenAttributeValue('call 020 7946 0958')).toEqual({
			verdict: 'pii',
			value: '[phone removed]',
			kinds: ['phone'],
		});
		expect(screenAttributeValue('Dana West', { names: ['Dana'] })).toMatchObject({
			verdict: 'pii',
			kinds: ['name'],
		});
		expect(
			screenAttributeValue('We are a small bakery and mostly order flour in bulk every month.'),
		).toEqual({ verdict: 'freeText', value: '[free text removed]' });
	});

	it('counts replacements per field and kind', () => {
		const counts = emptyAttributePrivacyCounts();
		countAttributeScreen(counts, 'plan', screenAttributeValue('a@b.co'));
		countAttributeScreen(counts, 'plan', screenAttributeValue('c@d.co'));
		countAttributeScreen(counts, 'plan', screenAttributeValue('pro'));
		countAttributeScreen(
			counts,
			'region',
			screenAttributeValue('one two three four five six seven eight'),
		);
		expect(counts).toEqual({
			piiValues: 2,
			piiByField: { plan: { email: 2 } },
			freeTextValues: 1,
			freeTextByField: { region: 1 },
		});
	});
});
