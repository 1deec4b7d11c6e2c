export interface SectionLayout {
	heading: string | null;
	width: number;
	height: number;
	visible: boolean;
	textLength: number;
	svgCount: number;
	emptySvgs: number;
}
export interface PixelStats {
	width: number;
	height: number;
	meanLuminance: number;
	luminanceVariance: number;
	distinctColours: number;
}
export interface PageInspection {
	url: string;
	title: string;
	console: Array<{ type: string; text: string }>;
	pageErrors: string[];
	requests: string[];
	failedRequests: string[];
	sections: SectionLayout[];
	pixels: PixelStats;
	browserVersion: string | null;
}
export function inspectPage(
	htmlFile: string,
	options?: { screenshotPath?: string; width?: number; height?: number },
): Promise<PageInspection>;
export function launchBrowser(options?: {
	width?: number;
	height?: number;
	offline?: boolean;
}): Promise<{ context: import('playwright-core').BrowserContext; close(): Promise<void> }>;
export function requireChromium(): string;
export const CHROMIUM_FLAGS: string[];
