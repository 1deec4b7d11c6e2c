export interface QueryResult {
	rows: Record<string, unknown>[];
	/** The result's columns, in order. */
	fields: { name: string }[];
}
export declare class Client {
	constructor(config: { host: string; port: number; user: string; password: string; database: string });
	connect(): Promise<void>;
	query(text: string, values?: unknown[]): Promise<QueryResult>;
	end(): Promise<void>;
}
export declare function connectWhenReady(config: {
	host: string;
	port: number;
	user: string;
	password: string;
	database: string;
}): Promise<Client>;
