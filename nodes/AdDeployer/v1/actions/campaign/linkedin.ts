import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DeploymentResult } from '../../../../../lib/contracts';
import { deploymentResult } from '../../../../../lib/deploy';
import { deployLinkedInAd } from '../../../../../lib/deploy/linkedin';
import { splitList } from '../../../../shared/params';
import { linkedInRequestFn } from '../../transport/linkedin';
import { nodeRetryOptions, platformApiError } from '../../transport/platform';
import type { AdmittedAd } from '../types';
import { fieldText, piiIn } from './adFields';

/** Campaign → Deploy on LinkedIn: one result per admitted linkedin ad. */
export async function deployLinkedIn(
	ctx: IExecuteFunctions,
	admitted: AdmittedAd[],
): Promise<Map<number, DeploymentResult>> {
	const results = new Map<number, DeploymentResult>();
	const first = admitted[0].index;
	const o = ctx.getNodeParameter('options', first, {}) as IDataObject;
	const retry = nodeRetryOptions(Number(o.maxAttempts ?? 4), Number(o.maxRetryWaitMs ?? 60000));
	let request: Awaited<ReturnType<typeof linkedInRequestFn>> | undefined;
	// One clock read per run: campaigns start now (lib reads no clock).
	const startMs = Date.now();
	for (const a of admitted) {
		const i = a.index;
		const dryRun = ctx.getNodeParameter('dryRun', i) as boolean;
		const base = {
			adId: a.ad.adId,
			platform: 'linkedin',
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
		if (!dryRun && !request) request = await linkedInRequestFn(ctx, Number(o.timeoutMs ?? 60000));
		const [language, country] = String(ctx.getNodeParameter('linkedInLocale', i, 'en_US')).split(
			'_',
		);
		const outcome = await deployLinkedInAd(
			request ??
				(async () => ({
					status: 0,
					headers: {},
					body: null,
					networkError: 'dry run sends nothing',
				})),
			{
				adAccountId: ctx.getNodeParameter('linkedInAdAccountId', i, '', {
					extractValue: true,
				}) as string,
				version: ctx.getNodeParameter('linkedInVersion', i) as string,
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
		if (outcome.error?.fatal) throw platformApiError(ctx.getNode(), 'LinkedIn', outcome.error, i);
		const result =
			outcome.status === 'failed'
				? deploymentResult(base, {
						status: 'failed',
						reason: 'platform',
						message: `LinkedIn refused: ${outcome.error?.message ?? 'unknown error'}${outcome.error?.code ? ` (${outcome.error.code})` : ''}`,
						...(outcome.error?.requestId ? { requestId: outcome.error.requestId } : {}),
					})
				: deploymentResult(base, {
						status: outcome.status,
						message: dryRun
							? 'LinkedIn payloads built and checked; nothing was sent (dry run).'
							: `LinkedIn: ${outcome.createdObjects.length ? `created ${outcome.createdObjects.join(', ')}` : 'nothing new to create'}${outcome.reused.length ? `; reused ${outcome.reused.join(', ')} found by name` : ''}.`,
						remoteIds: outcome.remoteIds,
					});
		if (outcome.status === 'failed' && Object.keys(outcome.remoteIds).length)
			result.remoteIds = outcome.remoteIds;
		if (dryRun) result.payloads = outcome.payloads as IDataObject;
		result.requests = outcome.requests;
		results.set(i, result);
	}
	return results;
}
