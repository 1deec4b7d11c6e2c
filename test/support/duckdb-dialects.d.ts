export type DuckDialect = 'bigquery' | 'snowflake';
/** Column name -> DuckDB type, or a from_json structure (object: STRUCT, one-element array: LIST). */
export type DuckColumns = Record<string, unknown>;
export interface DialectDb {
	query(sql: string): Promise<Record<string, unknown>[]>;
	load(table: string, columns: DuckColumns, rows: Record<string, unknown>[]): Promise<void>;
	close(): void;
}
export declare function openDialectDb(dialect: DuckDialect): Promise<DialectDb>;
export declare function adapt(dialect: DuckDialect, sql: string): string;
export declare const MACROS: Record<DuckDialect, string[]>;
export declare const REWRITES: Record<DuckDialect, [string, (sql: string) => string][]>;
export declare const GA4_BIGQUERY_COLUMNS: DuckColumns;
export declare const GA4_SNOWFLAKE_COLUMNS: DuckColumns;
