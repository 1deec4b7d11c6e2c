import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { buildPersonas } from '../../lib/persona';
import { premiumLoyalist, valueSeeker } from '../lib/persona/fixtures';
import { createEngine, type RunResult, type WorkflowJson } from '../support/engine';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';

/**
 * A model endpoint that keeps failing must reach n8n as a NodeApiError carrying the HTTP status and
 * the provider's own message, when the node is told to stop the workflow on model failure; lib wraps
 * the client's error with context, so the nodes must find it in the cause chain.
 */
const engine = createEngine();

function oneNode(type: string, parameters: IDataObject): WorkflowJson {
	return {
		name: `${type} model failure`,
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: 'Writer',
				type: `n8n-nodes-journey-ads.${type}`,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { journeyAdsLlmApi: { id: '1', name: 'Local model' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Writer', type: 'main', index: 0 }]] } },
	};
}

const STOP = { onLlmError: 'throw', maxRetries: 1 };

const SEGMENTS = [premiumLoyalist, valueSeeker] as unknown as IDataObject[];

const WRITERS: Array<{ node: string; parameters: IDataObject; items: () => Promise<IDataObject[]> }> = [
	{
		node: 'personaBuilder',
		parameters: { mode: 'llm', model: 'gpt-4o-mini', options: STOP },
		items: async () => SEGMENTS,
	},
	{
		node: 'adGenerator',
		parameters: {
			mode: 'llm',
			model: 'gpt-4o-mini',
			brand: 'Juniper & Oak',
			product: 'handmade home goods',
			goal: 'sales',
			landingUrl: 'https://juniper-oak.example/shop',
			channels: ['google_search'],
			variantsPerPersona: 2,
			options: STOP,
		},
		items: async () => (await buildPersonas(SEGMENTS.slice(0, 1))) as unknown as IDataObject[],
	},
];

const FAILURES: Array<{ status: string; provider: RegExp; arrange: (server: OpenAiServer) => void; apiKey?: string }> = [
	{ status: '401', provider: /Incorrect API key provided/, arrange: () => undefined, apiKey: 'wrong-key' },
	{
		status: '429',
		provider: /Rate limit reached for requests/,
		arrange: (server) => server.setFaults({ fn: () => ({ kind: 'rate_limit', retryAfter: 0 }) }),
	},
	{
		status: '500',
		provider: /The server had an error while processing your request/,
		arrange: (server) => server.setFaults({ fn: () => ({ kind: 'server_error' }) }),
	},
];

describe('a model endpoint that keeps failing, with "Stop the Workflow" on model failure', () => {
	let server: OpenAiServer;

	beforeAll(async () => {
		server = await startOpenAiServer();
	});
	afterAll(async () => {
		await server.close();
	});

	for (const writer of WRITERS) {
		for (const failure of FAILURES) {
			it(`stops the ${writer.node} with a NodeApiError carrying HTTP ${failure.status} and the provider's message`, async () => {
				server.reset();
				server.setFaults(null);
				failure.arrange(server);
				const run: RunResult = await engine.runWorkflow(oneNode(writer.node, writer.parameters), {
					startNode: 'Start',
					inputItems: (await writer.items()).map((json) => ({ json })),
					credentials: {
						journeyAdsLlmApi: {
							baseUrl: server.baseUrl,
							apiKey: failure.apiKey ?? server.apiKey,
							defaultModel: 'gpt-4o-mini',
							azure: false,
							organization: '',
						},
					},
				});
				server.setFaults(null);
				expect(run.status).toBe('error');
				expect(server.chatRequests.length).toBeGreaterThan(0);
				// The engine stores the error in its serialised form: the class shows as its name.
				const error = run.error as unknown as Pick<NodeApiError, 'name' | 'httpCode' | 'message' | 'description'>;
				expect(error.name).toBe('NodeApiError');
				expect(error.httpCode).toBe(failure.status);
				expect(error.message).toContain(`answered ${failure.status}`);
				expect(error.message).toMatch(failure.provider);
				expect(run.runData.Writer[0].error?.message).toBe(error.message);
			});
		}
	}
});
