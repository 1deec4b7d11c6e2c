import { JourneyAdsLlmApi } from '../../../credentials/JourneyAdsLlmApi.credentials';

describe('JourneyAdsLlmApi credential', () => {
	const cred = new JourneyAdsLlmApi();

	it('is named and described as the package expects', () => {
		expect(cred.name).toBe('journeyAdsLlmApi');
		expect(cred.properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			'https://api.openai.com/v1',
		);
		expect(cred.properties.find((p) => p.name === 'defaultModel')?.default).toBe('gpt-4o-mini');
		expect(cred.properties.find((p) => p.name === 'apiKey')?.typeOptions).toEqual({
			password: true,
		});
		expect(cred.test.request.url).toContain('/models');
	});

	it('sends a bearer token, and OpenAI-Organization only when set', async () => {
		const plain = await cred.authenticate(
			{ apiKey: 'sk-1', organization: '' },
			{ url: '/x', headers: { Accept: 'a' } },
		);
		expect(plain.headers).toEqual({ Accept: 'a', Authorization: 'Bearer sk-1' });
		const org = await cred.authenticate({ apiKey: 'sk-1', organization: 'org-9' }, { url: '/x' });
		expect(org.headers).toEqual({ Authorization: 'Bearer sk-1', 'OpenAI-Organization': 'org-9' });
	});

	it('sends the api-key header for Azure OpenAI', async () => {
		const azure = await cred.authenticate(
			{ apiKey: 'k', azure: true, organization: 'org-9' },
			{ url: '/x' },
		);
		expect(azure.headers).toEqual({ 'api-key': 'k' });
	});
});
