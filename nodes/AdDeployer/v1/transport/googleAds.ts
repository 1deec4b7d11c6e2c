import type { RequestFn } from '../../../../lib/deploy/platformHttp';
import { authenticatedRequestFn, type PlatformContext } from './platform';

export const GOOGLE_ADS_CREDENTIAL = 'journeyAdsGoogleAdsOAuth2Api';
export const GOOGLE_ADS_DEFAULT_BASE_URL = 'https://googleads.googleapis.com';

/**
 * Google Ads REST transport: n8n adds the OAuth2 bearer token; this adds `login-customer-id` (digits
 * only) when the credential names a manager account, and `developer-token` only when one is entered
 * (Google sunset developer tokens in 2026 and ignores the header).
 */
export async function googleAdsRequestFn(ctx: PlatformContext, timeoutMs: number): Promise<RequestFn> {
	const credentials = await ctx.getCredentials(GOOGLE_ADS_CREDENTIAL);
	const headers: Record<string, string> = {};
	const developerToken = String(credentials.developerToken ?? '').trim();
	if (developerToken) headers['developer-token'] = developerToken;
	const login = String(credentials.loginCustomerId ?? '').replace(/-/g, '').trim();
	if (login) headers['login-customer-id'] = login;
	const baseUrl = String(credentials.baseUrl ?? '').trim() || GOOGLE_ADS_DEFAULT_BASE_URL;
	return authenticatedRequestFn(ctx, GOOGLE_ADS_CREDENTIAL, baseUrl, headers, timeoutMs);
}
