import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DeploymentResult } from '../../../../../lib/contracts';
import { adResultBase } from '../../../../../lib/deploy';
import { deployLinkedInAd } from '../../../../../lib/deploy/linkedin';
import type { RequestFn } from '../../../../../lib/deploy/platformHttp';
import { splitList } from '../../../../shared/params';
import { linkedInRequestFn } from '../../transport/linkedin';
import { nodeRetryOptions } from '../../transport/platform';
import { pickedId } from '../picked';
import type { AdmittedAd } from '../types';
import { DRY_RUN_REQUEST, fieldText, objectResult } from './adFields';

/** Campaign → Deploy on LinkedIn: one result per admitted linkedin ad. */
export async function deployLinkedIn(
	ctx: IExecuteFunctions,
	admitted: AdmittedAd[],
): Promise<Map<number, DeploymentResult>> {
	const results = new Map<number, DeploymentResult>();
	const first = admitted[0].index;
	const o = ctx.getNodeParameter('options', first, {}) as IDataObject;
	const retry = nodeRetryOptions(Number(o.maxAttempts ?? 4), Number(o.maxRetryWaitMs ?? 60000));
	let request: RequestFn | undefined;
	// One clock read per run: campaigns start now (lib reads no clock).
	const startMs = Date.now();
	for (const a of admitted) {
		const i = a.index;
		const dryRun = ctx.getNodeParameter('dryRun', i) as boolean;
		// The router has already refused ads whose copy carries personal data.
		const base = adResultBase(a.ad, a.names, dryRun);
		if (!dryRun && !request) request = await linkedInRequestFn(ctx, Number(o.timeoutMs ?? 60000));
		const [language, country] = String(ctx.getNodeParameter('linkedInLocale', i, 'en_US')).split(
			'_',
		);
		const outcome = await deployLinkedInAd(
			request ?? DRY_RUN_REQUEST,
			{
				adAccountId: ctx.getNodeParameter('linkedInAdAccountId', i, '', {
					extractValue: true,
				}) as string,
				version: ctx.getNodeParameter('linkedInVersion', i) as string,
				existingCampaignGroupId: pickedId(ctx, 'linkedInCampaignGroup', i) || undefined,
				names: { campaignGroup: a.names.campaign, campaign: a.names.adGroup, creative: a.names.ad },
				ad: {
					adId: a.ad.adId,
					finalUrl: a.ad.finalUrl,
					introText: fieldText(a.ad, 'introText') ?? '',
					headline: fieldText(a.ad, 'headline') ?? '',
					cta: a.ad.cta,
				},
				settings: {
					dailyBudget: ctx.getNodeParameter('dailyBudget', i) as number,
					currency: String(ctx.getNodeParameter('linkedInCurrency', i, 'USD')).toUpperCase(),
					maxCpc: ctx.getNodeParameter('linkedInMaxCpc', i, 5) as number,
					locations: splitList(ctx.getNodeParameter('linkedInLocations', i, '')) ?? [],
					locale: { country: country ?? 'US', language: language ?? 'en' },
					organization: String(ctx.getNodeParameter('linkedInOrganization', i, '')).trim(),
					status: ctx.getNodeParameter('createStatus', i) === 'enabled' ? 'ACTIVE' : 'DRAFT',
					political: (a.ad.audit?.specialAdCategories ?? []).includes('issues_elections_politics'),
					startMs,
				},
				dryRun,
			},
			retry,
		);
		const result = objectResult(ctx.getNode(), 'LinkedIn', base, outcome, i);
		results.set(i, result);
	}
	return results;
}
