import { esc, humanize } from './html';

/** A fixed palette readable on white, used in order for series and segments. */
export const PALETTE = [
	'#4f46e5',
	'#0ea5e9',
	'#f97316',
	'#10b981',
	'#e11d48',
	'#a855f7',
	'#eab308',
	'#64748b',
	'#14b8a6',
	'#f43f5e',
];

export interface Bar {
	label: string;
	value: number;
	/** Text shown at the end of the bar; defaults to the value. */
	text?: string;
	color?: string;
}

/** Horizontal bar chart. */
export function barChart(bars: Bar[], options: { width?: number; title?: string } = {}): string {
	const width = options.width ?? 560;
	const rowH = 26;
	const labelW = 200;
	const textW = 80;
	const height = bars.length * rowH + 8;
	const max = Math.max(1e-9, ...bars.map((b) => b.value));
	const rows = bars
		.map((b, i) => {
			const y = i * rowH + 4;
			const w = Math.max(0, ((width - labelW - textW) * b.value) / max);
			return `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" class="lbl">${esc(b.label)}</text>
<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" rx="3" fill="${b.color ?? PALETTE[0]}"/>
<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 16}" class="val">${esc(b.text ?? String(b.value))}</text>`;
		})
		.join('\n');
	return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(options.title ?? 'bar chart')}">${rows}</svg>`;
}

export interface FunnelStep {
	label: string;
	value: number;
	note?: string;
	highlight?: boolean;
}

/** Funnel: step names on the left, bars narrowing with each step, the highlighted step in warning colour. */
export function funnelChart(steps: FunnelStep[], options: { width?: number } = {}): string {
	const width = options.width ?? 560;
	const rowH = 40;
	const labelW = 120;
	const noteW = 150;
	const height = steps.length * rowH + 4;
	const max = Math.max(1, ...steps.map((s) => s.value));
	const chartW = width - labelW - noteW;
	const parts = steps
		.map((s, i) => {
			const w = Math.max(2, (chartW * s.value) / max);
			const x = labelW + (chartW - w) / 2;
			const y = i * rowH + 2;
			const fill = s.highlight ? '#e11d48' : PALETTE[0];
			return `<text x="${labelW - 8}" y="${y + 21}" text-anchor="end" class="lbl">${esc(s.label)}</text>
<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 8}" rx="4" fill="${fill}" opacity="${(1 - i * 0.08).toFixed(2)}"/>
<text x="${labelW + chartW / 2}" y="${y + 21}" text-anchor="middle" class="inbar">${w > 48 ? esc(s.value.toLocaleString('en-US')) : ''}</text>
<text x="${labelW + chartW + 10}" y="${y + 21}" class="${s.highlight ? 'warn' : 'val'}">${w > 48 ? '' : `${esc(s.value.toLocaleString('en-US'))} · `}${esc(s.note ?? '')}</text>`;
		})
		.join('\n');
	return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="funnel">${parts}</svg>`;
}

export interface GroupedSeries {
	name: string;
	values: Record<string, number>;
}

/** Grouped horizontal bars: one group per category, one bar per series. */
export function groupedBarChart(
	categories: string[],
	series: GroupedSeries[],
	options: { width?: number; format?: (n: number) => string } = {},
): string {
	const width = options.width ?? 560;
	const barH = 10;
	const groupH = series.length * (barH + 2) + 12;
	const labelW = 130;
	const textW = 50;
	const format = options.format ?? ((n: number) => n.toFixed(1));
	const max = Math.max(1e-9, ...series.flatMap((s) => categories.map((c) => s.values[c] ?? 0)));
	const legendH = 22;
	const height = categories.length * groupH + legendH + 4;
	const legend = series
		.map(
			(s, i) =>
				`<rect x="${labelW + i * 110}" y="4" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${labelW + i * 110 + 14}" y="13" class="small">${esc(humanize(s.name))}</text>`,
		)
		.join('');
	const groups = categories
		.map((c, ci) => {
			const y0 = legendH + ci * groupH;
			const bars = series
				.map((s, si) => {
					const v = s.values[c] ?? 0;
					const w = Math.max(0, ((width - labelW - textW) * v) / max);
					const y = y0 + si * (barH + 2);
					return `<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${PALETTE[si % PALETTE.length]}"/><text x="${(labelW + w + 4).toFixed(1)}" y="${y + 9}" class="tiny">${esc(format(v))}</text>`;
				})
				.join('');
			return `<text x="${labelW - 8}" y="${y0 + (series.length * (barH + 2)) / 2 + 4}" text-anchor="end" class="lbl">${esc(humanize(c))}</text>${bars}`;
		})
		.join('\n');
	return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="grouped bars">${legend}${groups}</svg>`;
}

export interface ScatterPoint {
	x: number;
	y: number;
	group: string;
}

/** Scatter plot coloured by group, with a legend. */
export function scatterPlot(
	points: ScatterPoint[],
	groupLabels: Record<string, string>,
	options: { width?: number; height?: number } = {},
): string {
	const width = options.width ?? 560;
	const height = options.height ?? 360;
	const pad = 16;
	const legendW = 170;
	if (points.length === 0) return '';
	let minX = Infinity;
	let maxX = -Infinity;
	let minY = Infinity;
	let maxY = -Infinity;
	for (const p of points) {
		minX = Math.min(minX, p.x);
		maxX = Math.max(maxX, p.x);
		minY = Math.min(minY, p.y);
		maxY = Math.max(maxY, p.y);
	}
	const sx = (x: number) => pad + ((x - minX) / (maxX - minX || 1)) * (width - legendW - 2 * pad);
	const sy = (y: number) => height - pad - ((y - minY) / (maxY - minY || 1)) * (height - 2 * pad);
	const groups = Object.keys(groupLabels);
	const color = (g: string) => PALETTE[Math.max(0, groups.indexOf(g)) % PALETTE.length];
	const dots = points
		.map(
			(p) =>
				`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3" fill="${color(p.group)}" fill-opacity="0.65"/>`,
		)
		.join('');
	const legend = groups
		.map(
			(g, i) =>
				`<circle cx="${width - legendW + 10}" cy="${20 + i * 20}" r="5" fill="${color(g)}"/><text x="${width - legendW + 20}" y="${24 + i * 20}" class="small">${esc(groupLabels[g])}</text>`,
		)
		.join('');
	return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="scatter"><rect x="0" y="0" width="${width - legendW}" height="${height}" fill="#f8fafc" rx="6"/>${dots}${legend}</svg>`;
}

/** Donut of shares, e.g. records per source. */
export function donutChart(slices: Bar[], options: { size?: number } = {}): string {
	const size = options.size ?? 180;
	const r = size / 2 - 12;
	const c = size / 2;
	const total = slices.reduce((s, b) => s + b.value, 0) || 1;
	let angle = -Math.PI / 2;
	const arcs = slices
		.map((s, i) => {
			const frac = s.value / total;
			const a2 = angle + frac * 2 * Math.PI;
			const large = frac > 0.5 ? 1 : 0;
			const p = (a: number) => `${(c + r * Math.cos(a)).toFixed(2)} ${(c + r * Math.sin(a)).toFixed(2)}`;
			const d = frac >= 0.9999 ? `M ${c} ${c - r} A ${r} ${r} 0 1 1 ${c - 0.01} ${c - r}` : `M ${p(angle)} A ${r} ${r} 0 ${large} 1 ${p(a2)}`;
			angle = a2;
			return `<path d="${d}" fill="none" stroke="${s.color ?? PALETTE[i % PALETTE.length]}" stroke-width="22"/>`;
		})
		.join('');
	return `<svg viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="donut">${arcs}</svg>`;
}
