import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { DIALECTS, fromAggregates } from '../../../../lib/journey/warehouse';
import type { WarehouseCustomerRow, WarehouseDialect } from '../../../../lib/journey/warehouse';
import { InputError } from '../../../../lib/util/errors';
import { isPseudonym } from '../../../../lib/util/hash';
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

/** A library error about one row (`row 3: customer_id is missing`) as an error on that input item. */
function rowError(ctx: IExecuteFunctions, error: unknown, rows: number): NodeOperationError | undefined {
	if (error instanceof InputError) {
		if (error.itemIndex === undefined) return undefined;
		return new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex: error.itemIndex,
			description: `${error.field ? `Check the field "${error.field}" of input item ${error.itemIndex}. ` : ''}${ROW_HINT}`,
		});
	}
	const message = error instanceof Error ? error.message : String(error);
	const m = /^row (\d+)(?::\s*([A-Za-z_][A-Za-z0-9_]*))?/.exec(message);
	if (!m || Number(m[1]) >= rows) return undefined;
	const itemIndex = Number(m[1]);
	const field = m[2] && m[2] !== 'is' ? m[2] : undefined;
	return new NodeOperationError(ctx.getNode(), `Input item ${itemIndex} is not a Build SQL row: ${message}`, {
		itemIndex,
		description: `${field ? `Check the field "${field}" of input item ${itemIndex}. ` : ''}${ROW_HINT}`,
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
	if (pseudonymizedInSql) {
		// Raw IDs must never pass as pseudonyms: a row that is not hashed means Build SQL ran
		// with Pseudonymize off (or a different query ran). The value itself is not echoed.
		items.forEach((item, i) => {
			const id = item.json.customer_id;
			if (typeof id === 'string' && id !== '' && !isPseudonym(id)) {
				throw new NodeOperationError(this.getNode(), `Input item ${i}: customer_id is not a pseudonym`, {
					itemIndex: i,
					description:
						'With PostgreSQL and Pseudonymize on, the warehouse hashes the IDs (c_ and 20 hex digits). Turn Pseudonymize on in Build SQL too, or off here, and run the query Build SQL wrote.',
				});
			}
		});
	}
	const secret = options.pseudonymize && !pseudonymizedInSql ? await pseudonymSecret(this) : undefined;
	let result;
	try {
		result = fromAggregates(
			items.map((item) => item.json as unknown as WarehouseCustomerRow),
			{ ...options, secret, pseudonymizedInSql },
		);
	} catch (error) {
		throw rowError(this, error, items.length) ?? error;
	}
	// Rejections name source records, not input rows: they are paired with every row.
	return journeyOutputs(items, result, () => undefined);
}

export const operation: JourneyMapperOperationModule = { description, execute };
