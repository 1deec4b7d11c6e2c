import type { RequestFn } from '../../../../lib/deploy/platformHttp';
import { authenticatedRequestFn, type PlatformContext } from './platform';

export const META_CREDENTIAL = 'journeyAdsMetaApi';
export const META_LOGIN_CREDENTIAL_TYPE = 'journeyAdsMetaOAuth2Api';
export const META_DEFAULT_BASE_URL = 'https://graph.facebook.com';

/** Graph API transport: n8n adds the bearer token of the chosen credential (token or OAuth2). */
export async function metaRequestFn(ctx: PlatformContext, authentication: string, timeoutMs: number): Promise<RequestFn> {
	const type = authentication === 'oAuth2' ? META_LOGIN_CREDENTIAL_TYPE : META_CREDENTIAL;
	const credentials = await ctx.getCredentials(type);
	const baseUrl = String(credentials.baseUrl ?? '').trim() || META_DEFAULT_BASE_URL;
	return authenticatedRequestFn(ctx, type, baseUrl, {}, timeoutMs);
}
