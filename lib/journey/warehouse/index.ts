export { buildWarehouseSql, DEFAULT_SECRET_SETTING } from './buildSql';
export type { WarehouseColumns, WarehouseSql, WarehouseSqlOptions } from './buildSql';
export { DIALECTS, WAREHOUSE_DIALECTS } from './dialects';
export type { TimestampUnit, WarehouseDialect } from './dialects';
export { fromAggregates } from './fromAggregates';
export type { WarehouseCustomerRow } from './fromAggregates';
export { SOURCE_COLUMNS, sourceSelect, WAREHOUSE_SOURCES } from './sources';
export type { SourceOptions, WarehouseSource } from './sources';
