/**
 * The Journey Mapper's operations. A new operation adds its value here, its
 * `<operation>.operation.ts` beside this file (fields and logic together) and one line in the
 * router's OPERATIONS map.
 */
export type JourneyMapperOperation = 'map' | 'buildSql' | 'fromAggregates';
