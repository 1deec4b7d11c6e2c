import type { INodeProperties } from 'n8n-workflow';

import type { DeployerOperation } from '../types';
import * as get from './get.operation';

export const operations: Record<string, DeployerOperation> = { get: get.operation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['performance'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					'Impressions, clicks, conversions, cost and revenue per ad and day, each row with our ad ID',
				action: 'Get ad performance',
			},
		],
		default: 'get',
	},
	...get.description,
];
