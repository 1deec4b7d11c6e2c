import type { INodeProperties } from 'n8n-workflow';

import type { DeployerOperation } from '../types';
import * as exportFiles from './export.operation';

export const operations: Record<string, DeployerOperation> = { export: exportFiles.operation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bulkFile'] } },
		options: [
			{
				name: 'Export',
				value: 'export',
				description: 'Write approved ads into Google Ads Editor, Microsoft Advertising and Meta Ads Manager import files (no credentials, nothing sent)',
				action: 'Export bulk upload files',
			},
		],
		default: 'export',
	},
	...exportFiles.description,
];
