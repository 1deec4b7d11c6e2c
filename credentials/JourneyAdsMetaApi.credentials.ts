import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Meta Marketing API with a long-lived access token, typically a Business Manager system user's
 * (Business Settings → System users → Generate token, with ads_management and ads_read). Sent as a
 * bearer token.
 */
export class JourneyAdsMetaApi implements ICredentialType {
	name = 'journeyAdsMetaApi';

	displayName = 'Journey Ads Meta API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-journey-ads#ad-deployer-platforms';

	icon: Icon = { light: 'file:../icons/journeyAds.svg', dark: 'file:../icons/journeyAds.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A system user (or user) access token with the ads_management and ads_read permissions',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description: 'Change only for a proxy or a recorded-test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL: '={{ String($credentials.baseUrl || "https://graph.facebook.com").replace(/\\/+$/, "") }}',
			url: '/v26.0/me',
			qs: { fields: 'id,name' },
		},
	};
}
