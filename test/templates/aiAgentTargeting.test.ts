/**
 * templates/ai-agent-targeting.json: an n8n AI Agent with this package's Ad Generator as its tools.
 * The agents and their Chat Models are n8n's langchain nodes, which only a real n8n has: the e2e
 * (scripts/e2e/agent.js) executes the whole template there. Here, in the engine harness: the
 * governance of the canvas (the agent can only draft), the pipeline that feeds the agent, and the
 * item n8n hands a tool node (the agent's input item, a persona, with the model's arguments and a
 * tool call id merged in), which the Ad Generator must accept as the persona it writes for.
 */
import { createEngine, readWorkflow, type WorkflowJson } from '../support/engine';

const workflow = readWorkflow('templates/ai-agent-targeting.json');
const AGENT = '@n8n/n8n-nodes-langchain.agent';
const toolNodes = workflow.nodes.filter((n) => (workflow.connections[n.name] as Record<string, unknown> | undefined)?.ai_tool);

describe('the AI Agent targeting template', () => {
	it('gives the agent only drafting tools: the Ad Generator as a tool, offline, one channel each, the tone from the model', () => {
		expect(toolNodes.map((n) => n.type)).toEqual(['n8n-nodes-journey-ads.adGeneratorTool', 'n8n-nodes-journey-ads.adGeneratorTool', 'n8n-nodes-journey-ads.adGeneratorTool']);
		const channels = toolNodes.map((n) => (n.parameters.channels as string[]).join(','));
		expect(new Set(channels)).toEqual(new Set(['email', 'google_search', 'meta_feed']));
		for (const tool of toolNodes) {
			expect(tool.parameters.mode).toBe('offline');
			expect(String((tool.parameters.options as Record<string, unknown>).tone)).toMatch(/^=\{\{ \$fromAI\('tone', /);
			expect(String(tool.parameters.toolDescription).length).toBeGreaterThan(60);
		}
		// Nothing on the canvas can publish: no Ad Deployer, as a node or as a tool.
		expect(workflow.nodes.filter((n) => /adDeployer/i.test(n.type))).toEqual([]);
	});

	it('uses AI Agent version 3, the newest both n8n lines have, and ends with the planner', () => {
		const agents = workflow.nodes.filter((n) => n.type === AGENT);
		expect(agents.map((a) => [a.name, a.typeVersion])).toEqual([
			['Audience Scout', 3],
			['Targeting Planner', 3],
		]);
		expect(workflow.connections['Persona Builder'].main[0]).toEqual([{ node: 'Audience Scout', type: 'main', index: 0 }]);
		expect(workflow.connections['Audience Scout'].main[0]).toEqual([{ node: 'All Evaluations', type: 'main', index: 0 }]);
		expect(workflow.connections['All Evaluations'].main[0]).toEqual([{ node: 'Targeting Planner', type: 'main', index: 0 }]);
		expect(workflow.connections['Targeting Planner']).toBeUndefined();
	});

	it('feeds the scout one persona per segment with every field its prompt reads, and each tool writes drafts for that persona', async () => {
		const engine = createEngine();
		const pipelineNames = ['When clicking ‘Execute workflow’', 'Sample Data', 'Journey Mapper', 'Customer Segmenter', 'Persona Builder'];
		const pipeline: WorkflowJson = {
			...workflow,
			nodes: workflow.nodes.filter((n) => pipelineNames.includes(n.name)),
			connections: Object.fromEntries(Object.entries(workflow.connections).filter(([from]) => pipelineNames.includes(from) && from !== 'Persona Builder')),
		};
		const run = await engine.runWorkflow(pipeline);
		expect(run.error).toBeUndefined();
		const personas = run.outputs['Persona Builder'][0].map((i) => i.json);
		expect(personas.length).toBe(run.outputs['Customer Segmenter'][1].length);
		const scout = workflow.nodes.find((n) => n.name === 'Audience Scout');
		const read = [...String(scout?.parameters.text).matchAll(/\$json\.(\w+)/g)].map((m) => m[1]);
		expect(new Set(read)).toEqual(new Set(['name', 'segmentId', 'size', 'summary', 'painPoints', 'objections', 'keyMessages', 'preferredChannels']));
		for (const p of personas) for (const field of read) expect(p[field]).toBeDefined();

		// As n8n runs a tool node: one item, the agent's input item with the model's arguments merged in.
		const persona = personas[0];
		for (const tool of toolNodes) {
			const params = { ...tool.parameters, options: { ...(tool.parameters.options as Record<string, unknown>), tone: 'warm and reassuring' } };
			delete (params as Record<string, unknown>).toolDescription;
			const single: WorkflowJson = {
				name: 'tool call',
				nodes: [{ ...tool, type: 'n8n-nodes-journey-ads.adGenerator', parameters: params }],
				connections: {},
			};
			const called = await engine.runWorkflow(single, {
				startNode: tool.name,
				inputItems: [{ json: { ...persona, tone: 'warm and reassuring', toolCallId: 'call_1' } }],
			});
			expect(called.error).toBeUndefined();
			const drafts = called.outputs[tool.name][0].map((i) => i.json);
			expect(drafts).toHaveLength(2);
			for (const d of drafts) {
				expect(d).toMatchObject({ kind: 'adVariant', personaId: persona.personaId, channel: (tool.parameters.channels as string[])[0] });
				expect((d.validation as { ok: boolean }).ok).toBe(true);
			}
			expect(called.outputs[tool.name][1]).toEqual([]);
		}
	});
});
