import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../../../shared/errors';
import { errorMessage } from '../../../shared/params';
import type { JourneyMapperOperationModule } from './types';
import * as buildSql from './buildSql.operation';
import * as fromAggregates from './fromAggregates.operation';
import * as map from './map.operation';
import type { JourneyMapperOperation } from './node.type';

/** Every operation; a new one is one more line here. */
export const OPERATIONS: Record<JourneyMapperOperation, JourneyMapperOperationModule> = {
	map: map.operation,
	buildSql: buildSql.operation,
	fromAggregates: fromAggregates.operation,
};

/**
 * The one place that owns continue-on-fail and error conversion. Every operation summarises the
 * whole input, so a failure fails the whole input: with continue-on-fail one error item, paired
 * with every input item, goes to the first output.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	try {
		// Workflows saved before the operation existed have none: they map journeys, as they did.
		const name = this.getNodeParameter('operation', 0, 'map') as JourneyMapperOperation;
		const operation = OPERATIONS[name];
		if (!operation) throw new NodeOperationError(this.getNode(), `The operation "${String(name)}" is not supported`);
		return await operation.execute.call(this, items);
	} catch (error) {
		if (this.continueOnFail()) {
			return [[{ json: { error: errorMessage(error) }, pairedItem: items.map((_, item) => ({ item })) }], [], []];
		}
		throw toNodeError(this.getNode(), error);
	}
}
