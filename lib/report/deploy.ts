/**
 * The report's deployment section: what the Ad Deployer exported or deployed, what it refused and
 * why, and the files it wrote. Every number comes from the Deployer's per-ad results.
 */
import type { DeploymentResult } from '../contracts/deployment';
import { esc, fmtInt, humanize } from './html';

/** A file the Deployer wrote (its second output's items, without the binary). */
export interface ReportDeployFile {
	fileName: string;
	format?: string;
	platform?: string;
	rows?: number;
	ads?: number;
	status?: string;
}

export interface ReportDeployments {
	results: DeploymentResult[];
	files?: ReportDeployFile[];
}

const PLATFORM_NAMES: Record<string, string> = {
	google_ads: 'Google Ads',
	microsoft_ads: 'Microsoft Advertising',
	meta: 'Meta',
	linkedin: 'LinkedIn',
	email: 'Email',
	x: 'X',
};

const REASON_NAMES: Record<string, string> = {
	blocked: 'blocked by the Bias Auditor',
	needsReview: 'waiting for a human review',
	notApproved: 'not approved',
	invalid: 'breaks its format rules',
	pii: 'holds personal data',
	channel: 'no file or target for its channel',
	platform: 'refused by the platform',
	input: 'not a valid ad',
};

function count<T>(xs: readonly T[], key: (x: T) => string): Array<[string, number]> {
	const m = new Map<string, number>();
	for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
	return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The deployment section; empty when the Deployer did not run. */
export function deploySection(d: ReportDeployments | undefined): string {
	if (!d || d.results.length === 0) return '';
	const results = d.results;
	const done = results.filter((r) => r.status === 'created' || r.status === 'validated' || r.status === 'exported');
	const refused = results.filter((r) => r.status === 'skipped' || r.status === 'failed');
	const dry = results.every((r) => r.dryRun);
	const byPlatform = count(done, (r) => `${r.platform}\u0000${r.status}`)
		.map(([k, n]) => {
			const [platform, status] = k.split('\u0000');
			return `<tr><td>${esc(PLATFORM_NAMES[platform] ?? humanize(platform))}</td><td>${esc(status)}</td><td class="n">${fmtInt(n)}</td></tr>`;
		})
		.join('');
	const reasons = count(refused, (r) => `${r.status}\u0000${r.reason ?? ''}`)
		.map(([k, n]) => {
			const [status, reason] = k.split('\u0000');
			return `<tr><td>${esc(status)}</td><td>${esc(REASON_NAMES[reason] ?? (reason || 'no reason given'))}</td><td class="n">${fmtInt(n)}</td></tr>`;
		})
		.join('');
	const files = (d.files ?? [])
		.map(
			(f) =>
				`<tr><td class="path">${esc(f.fileName)}</td><td>${esc(PLATFORM_NAMES[f.platform ?? ''] ?? f.platform ?? '')}</td><td class="n">${fmtInt(f.ads ?? 0)}</td><td class="n">${fmtInt(f.rows ?? 0)}</td><td>${esc(f.status ?? '')}</td></tr>`,
		)
		.join('');
	const examples = refused
		.filter((r) => r.reason !== 'channel')
		.slice(0, 6)
		.map((r) => `<li><span class="path">${esc(r.adId)}</span>: ${esc(r.message ?? r.error ?? '')}</li>`)
		.join('');
	const outcomes = count(results, (r) => r.status)
		.map(([status, n]) => `${fmtInt(n)} ${status}`)
		.join(', ');
	const lead = `${fmtInt(results.length)} ads in: ${outcomes}; every refusal carries its reason.${dry ? ' Dry run: nothing was sent to any platform.' : ''}`;
	return `<section><h2>7 · Exports and deployments</h2><p class="lead">${esc(lead)}</p>
<div class="grid g2"><div class="card"><h3>Out, by platform</h3><table><tr><th>Platform</th><th>Status</th><th>Ads</th></tr>${byPlatform || '<tr><td colspan="3" class="muted">nothing</td></tr>'}</table></div>
<div class="card"><h3>Not out, by reason</h3><table><tr><th>Status</th><th>Reason</th><th>Ads</th></tr>${reasons || '<tr><td colspan="3" class="muted">none</td></tr>'}</table>${examples ? `<ul>${examples}</ul>` : ''}</div></div>
${files ? `<div class="card" style="margin-top:16px"><h3>Files</h3><table><tr><th>File</th><th>Platform</th><th>Ads</th><th>Rows</th><th>Status in file</th></tr>${files}</table></div>` : ''}</section>`;
}
