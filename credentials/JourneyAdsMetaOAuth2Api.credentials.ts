import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Meta Marketing API through Facebook Login (OAuth2) with the ads_management and ads_read
 * permissions, for users who sign in instead of pasting a system user token.
 */
export class JourneyAdsMetaOAuth2Api implements ICredentialType {
	name = 'journeyAdsMetaOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Journey Ads Meta OAuth2 API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-journey-ads#ad-deployer-platforms';

	icon: Icon = { light: 'file:../icons/journeyAds.svg', dark: 'file:../icons/journeyAds.dark.svg' };

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: 'https://www.facebook.com/v26.0/dialog/oauth' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: 'https://graph.facebook.com/v26.0/oauth/access_token' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'ads_management,ads_read' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description: 'Change only for a proxy or a recorded-test server',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: '={{ String($credentials.baseUrl || "https://graph.facebook.com").replace(/\\/+$/, "") }}',
			url: '/v26.0/me',
			qs: { fields: 'id,name' },
		},
	};
}
