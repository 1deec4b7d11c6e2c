import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { DIALECTS, fromAggregates } from '../../../../lib/journey/warehouse';
import type { WarehouseCustomerRow, WarehouseDialect } from '../../../../lib/journey/warehouse';
import { InputError } from '../../../../lib/util/errors';
import type { JourneyMapperOperationModule } from './types';
import { journeyOutputs, pseudonymSecret, readJourneyOptions } from './common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName:
			'Connect this node to the database node that ran the Build SQL query (its rows unchanged, one item per row), and set Dialect, Pseudonymize and Options as in Build SQL',
		name: 'fromAggregatesNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['fromAggregates'] } }, properties);

const ROW_HINT =
	'Each input item must be one row of the Build SQL query as the database node returned it. Run the query Build SQL wrote, unchanged, and connect that node here.';

/** A library error about one row as an error on that input item. */
function rowError(ctx: IExecuteFunctions, error: unknown): NodeOperationError | undefined {
	if (!(error instanceof InputError) || error.itemIndex === undefined) return undefined;
	const i = error.itemIndex;
	const raw = error.field === 'customer_id' && /is not a pseudonym/.test(error.message);
	return new NodeOperationError(ctx.getNode(), `Input item ${i} is not a Build SQL row: ${error.message}`, {
		itemIndex: i,
		description: raw
			? 'With PostgreSQL and Pseudonymize on, the warehouse hashes the IDs (c_ and 20 hex digits). Turn Pseudonymize on in Build SQL too, or off here, and run the query Build SQL wrote.'
			: `${error.field ? `Check the field "${error.field}" of input item ${i}. ` : ''}${ROW_HINT}`,
	});
}

/**
 * From Aggregates: the rows the Build SQL query returned (one input item per row) -> the same three
 * outputs as Map Journeys. IDs are pseudonyms already where the dialect hashes in SQL; elsewhere this
 * node hashes them with the Journey Ads Privacy secret, as Map Journeys does.
 */
async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const dialect = this.getNodeParameter('dialect', 0) as WarehouseDialect;
	const spec = DIALECTS[dialect];
	if (!spec) {
		throw new NodeOperationError(this.getNode(), `Unknown dialect "${String(dialect)}"`, { itemIndex: 0 });
	}
	const shape = this.getNodeParameter('tableShape', 0, 'custom') as string;
	const options = { ...readJourneyOptions(this), ...(shape === 'ga4Export' ? { source: 'ga4' as const } : {}) };
	const pseudonymizedInSql = options.pseudonymize === true && spec.pseudonym !== null;
	const secret = options.pseudonymize && !pseudonymizedInSql ? await pseudonymSecret(this) : undefined;
	let result;
	try {
		result = fromAggregates(
			items.map((item) => item.json as unknown as WarehouseCustomerRow),
			{ ...options, secret, pseudonymizedInSql },
		);
	} catch (error) {
		throw rowError(this, error) ?? error;
	}
	// Rejections name source records, not input rows: they are paired with every row.
	return journeyOutputs(items, result, () => undefined);
}

export const operation: JourneyMapperOperationModule = { description, execute };
