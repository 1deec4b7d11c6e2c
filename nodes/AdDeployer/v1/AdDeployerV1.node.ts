import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ICON } from '../../shared/versioned';
import * as bulkFile from './actions/bulkFile/BulkFile.resource';
import * as campaign from './actions/campaign/Campaign.resource';
import { PLATFORM_CREDENTIALS } from './actions/campaign/deploy.operation';
import * as email from './actions/email/Email.resource';
import * as performance from './actions/performance/Performance.resource';
import { router } from './actions/router';
import { listSearch } from './methods';

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
		credentials: PLATFORM_CREDENTIALS,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bulk File', value: 'bulkFile', description: 'Import files for the ad platforms\' own editors (no credentials)' },
					{ name: 'Campaign', value: 'campaign', description: 'Campaigns and ads created on an ad platform through its API (paused, dry run by default)' },
					{ name: 'Email', value: 'email', description: "Ready-to-send e-mails for n8n's mail nodes" },
					{ name: 'Performance', value: 'performance', description: 'Impressions, clicks, conversions, cost and revenue per ad and day' },
				],
				default: 'bulkFile',
			},
			...bulkFile.description,
			...campaign.description,
			...email.description,
			...performance.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
