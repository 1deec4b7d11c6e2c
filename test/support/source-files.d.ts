export function packageSources(folders: string[]): { file: string; text: string }[];
