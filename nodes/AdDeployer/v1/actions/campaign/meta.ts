import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DeploymentResult } from '../../../../../lib/contracts';
import { deploymentResult } from '../../../../../lib/deploy';
import { deployMetaAd, type MetaObjective } from '../../../../../lib/deploy/meta';
import { splitList } from '../../../../shared/params';
import { metaRequestFn } from '../../transport/meta';
import { nodeRetryOptions, platformApiError } from '../../transport/platform';
import type { AdmittedAd } from '../types';
import { fieldText, piiIn } from './adFields';

/** Campaign → Deploy on Meta: one result per admitted meta_feed ad. */
export async function deployMeta(
	ctx: IExecuteFunctions,
	admitted: AdmittedAd[],
): Promise<Map<number, DeploymentResult>> {
	const results = new Map<number, DeploymentResult>();
	const first = admitted[0].index;
	const o = ctx.getNodeParameter('options', first, {}) as IDataObject;
	const retry = nodeRetryOptions(Number(o.maxAttempts ?? 4), Number(o.maxRetryWaitMs ?? 60000));
	let request: Awaited<ReturnType<typeof metaRequestFn>> | undefined;
	for (const a of admitted) {
		const i = a.index;
		const dryRun = ctx.getNodeParameter('dryRun', i) as boolean;
		const base = {
			adId: a.ad.adId,
			platform: 'meta',
			dryRun,
			segmentId: a.ad.segmentId,
			channel: a.ad.channel,
			names: a.names,
		};
		const pii = piiIn(a.ad, []);
		if (pii.length) {
			results.set(
				i,
				deploymentResult(base, {
					status: 'failed',
					reason: 'pii',
					message: `Refused: the ad contains personal data (${pii.join(', ')}); nothing was sent.`,
				}),
			);
			continue;
		}
		// Dry run sends nothing, so it needs no credential.
		if (!dryRun && !request)
			request = await metaRequestFn(
				ctx,
				ctx.getNodeParameter('metaAuthentication', first) as string,
				Number(o.timeoutMs ?? 60000),
			);
		const outcome = await deployMetaAd(
			request ??
				(async () => ({
					status: 0,
					headers: {},
					body: null,
					networkError: 'dry run sends nothing',
				})),
			{
				adAccountId: ctx.getNodeParameter('adAccountId', i, '', { extractValue: true }) as string,
				apiVersion: ctx.getNodeParameter('metaApiVersion', i) as string,
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
		if (outcome.error?.fatal) throw platformApiError(ctx.getNode(), 'Meta', outcome.error, i);
		const result =
			outcome.status === 'failed'
				? deploymentResult(base, {
						status: 'failed',
						reason: 'platform',
						message: `Meta refused: ${outcome.error?.message ?? 'unknown error'}${outcome.error?.code ? ` (code ${outcome.error.code})` : ''}`,
						...(outcome.error?.requestId ? { requestId: outcome.error.requestId } : {}),
					})
				: deploymentResult(base, {
						status: outcome.status,
						message: dryRun
							? 'Meta payloads built and checked; nothing was sent (dry run).'
							: `Meta: ${outcome.createdObjects.length ? `created ${outcome.createdObjects.join(', ')}` : 'nothing new to create'}${outcome.reused.length ? `; reused ${outcome.reused.join(', ')} found by name` : ''}.`,
						remoteIds: outcome.remoteIds,
					});
		if (outcome.status === 'failed' && Object.keys(outcome.remoteIds).length)
			result.remoteIds = outcome.remoteIds;
		if (dryRun) result.payloads = outcome.payloads as IDataObject;
		if (outcome.usagePercent !== null) result.rateLimitUsagePercent = outcome.usagePercent;
		result.requests = outcome.requests;
		results.set(i, result);
	}
	return results;
}
