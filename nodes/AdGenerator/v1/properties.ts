import type { INodeProperties } from 'n8n-workflow';

import { llmOptionFields, modelProperty, modeProperty } from '../../shared/descriptions';
import { chatModelNotice } from '../../shared/llm';

export const adGeneratorProperties: INodeProperties[] = [
	modeProperty(
		'Deterministic copy composed from the persona and the brief; no credentials, no network',
		'One call per persona and channel, checked against the format rules; the variants that fail are sent back once with what to fix',
	),
	modelProperty,
	chatModelNotice,
	{ displayName: 'Brand', name: 'brand', type: 'string', default: '', required: true, placeholder: 'Trailhead Outfitters' },
	{ displayName: 'Product or Offer', name: 'product', type: 'string', default: '', required: true, placeholder: 'Trail running shoes' },
	{
		displayName: 'Goal',
		name: 'goal',
		type: 'options',
		options: [
			{ name: 'Awareness', value: 'awareness' },
			{ name: 'Leads', value: 'leads' },
			{ name: 'Sales', value: 'sales' },
			{ name: 'Traffic', value: 'traffic' },
			{ name: 'Win-Back', value: 'winBack' },
		],
		default: 'sales',
	},
	{ displayName: 'Landing Page URL', name: 'landingUrl', type: 'string', default: '', required: true, placeholder: 'https://example.com/shoes', description: 'UTM parameters (source, medium, campaign, content = ad ID) are added so performance can be joined back' },
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'multiOptions',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Google Responsive Display Ad', value: 'google_display' },
			{ name: 'Google Responsive Search Ad', value: 'google_search' },
			{ name: 'LinkedIn Sponsored Content', value: 'linkedin' },
			{ name: 'Meta Feed Ad', value: 'meta_feed' },
			{ name: 'Microsoft Advertising RSA', value: 'microsoft_search' },
			{ name: 'X Post', value: 'x_post' },
		],
		default: ['google_search', 'meta_feed', 'linkedin', 'email'],
	},
	{ displayName: 'Variants per Persona and Channel', name: 'variantsPerPersona', type: 'number', typeOptions: { minValue: 1, maxValue: 26 }, default: 3, description: 'Variants A, B, C and so on, each written from a different angle' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...llmOptionFields('Use the offline copy for that persona and channel and record the error', 0.7),
			{ displayName: 'Banned Words', name: 'bannedWords', type: 'string', default: '', description: 'Comma-separated words that must never appear' },
			{ displayName: 'Existing Ads', name: 'existingAds', type: 'string', typeOptions: { rows: 4 }, default: '', description: "A few of the brand's current ads, one per line, to learn its style (casing, punctuation, length)" },
			{ displayName: 'Language', name: 'language', type: 'string', default: 'en', description: 'Offline copy is English; a model writes in any language' },
			{ displayName: 'Offer', name: 'offer', type: 'string', default: '', placeholder: '15% off your first order', description: 'A concrete offer the copy may state. Only what you write here is promised.' },
			{ displayName: 'Required Phrases', name: 'requiredPhrases', type: 'string', default: '', description: 'Comma-separated phrases every ad must contain (e.g. a legal line)' },
			{ displayName: 'Seed', name: 'seed', type: 'number', default: 1, description: 'Same seed, same copy' },
			{ displayName: 'Tone', name: 'tone', type: 'string', default: '', placeholder: 'warm, confident', description: "Overrides each persona's tone of voice" },
		],
	},
];
