import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isFailure, newRetryRng, sendIdempotent } from '../../../../lib/deploy/platformHttp';
import { accessibleCustomerIds, googleAdsError } from '../../../../lib/deploy/googleAds';
import { googleAdsRequestFn } from '../transport/googleAds';
import { nodeRetryOptions, platformApiError } from '../transport/platform';

/** Google Ads accounts the signed-in user reaches (customers:listAccessibleCustomers). */
export async function searchGoogleAdsCustomers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const version = (this.getNodeParameter('googleAdsApiVersion', 'v26') as string) || 'v26';
	const request = await googleAdsRequestFn(this, 30000);
	const retry = nodeRetryOptions(2, 5000);
	const response = await sendIdempotent(request, { method: 'GET', path: `/${version}/customers:listAccessibleCustomers` }, googleAdsError, retry, newRetryRng(retry));
	if (isFailure(response)) throw platformApiError(this.getNode(), 'Google Ads', response.failed);
	const shown = (id: string) => `${id.slice(0, 3)}-${id.slice(3, 6)}-${id.slice(6)}`;
	const wanted = (filter ?? '').replace(/-/g, '');
	return {
		results: accessibleCustomerIds(response.body)
			.filter((id) => !wanted || id.includes(wanted))
			.map((id) => ({ name: shown(id), value: id })),
	};
}
