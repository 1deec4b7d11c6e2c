export interface LoadedNode {
	name: string;
	displayName: string;
	version: number | number[];
	usableAsTool: boolean;
	iconLight?: string;
	iconDark?: string;
	iconFilesExist: boolean;
	codexCategories: string[];
}
export function loadWithN8nLoader(): Promise<{
	packageName: string;
	nodes: LoadedNode[];
	credentials: Array<{
		name: string;
		hasTest: boolean;
		hasAuthenticate: boolean;
		/** Extends n8n's oAuth2Api: n8n signs its requests with the token. */
		oauth2: boolean;
		httpTest: boolean;
		testedByNode: boolean;
		iconLight?: string;
	}>;
	known: string[];
}>;
export function packedFiles(): string[];
export function distExists(): boolean;
