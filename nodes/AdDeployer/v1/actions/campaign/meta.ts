import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DeploymentResult } from '../../../../../lib/contracts';
import { adResultBase } from '../../../../../lib/deploy';
import { deployMetaAd, type MetaObjective } from '../../../../../lib/deploy/meta';
import type { RequestFn } from '../../../../../lib/deploy/platformHttp';
import { splitList } from '../../../../shared/params';
import { metaRequestFn } from '../../transport/meta';
import { nodeRetryOptions } from '../../transport/platform';
import { pickedId } from '../picked';
import type { AdmittedAd } from '../types';
import { DRY_RUN_REQUEST, fieldText, objectResult } from './adFields';

/** Campaign → Deploy on Meta: one result per admitted meta_feed ad. */
export async function deployMeta(
	ctx: IExecuteFunctions,
	admitted: AdmittedAd[],
): Promise<Map<number, DeploymentResult>> {
	const results = new Map<number, DeploymentResult>();
	const first = admitted[0].index;
	const o = ctx.getNodeParameter('options', first, {}) as IDataObject;
	const retry = nodeRetryOptions(Number(o.maxAttempts ?? 4), Number(o.maxRetryWaitMs ?? 60000));
	let request: RequestFn | undefined;
	for (const a of admitted) {
		const i = a.index;
		const dryRun = ctx.getNodeParameter('dryRun', i) as boolean;
		// The router has already refused ads whose copy carries personal data.
		const base = adResultBase(a.ad, a.names, dryRun);
		if (!dryRun && !request) {
			request = await metaRequestFn(
				ctx,
				ctx.getNodeParameter('metaAuthentication', first) as string,
				Number(o.timeoutMs ?? 60000),
			);
		}
		const outcome = await deployMetaAd(
			request ?? DRY_RUN_REQUEST,
			{
				adAccountId: ctx.getNodeParameter('adAccountId', i, '', { extractValue: true }) as string,
				apiVersion: ctx.getNodeParameter('metaApiVersion', i) as string,
				existingCampaignId: pickedId(ctx, 'metaCampaign', i) || undefined,
				names: { campaign: a.names.campaign, adSet: a.names.adGroup, ad: a.names.ad },
				ad: {
					adId: a.ad.adId,
					finalUrl: a.ad.finalUrl,
					primaryText: fieldText(a.ad, 'primaryText') ?? '',
					headline: fieldText(a.ad, 'headline') ?? '',
					description: fieldText(a.ad, 'description'),
					cta: a.ad.cta,
				},
				settings: {
					objective: ctx.getNodeParameter('objective', i) as MetaObjective,
					dailyBudget: ctx.getNodeParameter('dailyBudget', i) as number,
					currencyOffset: ctx.getNodeParameter('currencyOffset', i) as number,
					countries: splitList(ctx.getNodeParameter('countries', i, 'US')) ?? [],
					pageId: String(ctx.getNodeParameter('pageId', i, '')).trim(),
					status: ctx.getNodeParameter('createStatus', i) === 'enabled' ? 'ACTIVE' : 'PAUSED',
					specialAdCategories: a.ad.audit?.specialAdCategories ?? [],
				},
				dryRun,
			},
			retry,
		);
		const result = objectResult(ctx.getNode(), 'Meta', base, outcome, i);
		if (outcome.usagePercent !== null) result.rateLimitUsagePercent = outcome.usagePercent;
		results.set(i, result);
	}
	return results;
}
