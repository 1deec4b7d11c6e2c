import type { AdVariant } from '../../../lib/contracts';
import type { OptimizeOptions } from '../../../lib/optimize';
import { optimize } from '../../../lib/optimize';
import { Rng } from '../../../lib/util/rng';
import { variant } from './fixtures';

export interface CampaignRun {
	/** First round (1-based) at which a winner was declared, or null. */
	winnerRound: number | null;
	winner: string | null;
	/** Share of each arm's budget, per round (the split used for that round's delivery). */
	shares: number[][];
	/** Expected conversions lost against always showing the best arm. */
	regret: number;
	/** The same for an even split over the same rounds. */
	evenRegret: number;
	adIds: string[];
}

const CTR = 0.05;

function binomial(rng: Rng, n: number, p: number): number {
	let k = 0;
	for (let i = 0; i < n; i++) if (rng.next() < p) k++;
	return k;
}

/**
 * A campaign of one test: each round (a day) delivers `daily` impressions split by the optimizer's
 * last budget split; clicks and conversions are drawn from the arms' true rates (conversions per
 * impression); the optimizer then reads every row so far and decides again.
 */
export function simulateCampaign(trueRates: readonly number[], seed: number, rounds: number, daily: number, options: OptimizeOptions = {}): CampaignRun {
	const rng = new Rng(`campaign|${seed}`);
	const labels = trueRates.map((_, i) => String.fromCharCode(65 + i));
	const base: AdVariant[] = labels.map((g) => variant(g));
	const best = Math.max(...trueRates);
	const meanRate = trueRates.reduce((s, x) => s + x, 0) / trueRates.length;
	let shares = trueRates.map(() => 1 / trueRates.length);
	const rows: object[] = [];
	const history: number[][] = [];
	let regret = 0;
	let winnerRound: number | null = null;
	let winner: string | null = null;
	for (let round = 1; round <= rounds; round++) {
		history.push(shares);
		const date = new Date(Date.UTC(2026, 0, round)).toISOString().slice(0, 10);
		base.forEach((v, k) => {
			const impressions = Math.round(daily * shares[k]);
			const clicks = binomial(rng, impressions, CTR);
			const conversions = binomial(rng, clicks, trueRates[k] / CTR);
			regret += impressions * (best - trueRates[k]);
			rows.push({ kind: 'performanceRow', adId: v.adId, platform: 'google_ads', date, impressions, clicks, conversions, cost: impressions * 0.005, revenue: conversions * 40, currency: 'USD' });
		});
		// the split actually delivered so far is the plan the sample-ratio check compares with
		const delivered = base.map((v) => rows.filter((r) => (r as { adId: string }).adId === v.adId).reduce((s, r) => s + (r as { impressions: number }).impressions, 0));
		const total = delivered.reduce((s, x) => s + x, 0);
		const variants = base.map((v, k) => ({ ...v, plannedShare: Math.max(delivered[k], 1) / total }));
		const result = optimize({ variants, rows }, { seed: seed * 1000 + round, draws: 1000, ...options });
		const byAd = new Map(result.decisions.map((d) => [d.adId, d]));
		if (winnerRound === null) {
			const scaled = result.decisions.find((d) => d.decision === 'scale');
			if (scaled) {
				winnerRound = round;
				winner = scaled.adId;
			}
		}
		shares = base.map((v) => byAd.get(v.adId)!.budget.shareInTest);
	}
	return { winnerRound, winner, shares: history, regret, evenRegret: rounds * daily * (best - meanRate), adIds: base.map((v) => v.adId) };
}
