export { generateSampleData, iterateSampleRecords, SAMPLE_FUNNEL } from './generator';
export type {
	SampleData,
	SampleDataOptions,
	SampleGroup,
	SampleGroupTruth,
	SampleSource,
	SampleTruth,
} from './types';
export { SAMPLE_GROUPS, SAMPLE_SOURCES } from './types';
