import type { AuditReport } from '../audit/audit';
import type { AdVariant } from '../contracts';
import { esc, fmtInt, fmtNum, fmtPct } from './html';

const VERDICT_STYLE: Record<string, { label: string; style: string }> = {
	pass: { label: 'Approved', style: 'background:#dcfce7;color:#166534' },
	review: { label: 'Needs review', style: 'background:#fef9c3;color:#854d0e' },
	block: { label: 'Blocked', style: 'background:#fee2e2;color:#991b1b' },
};

interface ShownFinding {
	rule: string;
	severity: string;
	message: string;
	evidence: string;
	suggestion?: string;
	overridden?: { by: string; why: string };
}

/** The audit verdict and findings of one ad, shown beside its preview ('' for an unaudited ad). */
export function auditBadge(variant: AdVariant): string {
	const audit = variant.audit;
	if (!audit) return '';
	const v = VERDICT_STYLE[audit.verdict] ?? { label: audit.verdict, style: '' };
	const findings = (audit.findings as unknown as ShownFinding[]).map(
		(f) =>
			`<li${f.overridden ? ' style="text-decoration:line-through;opacity:.7"' : ''}><b>${esc(f.rule)}</b> <span class="muted">(${esc(f.severity)})</span> ${esc(f.evidence)}${f.suggestion ? ` <span class="muted">→ ${esc(f.suggestion)}</span>` : ''}${f.overridden ? ` <span class="muted">cleared by ${esc(f.overridden.by)}: ${esc(f.overridden.why)}</span>` : ''}</li>`,
	);
	const categories = audit.specialAdCategories.length ? ` <span class="chip down">special category: ${esc(audit.specialAdCategories.join(', '))}</span>` : '';
	return `<div class="audit" style="margin-top:6px"><span class="chip" style="${v.style}">${esc(v.label)}</span>${categories}${findings.length ? `<ul style="margin:4px 0 0 18px;padding:0;font-size:13px">${findings.join('')}</ul>` : ''}</div>`;
}

/** The Bias Auditor's report: verdict counts, findings per rule and the fairness table with its thresholds. */
export function auditSection(report: AuditReport): string {
	const total = report.ads;
	const counts = (['pass', 'review', 'block'] as const)
		.map((v) => `<div class="card kpi"><div class="v">${fmtInt(report.verdicts[v])}</div><div class="l">${esc(VERDICT_STYLE[v].label)} (${fmtPct(total ? report.verdicts[v] / total : null, 0)})</div></div>`)
		.join('');
	const rules = report.byRule.length
		? `<table><tr><th>Rule</th><th>Family</th><th>Findings</th><th>Ads</th><th>Cleared</th></tr>${report.byRule
				.map((r) => `<tr><td>${esc(r.rule)}</td><td>${esc(r.family)}</td><td class="n">${fmtInt(r.findings)}</td><td class="n">${fmtInt(r.ads)}</td><td class="n">${fmtInt(r.overridden)}</td></tr>`)
				.join('')}</table>`
		: '<p class="muted">No rule raised a finding.</p>';
	const t = report.fairness.thresholds;
	const rows = report.fairness.tables.flatMap((table) =>
		table.results.map((r) => {
			const groups = r.groups
				.map((g) => `${esc(g.group)} ${fmtPct(g.rate)}${g.eligible ? '' : ` <span class="muted">(${g.size}, too few)</span>`}${g.adverse ? ' <b style="color:#be123c">▼</b>' : ''}`)
				.join(' · ');
			const verdict = r.verdict === 'flagged' ? '<b style="color:#be123c">flagged</b>' : r.verdict === 'fair' ? 'fair' : '<span class="muted">no verdict</span>';
			return `<tr><td>${esc(table.scope === 'campaign' ? 'Campaign audience' : table.segmentId)}</td><td>${esc(r.attribute)}</td><td style="font-size:12px">${groups}</td><td class="n">${fmtNum(r.demographicParityDifference, 3)}</td><td class="n">${fmtNum(r.demographicParityRatio, 3)}</td><td class="n">${fmtNum(r.differenceToOverall, 3)}</td><td class="n">${fmtNum(r.ratioToOverall, 3)}</td><td>${verdict}</td></tr><tr><td></td><td colspan="7" class="muted" style="font-size:12px">${esc(r.reason)}</td></tr>`;
		}),
	);
	const fairness = rows.length
		? `<table><tr><th>Audience</th><th>Attribute</th><th>Selection rate per group</th><th>Parity diff.</th><th>Parity ratio</th><th>Diff. to overall</th><th>Ratio to overall</th><th>Verdict</th></tr>${rows.join('')}</table>`
		: `<p class="muted">${esc(report.fairness.note ?? 'No fairness table.')}</p>`;
	return `<section><h2>6 · Audit</h2><p class="lead">Every ad checked against platform editorial and personal-attribute policies, claims, inclusive language, personal data and special ad categories; audiences compared across protected attributes. Rule set ${esc(report.ruleVersion)}.</p>
<div class="grid g4">${counts}</div>
<div class="grid g2" style="margin-top:16px"><div class="card"><h3>Findings per rule</h3>${rules}</div>
<div class="card"><h3>Thresholds</h3><table><tr><td>Four-fifths (impact ratio under which a group is flagged)</td><td class="n">${fmtNum(t.fourFifths, 2)}</td></tr><tr><td>Max demographic parity difference</td><td class="n">${fmtNum(t.maxParityDifference, 2)}</td></tr><tr><td>Min group size for a verdict</td><td class="n">${fmtInt(t.minGroupSize)}</td></tr><tr><td>Significance (min |z|, 0 = off)</td><td class="n">${fmtNum(t.minZ, 2)}</td></tr></table></div></div>
<div class="card" style="margin-top:16px"><h3>Audience fairness</h3>${fairness}</div></section>`;
}
