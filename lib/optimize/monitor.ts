/**
 * Continuous monitoring: a variant's CTR or CPA drifting from its own history, and delivery that
 * skews against a protected group (when the platform's breakdown rows give it).
 */
import { isProtectedAttribute, protectedFamilyOf } from '../governance';
import { betaInterval, betaPosterior } from './beta';
import type { NormalizedRow } from './ingest';
import { sumTotals } from './metrics';

export type AlertType = 'ctrDrift' | 'cpaDrift' | 'deliverySkew' | 'sampleRatioMismatch' | 'missingPersona';

/** An alert item: a template routes these to Slack, e-mail or a ticket. */
export interface OptimizerAlert {
	kind: 'optimizerAlert';
	type: AlertType;
	severity: 'warning' | 'critical';
	message: string;
	adId?: string;
	segmentId?: string;
	personaId?: string;
	channel?: string;
	numbers: Record<string, number | string | null>;
}

export interface DriftOptions {
	recentDays: number;
	driftBand: number;
	minHistoryDays: number;
	credibleLevel: number;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/**
 * Drift of one variant: the last `recentDays` days against the days before them. An alert fires when
 * the recent value's whole credible interval lies outside history × (1 ± band): CTR from its Beta
 * posterior, CPA as cost per impression over the conversion-per-impression posterior.
 * @example driftAlerts('ad_1', rows, { recentDays: 3, driftBand: 0.3, minHistoryDays: 7, credibleLevel: 0.95 })
 */
export function driftAlerts(adId: string, rows: readonly NormalizedRow[], o: DriftOptions): OptimizerAlert[] {
	if (!(o.recentDays >= 1 && o.driftBand > 0)) throw new Error('driftAlerts requires recentDays >= 1 and a positive band');
	const days = [...new Set(rows.map((r) => r.date))].sort();
	if (days.length < o.recentDays + o.minHistoryDays) return [];
	const cut = days[days.length - o.recentDays];
	const history = sumTotals(rows.filter((r) => r.date < cut));
	const recent = sumTotals(rows.filter((r) => r.date >= cut));
	const alerts: OptimizerAlert[] = [];
	if (history.impressions > 0 && history.clicks > 0 && recent.impressions > 0) {
		const base = history.clicks / history.impressions;
		const now = betaInterval(betaPosterior(recent.clicks, recent.impressions), o.credibleLevel);
		const lo = base * (1 - o.driftBand);
		const hi = base * (1 + o.driftBand);
		if (now.upper < lo || now.lower > hi) {
			const down = now.upper < lo;
			alerts.push({
				kind: 'optimizerAlert',
				type: 'ctrDrift',
				severity: down ? 'critical' : 'warning',
				adId,
				message: `CTR of ${adId} ${down ? 'fell' : 'rose'} to ${pct(now.mean)} over the last ${o.recentDays} days, outside ±${Math.round(o.driftBand * 100)}% of its history (${pct(base)}); credible interval ${pct(now.lower)}–${pct(now.upper)}`,
				numbers: { historyCtr: base, recentCtr: now.mean, recentLower: now.lower, recentUpper: now.upper, band: o.driftBand, since: cut },
			});
		}
	}
	if (history.conversions > 0 && history.cost > 0 && recent.cost > 0 && recent.impressions > 0) {
		const base = history.cost / history.conversions;
		const conv = betaInterval(betaPosterior(recent.conversions, recent.impressions), o.credibleLevel);
		const cpi = recent.cost / recent.impressions;
		const cpaLower = cpi / conv.upper;
		const cpaUpper = conv.lower > 0 ? cpi / conv.lower : Infinity;
		const lo = base * (1 - o.driftBand);
		const hi = base * (1 + o.driftBand);
		if (cpaLower > hi || cpaUpper < lo) {
			const worse = cpaLower > hi;
			alerts.push({
				kind: 'optimizerAlert',
				type: 'cpaDrift',
				severity: worse ? 'critical' : 'warning',
				adId,
				message: `CPA of ${adId} ${worse ? 'rose' : 'fell'} over the last ${o.recentDays} days to ${recent.conversions > 0 ? (recent.cost / recent.conversions).toFixed(2) : 'no conversions'}, outside ±${Math.round(o.driftBand * 100)}% of its history (${base.toFixed(2)}); credible interval ${cpaLower.toFixed(2)}–${Number.isFinite(cpaUpper) ? cpaUpper.toFixed(2) : '∞'}`,
				numbers: { historyCpa: base, recentCpa: recent.conversions > 0 ? recent.cost / recent.conversions : null, recentLower: cpaLower, recentUpper: Number.isFinite(cpaUpper) ? cpaUpper : null, band: o.driftBand, since: cut },
			});
		}
	}
	return alerts;
}

export interface SkewOptions {
	/** Extra attribute names to treat as protected (besides the governance list of protected families). */
	protectedAttributes?: readonly string[];
	/** Reference share per attribute and value (e.g. the audience's census composition). Default: the share over all audiences' delivery. */
	referenceShares?: Record<string, Record<string, number>>;
	skewRatio: number;
	minSkewImpressions: number;
}

/**
 * Delivery skew per audience (segment) and protected attribute: a group whose share of the audience's
 * impressions is below `skewRatio` (0.8, the four-fifths rule) of its reference share is flagged.
 * @example deliverySkewAlerts(breakdownRows, segmentOf, { skewRatio: 0.8, minSkewImpressions: 1000 })
 */
export function deliverySkewAlerts(
	rows: readonly NormalizedRow[],
	segmentOf: (adId: string) => string | undefined,
	o: SkewOptions,
): OptimizerAlert[] {
	if (!(o.skewRatio > 0 && o.skewRatio <= 1)) throw new Error('deliverySkewAlerts requires 0 < skewRatio <= 1');
	const extra = new Set((o.protectedAttributes ?? []).map((a) => a.toLowerCase()));
	const isProtected = (name: string) => extra.has(name.toLowerCase()) || isProtectedAttribute(name);
	// attribute -> segment -> value -> impressions
	const table = new Map<string, Map<string, Map<string, number>>>();
	for (const r of rows) {
		if (!r.breakdown) continue;
		const segment = segmentOf(r.adId);
		if (segment === undefined) continue;
		for (const [attr, value] of Object.entries(r.breakdown)) {
			if (!isProtected(attr)) continue;
			const bySeg = table.get(attr) ?? new Map<string, Map<string, number>>();
			const byVal = bySeg.get(segment) ?? new Map<string, number>();
			byVal.set(value, (byVal.get(value) ?? 0) + r.impressions);
			bySeg.set(segment, byVal);
			table.set(attr, bySeg);
		}
	}
	const alerts: OptimizerAlert[] = [];
	for (const [attr, bySeg] of [...table.entries()].sort()) {
		const overall = new Map<string, number>();
		let overallTotal = 0;
		for (const byVal of bySeg.values()) for (const [v, n] of byVal) {
			overall.set(v, (overall.get(v) ?? 0) + n);
			overallTotal += n;
		}
		const reference = o.referenceShares?.[attr];
		for (const [segment, byVal] of [...bySeg.entries()].sort()) {
			const total = [...byVal.values()].reduce((s, n) => s + n, 0);
			if (total < o.minSkewImpressions) continue;
			const values = new Set([...overall.keys(), ...Object.keys(reference ?? {})]);
			for (const value of [...values].sort()) {
				const ref = reference ? reference[value] : (overall.get(value) ?? 0) / overallTotal;
				if (!(ref > 0)) continue;
				const share = (byVal.get(value) ?? 0) / total;
				const ratio = share / ref;
				if (ratio < o.skewRatio) {
					alerts.push({
						kind: 'optimizerAlert',
						type: 'deliverySkew',
						severity: 'critical',
						segmentId: segment,
						message: `Delivery of segment ${segment} skews against ${attr} = ${value}: ${pct(share)} of its impressions against a reference of ${pct(ref)} (ratio ${ratio.toFixed(2)} < ${o.skewRatio}); review the targeting and the platform's delivery optimisation`,
						numbers: { attribute: attr, family: protectedFamilyOf(attr)?.family ?? 'named by you', value, share, reference: ref, ratio, impressions: total, threshold: o.skewRatio },
					});
				}
			}
		}
	}
	return alerts;
}
