/**
 * templates/lifecycle-email.json, executed as a user would import it: customers to journeys,
 * segments, personas, one win-back e-mail per persona, audited, prepared by the Ad Deployer and
 * sent by n8n's Send Email node to a local SMTP server. The Mailchimp alternative is disabled.
 */
import type { IDataObject } from 'n8n-workflow';

import { readWorkflow } from '../support/engine';
import { runWorkflowInChildProcess } from '../support/engine-process';
import { startSmtpServer, type SmtpServer } from '../support/smtp-server';

let smtp: SmtpServer;
beforeAll(async () => {
	smtp = await startSmtpServer();
});
afterAll(async () => {
	await smtp.close();
});

describe('the lifecycle e-mail template', () => {
	it('sends one e-mail per approved persona e-mail, to that segment, with the subject and body the Deployer prepared', async () => {
		const workflow = readWorkflow('templates/lifecycle-email.json');
		const mailchimp = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.mailchimp');
		expect(mailchimp?.disabled).toBe(true);

		const run = await runWorkflowInChildProcess(workflow, {
			credentials: { smtp: { host: smtp.host, port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' } },
		});
		expect(run.error).toBeUndefined();
		expect(run.finished).toBe(true);

		const segments = run.outputs['Customer Segmenter'][1].map((i) => i.json);
		const personas = run.outputs['Persona Builder'][0].map((i) => i.json);
		const ads = run.outputs['Ad Generator'][0].map((i) => i.json);
		const approved = run.outputs['Bias Auditor'][0].map((i) => i.json);
		expect(segments.length).toBeGreaterThan(1);
		expect(personas).toHaveLength(segments.length);
		// One variant per persona, e-mail only.
		expect(ads).toHaveLength(personas.length);
		expect(ads.every((a) => a.channel === 'email')).toBe(true);
		expect(approved.length).toBeGreaterThan(0);

		const prepared = run.outputs['Ad Deployer'][1].map((i) => i.json as IDataObject);
		expect(prepared).toHaveLength(approved.length);
		expect(run.outputs['Send Email'][0]).toHaveLength(prepared.length);
		// A disabled node in n8n forwards its input untouched and calls nothing (it has no credential here).
		expect(run.outputs['Mailchimp (alternative)'][0].map((i) => i.json)).toEqual(prepared);

		const mails = await smtp.messages();
		expect(mails).toHaveLength(prepared.length);
		const bySegment = new Map(mails.map((m) => [m.to[0], m]));
		expect(bySegment.size).toBe(prepared.length);
		for (const email of prepared) {
			const mail = bySegment.get(`segment-${String(email.segmentId)}@lists.juniper-oak.example`);
			expect(mail).toBeDefined();
			expect(mail?.from).toBe('marketing@juniper-oak.example');
			expect(mail?.subject).toBe(email.subject);
			expect(mail?.text.trim()).toBe(String(email.text).trim());
			expect(mail?.html.trim()).toBe(String(email.html).trim());
			expect(mail?.text).toContain('Juniper & Oak, 1 Market Street');
		}
	});
});
