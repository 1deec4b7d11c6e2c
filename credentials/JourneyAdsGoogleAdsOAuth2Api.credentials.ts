import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Google Ads API access: Google OAuth2 with the adwords scope (API access belongs to the Google Cloud
 * project that owns the OAuth client) and, when the account is reached through a manager account,
 * that manager's customer id (the `login-customer-id` header). Google sunset developer tokens on
 * 2026-09-09: the `developer-token` header is optional and ignored, so it is sent only when one is
 * entered. The Ad Deployer's transport adds these headers; n8n signs the request with the token.
 */
export class JourneyAdsGoogleAdsOAuth2Api implements ICredentialType {
	name = 'journeyAdsGoogleAdsOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Journey Ads Google Ads OAuth2 API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-journey-ads#ad-deployer-platforms';

	icon: Icon = { light: 'file:../icons/journeyAds.svg', dark: 'file:../icons/journeyAds.dark.svg' };

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://accounts.google.com/o/oauth2/v2/auth',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://oauth2.googleapis.com/token',
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'https://www.googleapis.com/auth/adwords' },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'access_type=offline&prompt=consent',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		{
			displayName: 'Developer Token',
			name: 'developerToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. Google no longer needs developer tokens (API access now comes with the Google Cloud project of the OAuth client); one entered here is sent as the developer-token header.',
		},
		{
			displayName: 'Login Customer ID',
			name: 'loginCustomerId',
			type: 'string',
			default: '',
			placeholder: '123-456-7890',
			description:
				'The manager account the OAuth user reaches the ad account through (login-customer-id header). Leave empty when the user has direct access.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://googleads.googleapis.com',
			description: 'Change only for a proxy or a recorded-test server',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: '={{ String($credentials.baseUrl || "https://googleads.googleapis.com").replace(/\\/+$/, "") }}',
			url: '/v26/customers:listAccessibleCustomers',
		},
	};
}
