import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/**
 * Any OpenAI-compatible Chat Completions endpoint: OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio.
 * Authentication is a function rather than a generic block so that optional headers
 * (OpenAI-Organization) are only sent when set and Azure gets its `api-key` header.
 */
export class JourneyAdsLlmApi implements ICredentialType {
	name = 'journeyAdsLlmApi';

	displayName = 'Journey Ads LLM API';

	documentationUrl =
		'https://www.npmjs.com/package/n8n-nodes-journey-ads#credentials';

	icon: Icon = { light: 'file:../icons/journeyAds.svg', dark: 'file:../icons/journeyAds.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.openai.com/v1',
			required: true,
			placeholder: 'https://api.openai.com/v1',
			description:
				'Root of the OpenAI-compatible API, without a trailing slash. Ollama: http://localhost:11434/v1, LM Studio: http://localhost:1234/v1, vLLM: http://host:8000/v1, Azure OpenAI: https://RESOURCE.openai.azure.com.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Sent as a bearer token (or as the api-key header for Azure OpenAI). Local servers usually accept any value.',
		},
		{
			displayName: 'Azure OpenAI',
			name: 'azure',
			type: 'boolean',
			default: false,
			description:
				'Whether the endpoint is Azure OpenAI (api-key header, api-version query and deployment path)',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '2024-10-21',
			displayOptions: { show: { azure: [true] } },
			description: 'Azure OpenAI api-version query parameter',
		},
		{
			displayName: 'Organization ID',
			name: 'organization',
			type: 'string',
			default: '',
			displayOptions: { show: { azure: [false] } },
			description: 'Optional OpenAI organization, sent as the OpenAI-Organization header when set',
		},
		{
			displayName: 'Default Model',
			name: 'defaultModel',
			type: 'string',
			default: 'gpt-4o-mini',
			description: 'Model (or Azure deployment name) used when a node does not name one',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = {
			...(requestOptions.headers as Record<string, string>),
		};
		const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
		if (credentials.azure === true) {
			headers['api-key'] = apiKey;
		} else {
			headers.Authorization = `Bearer ${apiKey}`;
			const organization =
				typeof credentials.organization === 'string' ? credentials.organization.trim() : '';
			if (organization.length > 0) headers['OpenAI-Organization'] = organization;
		}
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") + ($credentials.azure ? "/openai/models?api-version=" + $credentials.apiVersion : "/models") }}',
		},
	};
}
