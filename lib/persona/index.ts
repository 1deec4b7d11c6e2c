export * from './signals';
export * from './offline';
export * from './enrich';
export * from './build';
