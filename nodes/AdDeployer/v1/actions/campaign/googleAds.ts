import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DeploymentResult } from '../../../../../lib/contracts';
import { adResultBase, deploymentResult, piiRefusal } from '../../../../../lib/deploy';
import {
	deployGoogleAd,
	type GoogleAdsBidding,
	type GoogleAdsDeployOutcome,
	type GoogleAdsMatchType,
} from '../../../../../lib/deploy/googleAds';
import { splitList } from '../../../../shared/params';
import { googleAdsRequestFn } from '../../transport/googleAds';
import { nodeRetryOptions, platformApiError } from '../../transport/platform';
import { pickedId } from '../picked';
import type { AdmittedAd } from '../types';
import { fieldList, fieldText } from './adFields';

function summary(outcome: GoogleAdsDeployOutcome, dryRun: boolean): string {
	if (dryRun) return 'Validated by Google Ads (validateOnly): nothing was created.';
	const made = outcome.createdObjects.length
		? `created ${[...new Set(outcome.createdObjects)].join(', ')}`
		: 'nothing new to create';
	const reused = outcome.reused.length ? `; reused ${outcome.reused.join(', ')} that already existed (picked, or found by name)` : '';
	return `Google Ads: ${made}${reused}.`;
}

/** Campaign → Deploy on Google Ads: one result per admitted google_search ad. */
export async function deployGoogle(
	ctx: IExecuteFunctions,
	admitted: AdmittedAd[],
): Promise<Map<number, DeploymentResult>> {
	const results = new Map<number, DeploymentResult>();
	const first = admitted[0].index;
	const o = ctx.getNodeParameter('options', first, {}) as IDataObject;
	const request = await googleAdsRequestFn(ctx, Number(o.timeoutMs ?? 60000));
	const retry = nodeRetryOptions(Number(o.maxAttempts ?? 4), Number(o.maxRetryWaitMs ?? 60000));
	for (const a of admitted) {
		const i = a.index;
		const dryRun = ctx.getNodeParameter('dryRun', i) as boolean;
		const base = adResultBase(a.ad, a.names, dryRun);
		const keywords = splitList(ctx.getNodeParameter('keywords', i, '')) ?? [];
		// The router checked the ad's copy; the keywords leave too, so they are checked here.
		const refused = piiRefusal({ keywords });
		if (refused) {
			results.set(i, deploymentResult(base, { status: 'failed', reason: 'pii', message: refused }));
			continue;
		}
		const euPolitical = ctx.getNodeParameter('euPolitical', i) as string;
		const outcome = await deployGoogleAd(
			request,
			{
				customerId: ctx.getNodeParameter('customerId', i, '', { extractValue: true }) as string,
				apiVersion: ctx.getNodeParameter('googleAdsApiVersion', i) as string,
				existingCampaignId: pickedId(ctx, 'googleAdsCampaign', i) || undefined,
				names: { budget: a.names.campaign, campaign: a.names.campaign, adGroup: a.names.adGroup },
				ad: {
					adId: a.ad.adId,
					finalUrl: a.ad.finalUrl,
					headlines: fieldList(a.ad, 'headlines'),
					headlinePins: fieldList(a.ad, 'headlinePins'),
					descriptions: fieldList(a.ad, 'descriptions'),
					descriptionPins: fieldList(a.ad, 'descriptionPins'),
					path1: fieldText(a.ad, 'path1'),
					path2: fieldText(a.ad, 'path2'),
				},
				keywords,
				settings: {
					dailyBudget: ctx.getNodeParameter('dailyBudget', i) as number,
					bidding: ctx.getNodeParameter('bidding', i) as GoogleAdsBidding,
					maxCpc: ctx.getNodeParameter('maxCpc', i, 1) as number,
					matchType: ctx.getNodeParameter('matchType', i) as GoogleAdsMatchType,
					containsEuPoliticalAdvertising:
						euPolitical === 'contains' ||
						(euPolitical === 'fromAudit' &&
							(a.ad.audit?.specialAdCategories ?? []).includes('issues_elections_politics')),
					status: ctx.getNodeParameter('createStatus', i) === 'enabled' ? 'ENABLED' : 'PAUSED',
				},
				validateOnly: dryRun,
			},
			retry,
		);
		if (outcome.error?.fatal) throw platformApiError(ctx.getNode(), 'Google Ads', outcome.error, i);
		const warnings = outcome.operationFailures.map(
			(f) =>
				`${f.object}${f.keyword ? ` "${f.keyword}"` : ''} not created: ${f.message} (${f.code})`,
		);
		const requestId = outcome.error?.requestId ?? undefined;
		const result =
			outcome.status === 'failed'
				? deploymentResult(base, {
						status: 'failed',
						reason: 'platform',
						message: `Google Ads refused: ${outcome.error?.message ?? 'unknown error'}${outcome.error?.code ? ` (${outcome.error.code})` : ''}`,
						...(requestId ? { requestId } : {}),
					})
				: deploymentResult(base, {
						status: outcome.status,
						message: summary(outcome, dryRun),
						remoteIds: outcome.remoteIds,
						warnings,
					});
		// Objects a failed run did create are kept on the result, so they can be found and removed.
		if (outcome.status === 'failed' && Object.keys(outcome.remoteIds).length)
			result.remoteIds = outcome.remoteIds;
		result.requests = outcome.requests;
		results.set(i, result);
	}
	return results;
}
