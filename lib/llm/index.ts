export * from './types';
export * from './errors';
export * from './jsonSchema';
export * from './retry';
export * from './concurrency';
export * from './pricing';
export * from './guard';
export * from './client';
