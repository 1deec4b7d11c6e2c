import type { INodeProperties } from 'n8n-workflow';

import { RULE_FAMILIES } from '../../../lib/audit/types';

const FAMILY_NAMES: Record<(typeof RULE_FAMILIES)[number], string> = {
	artefacts: 'Model Artefacts and Prompt Injection',
	claims: 'Claims',
	editorial: 'Platform Editorial Rules',
	fairness: 'Audience Fairness',
	inclusiveLanguage: 'Inclusive Language',
	personalAttributes: 'Personal Attributes',
	pii: 'Personal Data in Copy',
	specialCategory: 'Special Ad Categories',
	targeting: 'Targeting on Protected Attributes',
};

const familyOptions = [...RULE_FAMILIES]
	.map((f) => ({ name: FAMILY_NAMES[f], value: f }))
	.sort((a, b) => a.name.localeCompare(b.name));

export const biasAuditorProperties: INodeProperties[] = [
	{
		displayName:
			'Connect ad variants to the first input. Connect segment summaries, customers with their segment (the Customer Segmenter\'s Customers output) and targeting items (kind "targeting") to the second; items are recognised by their kind on either input.',
		name: 'inputsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Campaign Brief',
		name: 'brief',
		type: 'collection',
		placeholder: 'Add Brief Field',
		default: {},
		description: 'What the campaign is about: used to detect special ad categories and to accept claims the brief substantiates',
		options: [
			{ displayName: 'Brand', name: 'brand', type: 'string', default: '' },
			{ displayName: 'Competitors', name: 'competitors', type: 'string', default: '', description: 'Comma-separated names: any mention in the copy is a comparative claim' },
			{
				displayName: 'Declared Special Ad Categories',
				name: 'declaredCategories',
				type: 'multiOptions',
				options: [
					{ name: 'Employment', value: 'employment' },
					{ name: 'Financial Products and Services', value: 'financial_products_services' },
					{ name: 'Housing', value: 'housing' },
					{ name: 'Social Issues, Elections or Politics', value: 'issues_elections_politics' },
				],
				default: [],
			},
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'What is advertised, in a sentence or two' },
			{ displayName: 'Offer', name: 'offer', type: 'string', default: '', description: 'The offer as the brief states it; a guarantee or deadline it states is not a finding' },
			{ displayName: 'Product', name: 'product', type: 'string', default: '' },
			{
				displayName: 'Substantiated Claims',
				name: 'claims',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				placeholder: 'best-rated | Wirecutter, March 2026',
				description: 'One claim per line, then "|" and its source. A superlative or comparison the brief substantiates is not a finding.',
			},
		],
	},
	{
		displayName: 'Intended Targeting (JSON)',
		name: 'targeting',
		type: 'json',
		default: '[]',
		description:
			'A list of targetings: {"segmentId" or "adId", "ageMin", "ageMax", "genders", "locations": [{"type": "city", "value": "Austin", "radiusKm": 10}], "audiences": [{"type": "lookalike", "name": "Buyers 1%"}], "attributes"}. Items of kind "targeting" on the inputs are added.',
	},
	{
		displayName: 'Overrides',
		name: 'overrides',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Override',
		default: {},
		description: "A reviewer's decision to clear a finding. It stays on the ad, marked as overridden, with who and why.",
		options: [
			{
				displayName: 'Override',
				name: 'override',
				values: [
					{ displayName: 'Ad ID', name: 'adId', type: 'string', default: '', description: 'The ad, or * for every ad' },
					{ displayName: 'Rule', name: 'rule', type: 'string', default: '', placeholder: 'claims.unverifiedSuperlative', description: 'A rule ID or a whole family (claims, editorial ...)' },
					{ displayName: 'Reviewer', name: 'by', type: 'string', default: '' },
					{ displayName: 'Reason', name: 'why', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Detect Special Categories in Copy', name: 'detectCategoriesInCopy', type: 'boolean', default: true, description: 'Whether to look for special ad categories in the ad copy as well as in the brief' },
			{ displayName: 'Disabled Rule Families', name: 'disabledFamilies', type: 'multiOptions', options: familyOptions, default: [] },
			{ displayName: 'Disabled Rules', name: 'disabledRules', type: 'string', default: '', placeholder: 'inclusiveLanguage.lame, claims.falseUrgency', description: 'Comma-separated rule IDs' },
			{ displayName: 'Four-Fifths Threshold', name: 'fourFifths', type: 'number', typeOptions: { minValue: 0.01, maxValue: 1, numberPrecision: 2 }, default: 0.8, description: "A group selected at under this share of the most-selected group's rate is flagged" },
			{ displayName: 'Max Parity Difference', name: 'maxParityDifference', type: 'number', typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 }, default: 0.2, description: 'Largest acceptable difference between the selection rates of two groups' },
			{ displayName: 'Min Group Size', name: 'minGroupSize', type: 'number', typeOptions: { minValue: 1 }, default: 30, description: 'Groups with fewer members get no fairness verdict (the report says so)' },
			{
				displayName: 'Severities',
				name: 'severities',
				type: 'string',
				default: '',
				placeholder: 'claims.guarantee=critical, inclusiveLanguage=warning',
				description: 'Comma-separated rule ID or family = info, warning or critical. Critical blocks, warning sends to review, info only notes.',
			},
			{ displayName: 'Significance Z', name: 'minZ', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 1.96, description: 'A fairness shortfall counts only when a two-proportion z-test against the most-selected group reaches this |z| (1.96: 5%, two-sided). 0 counts every shortfall.' },
		],
	},
];
