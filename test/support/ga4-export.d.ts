export declare const GA4_TABLE_COLUMNS: string;
export declare function ga4Row(record: Record<string, unknown>): Record<string, unknown>;
export declare function wholeMs(record: Record<string, unknown>): Record<string, unknown>;
export declare function createGa4Table(
	client: { query(text: string, values?: unknown[]): Promise<unknown> },
	table: string,
	records: Record<string, unknown>[],
): Promise<void>;
export declare function seededGa4(seed: number, webIds: number): Record<string, unknown>[];
