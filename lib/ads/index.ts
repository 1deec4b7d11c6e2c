export * from './brief';
export * from './formats';
export * from './offline';
export * from './preview';
export * from './text';
export * from './variants';
export * from './llm';
