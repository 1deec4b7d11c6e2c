import type { INodeType, INodeTypeBaseDescription } from 'n8n-workflow';

/**
 * The package's icon, light and dark. n8n resolves a versioned node's icon path relative to the
 * file of the VersionedNodeType wrapper (`nodes/<Node>/<Node>.node.js`), so this path is written
 * from there, for every version class alike.
 */
export const ICON = {
	light: 'file:../../icons/journeyAds.svg',
	dark: 'file:../../icons/journeyAds.dark.svg',
} as const;

/** The wrapper's base description, taken from the newest version so names are written once. */
export function baseDescriptionOf(latest: INodeType): INodeTypeBaseDescription {
	const d = latest.description;
	const version = Array.isArray(d.version) ? d.version[d.version.length - 1] : d.version;
	return {
		displayName: d.displayName,
		name: d.name,
		icon: d.icon,
		group: d.group,
		description: d.description,
		subtitle: d.subtitle,
		defaultVersion: version,
	};
}
