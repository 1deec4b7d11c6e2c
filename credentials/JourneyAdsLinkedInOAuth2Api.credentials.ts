import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * LinkedIn Marketing API through LinkedIn's OAuth2 (3-legged) with `rw_ads` (manage campaigns) and
 * `r_ads_reporting` (read analytics). The app needs the Advertising API product; the member needs
 * a Campaign Manager role on the ad account and admin rights on the Page the ads post as.
 */
export class JourneyAdsLinkedInOAuth2Api implements ICredentialType {
	name = 'journeyAdsLinkedInOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Journey Ads LinkedIn OAuth2 API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-journey-ads#ad-deployer-platforms';

	icon: Icon = { light: 'file:../icons/journeyAds.svg', dark: 'file:../icons/journeyAds.dark.svg' };

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: 'https://www.linkedin.com/oauth/v2/authorization' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: 'https://www.linkedin.com/oauth/v2/accessToken' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'rw_ads r_ads_reporting' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.linkedin.com',
			description: 'Change only for a proxy or a recorded-test server',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: '={{ String($credentials.baseUrl || "https://api.linkedin.com").replace(/\\/+$/, "") }}',
			url: '/rest/adAccounts?q=search',
			headers: { 'Linkedin-Version': '202608', 'X-Restli-Protocol-Version': '2.0.0' },
		},
	};
}
