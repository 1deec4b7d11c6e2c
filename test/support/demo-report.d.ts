export function produceDemoReport(): { outDir: string; reportFile: string; html: string; stdout: string };
