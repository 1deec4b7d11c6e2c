import type { INodeProperties } from 'n8n-workflow';

import type { DeployerOperation } from '../types';
import * as prepare from './prepare.operation';

export const operations: Record<string, DeployerOperation> = { prepare: prepare.operation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['email'] } },
		options: [
			{
				name: 'Prepare',
				value: 'prepare',
				description: "Turn approved email ads into ready-to-send items (subject, preheader, HTML and text, UTM links) for n8n's mail nodes",
				action: 'Prepare emails',
			},
		],
		default: 'prepare',
	},
	...prepare.description,
];
