import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DeploymentResult } from '../../../../../lib/contracts';
import { adResultBase, deploymentResult, prepareEmail } from '../../../../../lib/deploy';
import { errorMessage } from '../../../../shared/params';
import { gateProperties } from '../common.descriptions';
import type { AdmittedAd, AdOperation, AdOperationOutput } from '../types';

const properties: INodeProperties[] = [
	...gateProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Footer',
				name: 'footer',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: "A footer line, e.g. your address and your mail tool's unsubscribe merge tag",
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: 'en',
				description: 'Language of the e-mail (the HTML lang attribute)',
			},
			{
				displayName: 'Sender Name',
				name: 'senderName',
				type: 'string',
				default: '',
				description: 'Shown in the footer, e.g. your brand',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['email'], operation: ['prepare'] } }, properties);

async function execute(this: IExecuteFunctions, admitted: AdmittedAd[]): Promise<AdOperationOutput> {
	const results = new Map<number, DeploymentResult>();
	const deliverables: INodeExecutionData[] = [];
	for (const a of admitted) {
		const base = adResultBase(a.ad, a.names, true);
		if (a.ad.channel !== 'email') {
			results.set(a.index, deploymentResult(base, { status: 'skipped', reason: 'channel', message: `Skipped: a ${a.ad.channel} ad is not an e-mail; use Bulk File → Export or Campaign → Deploy for it.` }));
			continue;
		}
		const o = this.getNodeParameter('options', a.index, {}) as IDataObject;
		try {
			const email = prepareEmail(a.ad, a.names.ad, {
				senderName: (o.senderName as string) || undefined,
				footer: (o.footer as string) || undefined,
				language: (o.language as string) || undefined,
			});
			deliverables.push({ json: email as unknown as IDataObject, pairedItem: { item: a.index } });
			results.set(a.index, deploymentResult(base, { status: 'exported', message: `Prepared for sending to segment ${a.ad.segmentId}: "${email.subject}".` }));
		} catch (error) {
			results.set(a.index, deploymentResult(base, { status: 'failed', reason: 'invalid', message: errorMessage(error) }));
		}
	}
	return { results, deliverables };
}

export const operation: AdOperation = {
	kind: 'ads',
	description,
	// Preparing an e-mail sends nothing; the mail node after this one does.
	isDryRun: () => true,
	execute,
};
