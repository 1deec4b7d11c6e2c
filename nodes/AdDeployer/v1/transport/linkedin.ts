import type { RequestFn } from '../../../../lib/deploy/platformHttp';
import { authenticatedRequestFn, type PlatformContext } from './platform';

export const LINKEDIN_CREDENTIAL = 'journeyAdsLinkedInOAuth2Api';
export const LINKEDIN_DEFAULT_BASE_URL = 'https://api.linkedin.com';

/**
 * LinkedIn transport: n8n adds the OAuth2 bearer token; lib adds Linkedin-Version and
 * X-Restli-Protocol-Version and writes Rest.li queries into the path, already encoded.
 */
export async function linkedInRequestFn(ctx: PlatformContext, timeoutMs: number): Promise<RequestFn> {
	const credentials = await ctx.getCredentials(LINKEDIN_CREDENTIAL);
	const baseUrl = String(credentials.baseUrl ?? '').trim() || LINKEDIN_DEFAULT_BASE_URL;
	return authenticatedRequestFn(ctx, LINKEDIN_CREDENTIAL, baseUrl, {}, timeoutMs);
}
