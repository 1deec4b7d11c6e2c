export * from './types';
export * from './rules';
export * from './specialCategories';
export * from './engine';
export * from './policy';
export * from './audit';
