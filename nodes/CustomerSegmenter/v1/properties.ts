import type { INodeProperties } from 'n8n-workflow';

import { FEATURE_DEFAULTS, SEGMENTER_DEFAULTS } from '../../../lib/segment';

// Defaults come from lib; n8n's lint reads a default only as a literal or a plain name.
const {
	anonymousVisitors: anonymousVisitorsDefault,
	batches: batchesDefault,
	batchSize: batchSizeDefault,
	fitThreshold: fitThresholdDefault,
	sampleSize: sampleSizeDefault,
	kMax: kMaxDefault,
	kMin: kMinDefault,
	maxIterations: maxIterationsDefault,
	nInit: nInitDefault,
	seed: seedDefault,
	topFeatures: topFeaturesDefault,
} = SEGMENTER_DEFAULTS;

const {
	channelSmoothing: channelSmoothingDefault,
	idField: idFieldDefault,
	impute: imputeDefault,
	nonNumeric: nonNumericDefault,
} = FEATURE_DEFAULTS;

export const customerSegmenterProperties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'K-Means Clustering', value: 'kmeans', description: 'Groups customers with similar behaviour; finds the number of groups itself' },
			{ name: 'RFM', value: 'rfm', description: 'Recency, frequency and monetary quintile scores with the named RFM segments (Champions, At Risk ...)' },
		],
		default: 'kmeans',
	},
	{
		displayName: 'Number of Segments',
		name: 'kMode',
		type: 'options',
		options: [
			{ name: 'Automatic', value: 'auto', description: 'Try a range and keep the best silhouette' },
			{ name: 'Fixed', value: 'fixed' },
		],
		default: 'auto',
		displayOptions: { show: { method: ['kmeans'] } },
	},
	{
		displayName: 'Segments',
		name: 'k',
		type: 'number',
		typeOptions: { minValue: 2 },
		default: 4,
		displayOptions: { show: { method: ['kmeans'], kMode: ['fixed'] } },
	},
	{
		displayName: 'Input',
		name: 'input',
		type: 'options',
		options: [
			{ name: 'Auto-Detect', value: 'auto', description: 'Journeys from the Journey Mapper are recognised, and then every item must be a valid journey (a bad one is named); anything else is treated as rows' },
			{ name: 'Journeys', value: 'journeys', description: 'Features engineered from journeys: recency, frequency, monetary, channel mix, stage, pain points' },
			{ name: 'Customer Rows', value: 'rows', description: 'Any rows; you name the fields' },
		],
		default: 'auto',
	},
	{
		displayName: 'Keep Segment IDs Stable Across Runs',
		name: 'stableIds',
		type: 'boolean',
		default: true,
		description:
			"Whether to match this run's segments to the previous run's (kept in the workflow's static data, which n8n saves for production executions) so IDs don't reshuffle when the data shifts a little. Queued executions on n8n 2.x start without static data: there, store the model yourself with the Include Model and Previous Model options.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Allow Protected Attributes', name: 'allowProtectedAttributes', type: 'string', default: '', description: 'Comma-separated protected attributes (gender, age band ...) to allow as features. Excluded by default; any you allow is recorded on every segment.' },
			{
				displayName: 'Anonymous Visitors',
				name: 'anonymousVisitors',
				type: 'options',
				options: [
					{ name: 'Place in the Nearest Segment', value: 'assign', description: 'Segments are fitted on identified customers; visitors known only by a device ID are then placed in the nearest one' },
					{ name: 'Cluster With Everyone', value: 'cluster', description: 'Anonymous visitors take part in fitting the segments' },
				],
				default: anonymousVisitorsDefault,
				description: 'Journeys the Journey Mapper flags as anonymous have no CRM, email or order data: unknown, not zero',
			},
			{ displayName: 'Batch Size (Mini-Batch)', name: 'batchSize', type: 'number', typeOptions: { minValue: 1 }, default: batchSizeDefault, description: 'Customers per mini-batch step' },
			{ displayName: 'Batches (Mini-Batch)', name: 'batches', type: 'number', typeOptions: { minValue: 1 }, default: batchesDefault, description: 'Most mini-batch steps per initialisation (fewer when the centroids stop moving)' },
			{ displayName: 'Categorical Fields', name: 'categoricalFields', type: 'string', default: '', placeholder: 'plan, region', description: 'Comma-separated fields one-hot encoded as features' },
			{ displayName: 'Channel Smoothing', name: 'channelSmoothing', type: 'number', typeOptions: { minValue: 0 }, default: channelSmoothingDefault, description: 'Journeys: touches of the overall channel mix added to each customer before taking channel shares, so one or two touches do not read as a 100% preference. 0 gives raw shares.' },
			{ displayName: 'Customer ID Field', name: 'idField', type: 'string', default: idFieldDefault, description: 'Field holding the customer ID in plain rows' },
			{ displayName: 'Distinguishing Features per Segment', name: 'topFeatures', type: 'number', typeOptions: { minValue: 1 }, default: topFeaturesDefault },
			{
				displayName: 'Extra Journey Features',
				name: 'journeyFeatures',
				type: 'multiOptions',
				options: [
					{ name: 'Journey Stage', value: 'stage', description: 'One-hot stage columns (derived by the Journey Mapper from the same behaviour, so off by default)' },
					{ name: 'Days to Convert', value: 'daysToConvert', description: 'Days to first purchase (undefined for non-buyers, who get the imputed value)' },
				],
				default: [],
				description: 'Journey features added to the defaults (recency, frequency, monetary, purchases, problems, channel mix)',
			},
			{
				displayName: 'Fit Strategy',
				name: 'fitStrategy',
				type: 'options',
				options: [
					{ name: 'Auto', value: 'auto', description: 'Full k-means up to the size threshold, mini-batch above it' },
					{ name: 'Full', value: 'full', description: 'Every customer in every iteration' },
					{ name: 'Mini-Batch', value: 'minibatch', description: 'Mini-batch k-means (Sculley 2010), seeded with k-means++ on a sample' },
					{ name: 'Sample', value: 'sample', description: 'Full k-means on a seeded sample' },
				],
				default: 'auto',
				description: 'How k-means is fitted. Every customer is assigned to its nearest segment whatever the strategy.',
			},
			{ displayName: 'Fit Threshold (Auto)', name: 'fitThreshold', type: 'number', typeOptions: { minValue: 1 }, default: fitThresholdDefault, description: 'Customers above which Auto uses mini-batch k-means' },
			{ displayName: 'Include Model', name: 'includeModel', type: 'boolean', default: false, description: 'Whether to add the fitted model to every Segments item as "model" (the same on each), so the workflow can store it and pass it back as Previous Model next run: needed for stable segment IDs where static data does not carry over (queue mode on n8n 2.x)' },
			{
				displayName: 'Inertia Gap to Full K-Means',
				name: 'inertiaGap',
				type: 'options',
				options: [
					{ name: 'Estimate on a Held-Out Sample', value: 'heldOutSample', description: 'Full k-means on a held-out sample only, from the same initial centroids' },
					{ name: 'Exact (Runs Full K-Means Too)', value: 'full', description: 'Full k-means on every customer from the same initial centroids: as slow as a full fit' },
					{ name: 'Not Measured', value: 'none' },
				],
				default: 'none',
				description: 'Sample and mini-batch fits: how far their inertia is from full k-means, reported on every segment',
			},
			{ displayName: 'Initialisations', name: 'nInit', type: 'number', typeOptions: { minValue: 1 }, default: nInitDefault, description: 'Independent k-means runs; the best is kept' },
			{ displayName: 'Max Iterations', name: 'maxIterations', type: 'number', typeOptions: { minValue: 1 }, default: maxIterationsDefault },
			{ displayName: 'Max Segments (Automatic)', name: 'kMax', type: 'number', typeOptions: { minValue: 2 }, default: kMaxDefault },
			{ displayName: 'Min Segments (Automatic)', name: 'kMin', type: 'number', typeOptions: { minValue: 2 }, default: kMinDefault },
			{
				displayName: 'Missing Values',
				name: 'impute',
				type: 'options',
				options: [
					{ name: 'Fill With the Median', value: 'median' },
					{ name: 'Fill With the Mean', value: 'mean' },
					{ name: 'Fill With Zero', value: 'zero' },
				],
				default: imputeDefault,
				description: 'How gaps are filled; counts per feature are reported on the segments',
			},
			{
				displayName: 'Non-Numeric Values',
				name: 'nonNumeric',
				type: 'options',
				options: [
					{ name: 'Stop With an Error', value: 'error', description: 'Name the item and field' },
					{ name: 'Treat as Missing', value: 'impute', description: 'Fill and count them' },
				],
				default: nonNumericDefault,
				description: 'What to do with text in a numeric field',
			},
			{ displayName: 'Numeric Fields', name: 'numericFields', type: 'string', default: '', placeholder: 'orders, avg_order_value', description: 'Comma-separated numeric fields. For journeys they are added to the engineered features; for rows they are the features.' },
			{ displayName: 'Previous Model (JSON)', name: 'previousModel', type: 'json', default: '', description: 'The model of an earlier run (the "model" field that Include Model adds), kept anywhere you like (a Data Table, Redis, a database, a file), to match segment IDs against instead of the static data. Give it as an object from an expression or as its JSON text; empty means none stored yet (fresh IDs).' },
			{ displayName: 'Sample Size', name: 'sampleSize', type: 'number', typeOptions: { minValue: 1 }, default: sampleSizeDefault, description: 'Customers in the fitting sample (Sample), the k-means++ seeding sample (Mini-Batch), the sample on which Automatic segments choose k, and the held-out gap sample' },
			{
				displayName: 'Scaling',
				name: 'scaling',
				type: 'options',
				options: [
					{ name: 'Standard (Z-Score)', value: 'standard' },
					{ name: 'Min-Max', value: 'minMax' },
					{ name: 'Robust (Median and IQR)', value: 'robust' },
				],
				default: 'standard',
			},
			{ displayName: 'Seed', name: 'seed', type: 'number', default: seedDefault, description: 'The same seed and data always give the same segments' },
		],
	},
];
