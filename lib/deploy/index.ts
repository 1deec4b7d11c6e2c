export * from './naming';
export * from './gate';
export * from './csv';
export * from './result';
export * from './email';
export * from './specialCategories';
export * from './bulk';
export * from './pii';
