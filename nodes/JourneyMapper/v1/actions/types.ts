import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One Journey Mapper operation: its fields and its execution. Every operation summarises the whole
 * input at once and returns the node's three outputs (Journeys, Journey Map, Rejected); the router
 * owns continue-on-fail and the conversion of errors.
 */
export interface JourneyMapperOperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]>;
}
