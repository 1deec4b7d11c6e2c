import type { INodeProperties } from 'n8n-workflow';

import type { DeployerOperation } from '../types';
import * as deploy from './deploy.operation';

export const operations: Record<string, DeployerOperation> = { deploy: deploy.operation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Deploy',
				value: 'deploy',
				description:
					'Create approved ads on the platform through its API: paused, looked up by name first so nothing is created twice (dry run by default)',
				action: 'Deploy ads to a platform',
			},
		],
		default: 'deploy',
	},
	...deploy.description,
];
