export * from './payload';
export * from './errors';
export * from './deploy';
export * from './performance';
