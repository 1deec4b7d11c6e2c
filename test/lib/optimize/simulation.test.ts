import { simulateCampaign } from './simulation';

// Three arms converting 1.0%, 1.0% and 1.3% of impressions; 9,000 impressions a day.
const BEST = [0.01, 0.01, 0.013];
const BEST_SEEDS = [1, 2, 3, 4, 5];
const NULL_SEEDS = Array.from({ length: 40 }, (_, i) => 101 + i);

describe('a simulated campaign with a known best variant', () => {
	const runs = BEST_SEEDS.map((seed) => simulateCampaign(BEST, seed, 50, 9000));

	it('declares the best variant the winner within 50 rounds, in every seed', () => {
		for (const r of runs) {
			expect(r.winner).toBe(r.adIds[2]);
			expect(r.winnerRound).not.toBeNull();
			expect(r.winnerRound!).toBeLessThanOrEqual(50);
		}
	});

	it('grows the best variant’s budget share from the even split', () => {
		for (const r of runs) {
			const shareOfBest = r.shares.map((s) => s[2]);
			expect(shareOfBest[0]).toBeCloseTo(1 / 3, 12);
			const first = shareOfBest.slice(0, 10).reduce((a, b) => a + b, 0) / 10;
			const last = shareOfBest.slice(-10).reduce((a, b) => a + b, 0) / 10;
			expect(last).toBeGreaterThan(first);
			expect(shareOfBest[shareOfBest.length - 1]).toBeGreaterThan(0.9);
			// the floor keeps every arm alive
			for (const s of r.shares) for (const x of s) expect(x).toBeGreaterThanOrEqual(0.01 - 1e-12);
		}
	});

	it('loses fewer conversions than an even split would', () => {
		for (const r of runs) expect(r.regret).toBeLessThan(r.evenRegret);
	});
});

describe('a simulated campaign where every variant is the same', () => {
	it('declares no winner in at least 95% of seeds, though it looks every day for 25 days', () => {
		const winners = NULL_SEEDS.map((seed) => simulateCampaign([0.01, 0.01, 0.01], seed, 25, 9000)).filter((r) => r.winnerRound !== null).length;
		expect(winners / NULL_SEEDS.length).toBeLessThanOrEqual(0.05);
	});
});
