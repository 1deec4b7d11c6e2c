import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DeploymentResult } from '../../../../../lib/contracts';
import {
	BULK_FORMAT_FOR_CHANNEL,
	BULK_FORMAT_NAMES,
	BULK_FORMATS,
	adResultBase,
	deploymentResult,
	exportBulkFiles,
	type BulkFormat,
	type ExportAd,
	type ExportSettings,
} from '../../../../../lib/deploy';
import { splitList } from '../../../../shared/params';
import { binaryPropertyField, gateProperties } from '../common.descriptions';
import type { AdmittedAd, AdOperation, AdOperationOutput } from '../types';

const properties: INodeProperties[] = [
	...gateProperties,
	{
		displayName: 'Files',
		name: 'formats',
		type: 'multiOptions',
		options: [
			{ name: 'Google Ads Editor CSV (Google Search Ads)', value: 'googleAdsEditor' },
			{ name: 'Meta Ads Manager Import Sheet (Meta Feed Ads)', value: 'metaSheet' },
			{ name: 'Microsoft Advertising Bulk CSV (Microsoft Search Ads)', value: 'microsoftBulk' },
		],
		default: ['googleAdsEditor', 'microsoftBulk', 'metaSheet'],
		description: "Files to write; each ad goes into its channel's file, other channels are reported as skipped",
	},
	{
		displayName: 'Status in File',
		name: 'fileStatus',
		type: 'options',
		options: [
			{ name: 'Paused', value: 'paused', description: 'Everything arrives paused; you enable it after a last look' },
			{ name: 'Enabled (Live on Upload)', value: 'enabled', description: 'Campaigns, ad groups and ads start serving as soon as the file is posted' },
		],
		default: 'paused',
		description: 'Status written on every campaign, ad group, keyword and ad in the files',
	},
	{
		displayName: 'Daily Budget',
		name: 'dailyBudget',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 10,
		description: "Daily budget of each campaign, in the ad account's currency",
	},
	{
		displayName: 'Max CPC',
		name: 'maxCpc',
		type: 'number',
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		default: 1,
		description: "Maximum cost per click of each search ad group, in the ad account's currency",
	},
	{
		displayName: 'Keywords',
		name: 'keywords',
		type: 'string',
		default: "={{ ($json.keywords || []).join(', ') }}",
		description:
			"Comma-separated search keywords for this ad's ad group, e.g. the keywords of the persona the ad was written for (Persona Builder output)",
	},
	{
		displayName: 'Match Type',
		name: 'matchType',
		type: 'options',
		options: [
			{ name: 'Broad', value: 'broad' },
			{ name: 'Phrase', value: 'phrase' },
			{ name: 'Exact', value: 'exact' },
		],
		default: 'phrase',
		description: 'Keyword match type in the search files',
	},
	binaryPropertyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Countries (Meta)',
				name: 'countries',
				type: 'string',
				default: 'US',
				description: 'Comma-separated two-letter country codes the Meta ad sets target',
			},
			{
				displayName: 'Language (Microsoft)',
				name: 'microsoftLanguage',
				type: 'string',
				default: 'English',
				description: 'Campaign language as Microsoft Advertising names it, e.g. English, French, or All',
			},
			{
				displayName: 'Languages (Google)',
				name: 'languages',
				type: 'string',
				default: 'en',
				description: 'Comma-separated language codes the Google campaigns target',
			},
			{
				displayName: 'Objective (Meta)',
				name: 'metaObjective',
				type: 'options',
				options: [
					{ name: 'Awareness', value: 'Outcome Awareness' },
					{ name: 'Engagement', value: 'Outcome Engagement' },
					{ name: 'Leads', value: 'Outcome Leads' },
					{ name: 'Sales', value: 'Outcome Sales' },
					{ name: 'Traffic', value: 'Outcome Traffic' },
				],
				default: 'Outcome Traffic',
			},
			{
				displayName: 'Time Zone (Microsoft)',
				name: 'microsoftTimeZone',
				type: 'string',
				default: 'PacificTimeUSCanadaTijuana',
				description: 'Campaign time zone as Microsoft Advertising names it, e.g. EasternTimeUSCanada, GreenwichMeanTimeDublinEdinburghLisbonLondon',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['bulkFile'], operation: ['export'] } }, properties);

/** The file settings, read once: they shape whole files, not single ads. */
function readSettings(ctx: IExecuteFunctions): { formats: BulkFormat[]; settings: Partial<ExportSettings>; binaryProperty: string } {
	const o = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const formats = (ctx.getNodeParameter('formats', 0) as string[]).filter((f): f is BulkFormat => (BULK_FORMATS as readonly string[]).includes(f));
	return {
		formats,
		binaryProperty: ctx.getNodeParameter('binaryPropertyName', 0) as string,
		settings: {
			status: ctx.getNodeParameter('fileStatus', 0) as ExportSettings['status'],
			dailyBudget: ctx.getNodeParameter('dailyBudget', 0) as number,
			maxCpc: ctx.getNodeParameter('maxCpc', 0) as number,
			matchType: ctx.getNodeParameter('matchType', 0) as ExportSettings['matchType'],
			languages: splitList(o.languages),
			countries: splitList(o.countries)?.map((c) => c.toUpperCase()),
			microsoftLanguage: (o.microsoftLanguage as string) || undefined,
			microsoftTimeZone: (o.microsoftTimeZone as string) || undefined,
			metaObjective: (o.metaObjective as string) || undefined,
		},
	};
}

async function execute(this: IExecuteFunctions, admitted: AdmittedAd[]): Promise<AdOperationOutput> {
	const { formats, settings, binaryProperty } = readSettings(this);
	const results = new Map<number, DeploymentResult>();
	const indexOf = new Map<string, number>();
	const byId = new Map<string, ExportAd>();
	const exportAds: ExportAd[] = [];
	for (const a of admitted) {
		const search = a.ad.channel === 'google_search' || a.ad.channel === 'microsoft_search';
		const keywords = search ? (splitList(this.getNodeParameter('keywords', a.index, '')) ?? []) : [];
		const exportAd = { ad: a.ad, names: a.names, keywords };
		exportAds.push(exportAd);
		byId.set(a.ad.adId, exportAd);
		indexOf.set(a.ad.adId, a.index);
	}

	const { files, unplaced } = exportBulkFiles(exportAds, formats, settings);
	const base = (a: ExportAd) => adResultBase(a.ad, a.names, true);
	for (const a of unplaced) {
		const format = BULK_FORMAT_FOR_CHANNEL[a.ad.channel];
		results.set(
			indexOf.get(a.ad.adId) ?? -1,
			deploymentResult(base(a), {
				status: 'skipped',
				reason: 'channel',
				message: format
					? `Skipped: the ${BULK_FORMAT_NAMES[format]} is not among the selected files.`
					: `Skipped: there is no bulk file for ${a.ad.channel} ads; use Email → Prepare for email, Campaign → Deploy for the platforms' APIs.`,
			}),
		);
	}

	const deliverables: INodeExecutionData[] = [];
	for (const file of files) {
		const binary = await this.helpers.prepareBinaryData(Buffer.from(file.content, 'utf8'), file.fileName, file.mimeType);
		const paired = file.adIds.map((id) => ({ item: indexOf.get(id) ?? 0 }));
		deliverables.push({
			json: {
				kind: 'bulkFile',
				format: file.format,
				platform: file.platform,
				fileName: file.fileName,
				status: settings.status ?? 'paused',
				rows: file.rows,
				ads: file.adIds.length,
				adIds: file.adIds,
			},
			binary: { [binaryProperty]: binary },
			pairedItem: paired,
		});
		for (const a of file.adIds.map((id) => byId.get(id) as ExportAd)) {
			results.set(
				indexOf.get(a.ad.adId) ?? -1,
				deploymentResult(base(a), {
					status: 'exported',
					message: `Written to ${file.fileName} (${BULK_FORMAT_NAMES[file.format]}), status ${settings.status === 'enabled' ? 'enabled' : 'paused'}.`,
					files: [file.fileName],
					warnings: file.warnings[a.ad.adId],
				}),
			);
		}
	}
	return { results, deliverables };
}

export const operation: AdOperation = {
	kind: 'ads',
	description,
	// A file changes nothing on any platform; the upload is the marketer's step.
	isDryRun: () => true,
	execute,
};
