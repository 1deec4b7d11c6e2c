/**
 * What the Ad Deployer hands over is taken as is by n8n's own nodes: its files by Extract From File
 * (the field `data`, the default), its e-mails by Send Email (subject, text and html mapped one to
 * one) against a local SMTP server.
 */
import type { IDataObject } from 'n8n-workflow';
import { parse } from 'csv-parse/sync';

import type { AdVariant } from '../../lib/contracts';
import { createEngine, readWorkflow, type WorkflowJson } from '../support/engine';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';
import { runWorkflowInChildProcess } from '../support/engine-process';

const engine = createEngine();

/** Start -> Ad Deployer -> (second output) next node. */
function handOff(deployer: IDataObject, next: { type: string; typeVersion: number; parameters: IDataObject; credentials?: Record<string, { id: string; name: string }> }): WorkflowJson {
	return {
		name: 'hand-off',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{ name: 'Ad Deployer', type: 'n8n-nodes-journey-ads.adDeployer', typeVersion: 1, position: [200, 0], parameters: deployer },
			{ name: 'Next', position: [400, 0], ...next },
		],
		connections: {
			Start: { main: [[{ node: 'Ad Deployer', type: 'main', index: 0 }]] },
			'Ad Deployer': { main: [[], [{ node: 'Next', type: 'main', index: 0 }]] },
		},
	};
}

let ads: AdVariant[];

beforeAll(async () => {
	const quickstart = readWorkflow('templates/quickstart.json');
	const generator = quickstart.nodes.find((n) => n.name === 'Ad Generator');
	if (!generator) throw new Error('quickstart has no Ad Generator');
	generator.parameters = { ...generator.parameters, channels: ['google_search', 'microsoft_search', 'email'], variantsPerPersona: 1 };
	quickstart.nodes = quickstart.nodes.filter((n) => n.type !== 'n8n-nodes-journey-ads.adDeployer');
	const run = await engine.runWorkflow(quickstart);
	ads = run.outputs['Ad Generator'][0].map((i) => ({ ...(i.json as unknown as AdVariant), approval: { approved: true } }));
});

describe("the Deployer's files, read by n8n's Extract From File node", () => {
	it.each([
		['google-ads-editor.csv', 'google_search', 'Final URL'],
		['microsoft-advertising-bulk.csv', 'microsoft_search', 'Final Url'],
	])('%s: its rows come back from the field `data`, the node\'s default, as written', async (fileName, channel, urlColumn) => {
		const run = await engine.runWorkflow(
			handOff(
				{ resource: 'bulkFile', operation: 'export', keywords: 'oak shelves' },
				{ type: 'n8n-nodes-base.extractFromFile', typeVersion: 1, parameters: { operation: 'csv', options: { headerRow: true } } },
			),
			{ startNode: 'Start', inputItems: ads.map((a) => ({ json: a as unknown as IDataObject })) },
		);
		expect(run.error).toBeUndefined();
		const files = run.outputs['Ad Deployer'][1];
		const fileIndex = files.findIndex((f) => f.json.fileName === fileName);
		const file = files[fileIndex] as unknown as { binary: { data: { data: string } } };
		const ours = parse(Buffer.from(file.binary.data.data, 'base64').toString('utf8'), { columns: true }) as Array<Record<string, string>>;
		// Extract From File leaves empty cells out of its items.
		const nonEmpty = ours.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')));
		const extracted = run.outputs.Next[0].filter((i) => (i.pairedItem as { item: number }).item === fileIndex).map((i) => i.json);
		expect(extracted).toEqual(nonEmpty);
		expect(extracted.filter((r) => r[urlColumn]).map((r) => r[urlColumn])).toEqual(ads.filter((a) => a.channel === channel).map((a) => a.finalUrl));
	});
});

describe("the Deployer's e-mails, sent by n8n's Send Email node", () => {
	let smtp: SmtpServer;
	beforeAll(async () => {
		smtp = await startSmtpServer();
	});
	afterAll(async () => {
		await smtp.close();
	});

	it('arrive with the subject, the plain text and the HTML the Deployer prepared', async () => {
		const run = await runWorkflowInChildProcess(
			handOff(
				{ resource: 'email', operation: 'prepare' },
				{
					type: 'n8n-nodes-base.emailSend',
					typeVersion: 2.1,
					parameters: {
						resource: 'email',
						operation: 'send',
						fromEmail: 'marketing@juniper-oak.example',
						toEmail: 'test-list@juniper-oak.example',
						subject: '={{ $json.subject }}',
						emailFormat: 'both',
						text: '={{ $json.text }}',
						html: '={{ $json.html }}',
						options: { appendAttribution: false },
					},
					credentials: { smtp: { id: '1', name: 'Local SMTP' } },
				},
			),
			{
				startNode: 'Start',
				inputItems: ads.map((a) => ({ json: a as unknown as IDataObject })),
				credentials: { smtp: { host: smtp.host, port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' } },
			},
		);
		expect(run.error).toBeUndefined();
		const prepared = run.outputs['Ad Deployer'][1].map((i) => i.json);
		const emailAds = ads.filter((a) => a.channel === 'email');
		expect(prepared).toHaveLength(emailAds.length);
		const mails = await smtp.messages();
		expect(mails).toHaveLength(emailAds.length);
		mails.forEach((mail, i) => {
			expect(mail.to).toEqual(['test-list@juniper-oak.example']);
			expect(mail.subject).toBe(prepared[i].subject);
			expect(mail.text.trim()).toBe(String(prepared[i].text).trim());
			expect(mail.html.trim()).toBe(String(prepared[i].html).trim());
			expect(mail.html).toContain(String(prepared[i].preheader).replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
		});
	});
});
