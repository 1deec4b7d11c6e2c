export function templateFiles(): string[];
