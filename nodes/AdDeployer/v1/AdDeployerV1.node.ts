import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ICON } from '../../shared/versioned';
import * as bulkFile from './actions/bulkFile/BulkFile.resource';
import * as email from './actions/email/Email.resource';
import { router } from './actions/router';

export class AdDeployerV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ad Deployer',
		name: 'adDeployer',
		icon: ICON,
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Exports approved ads as Google Ads Editor, Microsoft Advertising and Meta import files and prepares e-mails: paused, approval required, blocked ads refused, a result for every ad',
		defaults: { name: 'Ad Deployer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Results', 'Files / Emails'],
		usableAsTool: true,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bulk File', value: 'bulkFile', description: 'Import files for the ad platforms\' own editors (no credentials)' },
					{ name: 'Email', value: 'email', description: "Ready-to-send e-mails for n8n's mail nodes" },
				],
				default: 'bulkFile',
			},
			...bulkFile.description,
			...email.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
