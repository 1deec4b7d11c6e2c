import type { AdVariant, Journey, JourneyMap, Persona, Segment } from '../contracts';
import { deploySection, type ReportDeployments } from './deploy';
import { esc, fmtInt, fmtMoney, fmtNum, fmtPct, humanize } from './html';
import { barChart, donutChart, funnelChart, groupedBarChart, PALETTE, scatterPlot } from './svg';

/** What the quickstart produced, stage by stage. Every section is optional: it grows as stages land. */
export interface ReportInput {
	title?: string;
	generatedAt: string;
	workflowName?: string;
	/** Records emitted per source system by the Sample Data node. */
	sources?: { total: number; bySource: Record<string, number> };
	journeys?: { items: Journey[]; map: JourneyMap; rejected: Array<{ reason: string }> };
	segments?: {
		items: Segment[];
		projection?: Array<{ x: number; y: number; segmentId: string }>;
	};
	personas?: Persona[];
	ads?: Array<{ variant: AdVariant; previewHtml?: string }>;
	/** The Ad Deployer's results (first output) and files (second output, without binaries). */
	deployments?: ReportDeployments;
	/** Per-stage timings from the engine run. */
	timings?: Array<{ node: string; ms: number; items: number }>;
}

const STYLE = `
:root{--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--bg:#f1f5f9;--card:#fff;--accent:#4f46e5;--warn:#e11d48}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg)}
header{background:linear-gradient(120deg,#312e81,#4f46e5 60%,#0ea5e9);color:#fff;padding:32px 40px}
header h1{margin:0 0 4px;font-size:28px}header p{margin:0;opacity:.85}
main{max-width:1180px;margin:0 auto;padding:24px 24px 60px}
section{margin-top:28px}section>h2{font-size:20px;margin:0 0 4px}section>p.lead{margin:0 0 14px;color:var(--muted)}
.grid{display:grid;gap:16px}.g2{grid-template-columns:repeat(auto-fit,minmax(420px,1fr))}.g3{grid-template-columns:repeat(auto-fit,minmax(300px,1fr))}.g4{grid-template-columns:repeat(auto-fit,minmax(200px,1fr))}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 18px}
.card h3{margin:0 0 8px;font-size:15px}
.kpi .v{font-size:28px;font-weight:700}.kpi .l{color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line)}th{color:var(--muted);font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.chip{display:inline-block;padding:2px 8px;border-radius:999px;background:#eef2ff;color:#3730a3;font-size:12px;margin:2px 4px 2px 0}
.chip.down{background:#fff1f2;color:#9f1239}
.path{font-family:ui-monospace,Menlo,monospace;font-size:12px}
.muted{color:var(--muted)}.warnbox{border-left:4px solid var(--warn);background:#fff1f2;padding:8px 12px;border-radius:6px}
svg text{font:12px -apple-system,Segoe UI,Roboto,sans-serif;fill:#334155}svg .lbl{fill:#334155}svg .val{fill:#0f172a;font-weight:600}svg .warn{fill:#e11d48;font-weight:700}
svg .inbar{fill:#fff;font-weight:600}svg .small{font-size:12px}svg .tiny{font-size:10px;fill:#475569}
.persona h3{font-size:17px}.persona ul{margin:4px 0 8px 18px;padding:0}.persona .ev{font-size:12px;color:var(--muted)}
.ad{margin-bottom:14px}.preview{border:1px solid var(--line);border-radius:10px;padding:10px;background:#fff;max-width:460px}.preview div[style*="aspect-ratio"]{aspect-ratio:auto !important;min-height:90px;max-height:140px;overflow:hidden}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:40px}
`;

function fmtDuration(days: number | null): string {
	if (days === null || !Number.isFinite(days)) return '–';
	if (days < 1 / 24) return `${Math.max(1, Math.round(days * 24 * 60))} minutes`;
	if (days < 1) return `${(days * 24).toFixed(1)} hours`;
	return `${days.toFixed(1)} days`;
}

function kpi(label: string, value: string): string {
	return `<div class="card kpi"><div class="v">${esc(value)}</div><div class="l">${esc(label)}</div></div>`;
}

function overview(input: ReportInput): string {
	const cards: string[] = [];
	if (input.sources) cards.push(kpi('records in', fmtInt(input.sources.total)));
	if (input.journeys) {
		const js = input.journeys.items;
		const converted = js.filter((j) => j.converted).length;
		const revenue = js.reduce((s, j) => s + j.revenue, 0);
		cards.push(kpi('customer journeys', fmtInt(js.length)));
		cards.push(kpi('converted', fmtPct(js.length ? converted / js.length : 0)));
		cards.push(kpi('revenue', fmtMoney(revenue)));
	}
	if (input.segments) cards.push(kpi('segments', fmtInt(input.segments.items.length)));
	if (input.personas) cards.push(kpi('personas', fmtInt(input.personas.length)));
	if (input.ads) {
		cards.push(kpi('ad variants', fmtInt(input.ads.length)));
	}
	return `<section><div class="grid g4">${cards.join('')}</div></section>`;
}

function sourcesSection(sources: NonNullable<ReportInput['sources']>): string {
	const entries = Object.entries(sources.bySource).sort((a, b) => b[1] - a[1]);
	const bars = entries.map(([k, v], i) => ({ label: k, value: v, text: fmtInt(v), color: PALETTE[i % PALETTE.length] }));
	return `<section><h2>1 · Data collected</h2><p class="lead">Records from each system, in their native export shapes, merged into one stream.</p>
<div class="grid g2"><div class="card"><h3>Records per source</h3>${barChart(bars)}</div>
<div class="card" style="display:flex;gap:16px;align-items:center">${donutChart(bars)}<div>${entries
		.map(([k, v], i) => `<div><span style="color:${PALETTE[i % PALETTE.length]}">●</span> ${esc(k)}: <b>${fmtPct(v / (sources.total || 1))}</b></div>`)
		.join('')}</div></div></div></section>`;
}

function journeySection(j: NonNullable<ReportInput['journeys']>): string {
	const map = j.map;
	let worst = -1;
	let worstDrop = -1;
	map.funnel.forEach((s, i) => {
		if (s.dropOff !== null && s.dropOff > worstDrop) {
			worstDrop = s.dropOff;
			worst = i;
		}
	});
	const funnel = funnelChart(
		map.funnel.map((s, i) => ({
			label: humanize(s.step),
			value: s.customers,
			note: s.conversionFromPrevious === null ? '' : `${fmtPct(s.conversionFromPrevious)} continue`,
			highlight: i === worst,
		})),
	);
	const models = map.attribution.models as Record<string, Record<string, number>>;
	const channels = Object.keys(models.markov ?? models.lastTouch ?? {}).sort(
		(a, b) => (models.markov?.[b] ?? 0) - (models.markov?.[a] ?? 0),
	);
	const shown = ['lastTouch', 'linear', 'markov'].filter((m) => models[m]);
	const attribution = groupedBarChart(
		channels,
		shown.map((m) => ({ name: m, values: models[m] })),
		{ format: (n) => n.toFixed(0) },
	);
	const paths = map.topPaths
		.slice(0, 8)
		.map(
			(p) =>
				`<tr><td class="path">${p.path.map((c) => esc(humanize(c))).join(' → ')}</td><td class="n">${fmtInt(p.customers)}</td><td class="n">${fmtPct(p.conversionRate)}</td></tr>`,
		)
		.join('');
	const pains = map.painPoints
		.slice(0, 6)
		.map((p) => `<tr><td>${esc(humanize(p.label.replace(/\s*->\s*/g, ' → ')))}</td><td class="muted">${esc(p.detail)}</td></tr>`)
		.join('');
	const c = map.counts;
	const worstStep = worst >= 0 ? map.funnel[worst] : undefined;
	return `<section><h2>2 · Customer journeys</h2><p class="lead">${fmtInt(c.customers)} customers from ${fmtInt(c.recordsIn)} records; ${fmtInt(c.recordsRejected)} records rejected with a reason, ${fmtInt(c.duplicates)} duplicates removed, ${fmtInt(c.droppedForConsent)} customers left out because they withheld consent.</p>
<div class="grid g2"><div class="card"><h3>Funnel</h3>${funnel}${
		worstStep
			? `<p class="warnbox">Biggest leak: <b>${fmtPct(worstStep.dropOff)}</b> drop off before <b>${esc(humanize(worstStep.step))}</b>.</p>`
			: ''
	}<p class="muted">Median time from first touch to purchase: ${fmtDuration(map.timeToConvert.medianDays)} (mean ${fmtDuration(map.timeToConvert.meanDays)}, within a ${map.timeToConvert.windowDays}-day window).</p></div>
<div class="card"><h3>Which channels earn the conversions</h3>${attribution}<p class="muted">Markov removal effect: how many conversions are lost if a channel is taken out of every path. Last touch over-credits the closing channel.</p></div>
<div class="card"><h3>Top paths</h3><table><tr><th>Path</th><th>Customers</th><th>Convert</th></tr>${paths}</table></div>
<div class="card"><h3>Pain points</h3><table>${pains}</table></div></div></section>`;
}

/** `channel_paid_social` -> `Paid social share`; other features humanized. */
function featureName(feature: string): string {
	if (feature.startsWith('channel_')) return `${humanize(feature.slice('channel_'.length))} share`;
	if (feature === 'monetary') return 'Revenue per customer';
	if (feature === 'frequency') return 'Interactions';
	return humanize(feature);
}

function featureValue(feature: string, value: number): string {
	if (feature.startsWith('channel_') || feature.startsWith('stage_')) return fmtPct(value, 0);
	if (feature === 'monetary') return fmtMoney(value);
	return fmtNum(value, 1);
}

function segmentSection(s: NonNullable<ReportInput['segments']>): string {
	const segs = s.items;
	const labels: Record<string, string> = {};
	for (const seg of segs) labels[seg.segmentId] = `${seg.label} (${fmtPct(seg.share, 0)})`;
	const sizes = barChart(
		segs.map((seg, i) => ({ label: seg.label, value: seg.size, text: `${fmtInt(seg.size)} · ${fmtPct(seg.share, 0)}`, color: PALETTE[i % PALETTE.length] })),
	);
	const scatter = s.projection?.length
		? scatterPlot(
				s.projection.map((p) => ({ x: p.x, y: p.y, group: p.segmentId })),
				labels,
			)
		: '';
	const cards = segs
		.map(
			(seg, i) => `<div class="card"><h3><span style="color:${PALETTE[i % PALETTE.length]}">●</span> ${esc(seg.label)} <span class="muted">· ${fmtInt(seg.size)} customers</span></h3>
<p>${esc(seg.description)}</p>
<div>${seg.distinguishingFeatures
				.slice(0, 5)
				.map((f) => `<span class="chip ${f.direction === 'lower' ? 'down' : ''}">${f.direction === 'higher' ? '▲' : '▼'} ${esc(featureName(f.feature))} ${featureValue(f.feature, f.segmentMean)} vs ${featureValue(f.feature, f.overallMean)}</span>`)
				.join('')}</div>
<p class="muted">Converts ${fmtPct(seg.conversionRate)} · revenue ${fmtMoney(seg.revenue)}</p></div>`,
		)
		.join('');
	const q = segs[0]?.quality;
	return `<section><h2>3 · Segments</h2><p class="lead">${q ? esc(q.kReason) : ''}</p>
<div class="grid g2"><div class="card"><h3>Segment sizes</h3>${sizes}</div><div class="card"><h3>Customers on a 2-D map (PCA)</h3>${scatter}</div></div>
<div class="grid g2" style="margin-top:16px">${cards}</div></section>`;
}

function personaSection(personas: Persona[]): string {
	const list = (xs: string[]) => `<ul>${xs.slice(0, 4).map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
	const cards = personas
		.map(
			(p) => `<div class="card persona"><h3>${esc(p.name)}</h3><p>${esc(p.summary)}</p>
<b>Motivations</b>${list(p.motivations)}<b>Pain points</b>${list(p.painPoints)}<b>Objections</b>${list(p.objections)}
<p><b>Reach them on</b> ${p.preferredChannels.map((c) => `<span class="chip">${esc(humanize(c))}</span>`).join('')}</p>
<p><b>Tone</b> ${esc(p.tone)}</p>
<p class="ev"><b>Evidence</b>: ${p.evidence.slice(0, 4).map((e) => `${esc(e.claim)} (${esc(e.feature)} = ${esc(typeof e.value === 'number' ? fmtNum(e.value, 2) : e.value)})`).join('; ')}</p></div>`,
		)
		.join('');
	return `<section><h2>4 · Personas</h2><p class="lead">One persona per segment; every claim is tied to a number from the segment.</p><div class="grid g2">${cards}</div></section>`;
}

const CHANNEL_NAMES: Record<string, string> = {
	google_search: 'Google responsive search ad',
	google_display: 'Google responsive display ad',
	meta_feed: 'Meta feed',
	linkedin: 'LinkedIn sponsored content',
	microsoft_search: 'Microsoft Advertising search ad',
	x_post: 'X post',
	email: 'Email',
};

function adsSection(ads: NonNullable<ReportInput['ads']>, personas: Persona[]): string {
	const personaName = new Map(personas.map((p) => [p.personaId, p.name]));
	const byChannel = new Map<string, Array<{ variant: AdVariant; previewHtml?: string }>>();
	for (const a of ads) {
		const list = byChannel.get(a.variant.channel) ?? [];
		list.push(a);
		byChannel.set(a.variant.channel, list);
	}
	const blocks = [...byChannel.entries()]
		.map(([channel, list]) => {
			// One variant per persona (the first), for the first three personas: how copy differs by audience.
			const seen = new Set<string>();
			const shown = list.filter((a) => !seen.has(a.variant.personaId) && seen.add(a.variant.personaId)).slice(0, 3);
			const valid = list.filter((a) => a.variant.validation.ok).length;
			return `<div class="card"><h3>${esc(CHANNEL_NAMES[channel] ?? humanize(channel))} <span class="muted">· ${fmtInt(list.length)} variants, ${fmtInt(valid)} pass the format rules</span></h3>${shown
				.map(
					(a) =>
						`<div class="ad"><div class="muted">For <b>${esc(personaName.get(a.variant.personaId) ?? a.variant.personaId)}</b> · variant ${esc(a.variant.variantGroup)} · ${esc(a.variant.angle)} angle</div><div class="preview">${a.previewHtml ?? esc(JSON.stringify(a.variant.fields))}</div></div>`,
				)
				.join('')}</div>`;
		})
		.join('');
	return `<section><h2>5 · Ads</h2><p class="lead">Variants per persona and channel, shown the way each platform displays them. Each carries a UTM-tagged link, a creative brief and an image prompt.</p><div class="grid g2">${blocks}</div></section>`;
}

function timingSection(timings: NonNullable<ReportInput['timings']>): string {
	const rows = timings
		.map((t) => `<tr><td>${esc(t.node)}</td><td class="n">${fmtInt(t.items)}</td><td class="n">${fmtInt(t.ms)} ms</td></tr>`)
		.join('');
	return `<section><h2>Run</h2><div class="card"><table><tr><th>Node</th><th>Items out</th><th>Time</th></tr>${rows}</table></div></section>`;
}

/** Renders the quickstart report: one self-contained HTML page (inline CSS and SVG, no network). */
export function renderReport(input: ReportInput): string {
	const body = [
		overview(input),
		input.sources ? sourcesSection(input.sources) : '',
		input.journeys ? journeySection(input.journeys) : '',
		input.segments && input.segments.items.length ? segmentSection(input.segments) : '',
		input.personas && input.personas.length ? personaSection(input.personas) : '',
		input.ads && input.ads.length ? adsSection(input.ads, input.personas ?? []) : '',
		deploySection(input.deployments),
		input.timings && input.timings.length ? timingSection(input.timings) : '',
	].join('\n');
	const title = input.title ?? 'Journey Ads quickstart report';
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header><h1>${esc(title)}</h1><p>${esc(input.workflowName ?? '')} · generated ${esc(input.generatedAt)} · synthetic sample data, no customer's real data</p></header>
<main>${body}<footer>Made by n8n-nodes-journey-ads. Charts are inline SVG; this page loads nothing from the network.</footer></main></body></html>`;
}
