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
		httpTest: boolean;
		testedByNode: boolean;
		iconLight?: string;
	}>;
	known: string[];
}>;
export function packedFiles(): string[];
export function distExists(): boolean;
