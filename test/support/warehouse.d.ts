import type { IDataObject } from 'n8n-workflow';

import type { JourneyMap } from '../../lib/contracts';
import type { WorkflowJson } from './engine';

export interface WarehouseEvent {
	customer_id: string | null;
	event_time: string | null;
	event_name: string;
	medium: string | null;
	revenue: number | null;
	consent: string | null;
}
export interface PostgresCredential {
	[key: string]: string | number | boolean;
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	ssl: string;
	allowUnauthorizedCerts: boolean;
	sshTunnel: boolean;
	maxConnections: number;
}
export interface Warehouse {
	pg: { host: string; port: number; user: string; password: string; database: string; stop(): Promise<void> };
	credential: PostgresCredential;
	stop(): Promise<void>;
}
export declare function sampleEvents(options: { customers: number; seed: number }): WarehouseEvent[];
export declare function startWarehouse(options: { secret: string; events: WarehouseEvent[] }): Promise<Warehouse>;
export declare function letPostgresNodePoolsExit(): void;
export declare function closePostgresNodePools(): Promise<void>;
export declare const EVENT_COLUMNS: {
	table: string;
	customerIdColumn: string;
	timestampColumn: string;
	timestampUnit: string;
	columns: { event: string; channel: string; value: string; consent: string };
};
export declare const SECRET_SETTING: string;
export declare const POSTGRES_NODE_VERSION: number;
export declare function pushdownWorkflow(options?: {
	table?: string;
	options?: IDataObject;
	buildSql?: IDataObject;
	fromAggregates?: IDataObject;
	fromAggregatesNode?: IDataObject;
}): WorkflowJson;
export declare function journeyMapperAfterStart(parameters: IDataObject, node?: IDataObject): WorkflowJson;
export declare function mapJourneysWorkflow(options?: IDataObject): WorkflowJson;
export declare function expectCloseCredits(actual: Record<string, number> | undefined, expected: Record<string, number> | undefined): void;
export declare function expectSameJourneyMap(
	map: JourneyMap,
	expected: JourneyMap,
	references?: Partial<Record<keyof JourneyMap['attribution']['models'], JourneyMap>>,
): void;
