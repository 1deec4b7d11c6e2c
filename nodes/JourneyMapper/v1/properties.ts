import type { INodeProperties } from 'n8n-workflow';

import * as buildSql from './actions/buildSql.operation';
import { dialectProperty, journeyOptionProperties, pseudonymizeProperty, tableShapeProperty } from './actions/common.descriptions';
import * as fromAggregates from './actions/fromAggregates.operation';
import * as map from './actions/map.operation';

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Build SQL',
			value: 'buildSql',
			description:
				'Write the SQL that gathers each customer\'s events inside the warehouse (PostgreSQL, BigQuery, Snowflake); run it with a database node, then From Aggregates',
			action: 'Build warehouse SQL',
		},
		{
			name: 'From Aggregates',
			value: 'fromAggregates',
			description: 'Build the journeys, journey map and rejections from the rows the Build SQL query returned',
			action: 'Map warehouse rows to journeys',
		},
		{
			name: 'Map Journeys',
			value: 'map',
			description: 'Build journeys from the input records themselves, in this n8n process',
			action: 'Map records to journeys',
		},
	],
	default: 'map',
};

/** In the editor's order: what to do, where the data is, then privacy and journey options. */
export const journeyMapperProperties: INodeProperties[] = [
	operationProperty,
	...map.description,
	dialectProperty,
	tableShapeProperty,
	...buildSql.description.filter((p) => p.name !== 'pseudonymSetting'),
	...fromAggregates.description,
	pseudonymizeProperty,
	...buildSql.description.filter((p) => p.name === 'pseudonymSetting'),
	...journeyOptionProperties,
];
