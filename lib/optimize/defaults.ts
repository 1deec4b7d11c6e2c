/**
 * Defaults of the Ad Optimizer, in one place (the node's parameters import them).
 *
 * Decision thresholds follow GrowthBook's shipped defaults (its `shared/constants`): chance to win
 * 95%, "win" risk 0.25% and "lose" risk 1.25% of the control's mean, minimum sample 150 conversions
 * per arm, target minimum detectable effect 10%, and its sample-ratio-mismatch threshold p < 0.001.
 */
export const OPTIMIZER_DEFAULTS = {
	/** Metric the tests decide on: conversions per impression (CTR × CVR). */
	metric: 'conversionRate' as OptimizeMetric,
	/** Declare a winner at this chance to be best once every arm has the planned sample (see targetLift). */
	decideAt: 0.95,
	/**
	 * Before the planned sample is reached, the chance to be best must reach this instead: a guard
	 * against peeking (a daily schedule looks at the test every day), in the spirit of group-sequential
	 * designs that are strict early. Calibrated by the no-difference campaign simulation in the tests.
	 */
	earlyDecideAt: 0.99,
	/** ...and only while its risk (expected loss relative to the control's mean) is at most this. */
	winRisk: 0.0025,
	/** Pause an arm (no winner yet) whose risk is above this and whose chance to be best is below 1 − decideAt. */
	loseRisk: 0.0125,
	/** No verdict before every arm has this many impressions... */
	minImpressions: 1000,
	/** ...and this many successes of the metric (conversions; clicks for CTR). */
	minConversions: 150,
	/** Sample-ratio-mismatch p-value below which a test is untrustworthy. */
	srmThreshold: 0.001,
	/** Relative lift the sample-size estimate is for. */
	targetLift: 0.1,
	/** Credible level of every interval. */
	credibleLevel: 0.95,
	/** Posterior draws per arm for the comparisons and Thompson sampling. */
	draws: 10000,
	/** Lowest budget share of any arm (and of any segment). */
	budgetFloor: 0.01,
	/** Drift monitoring: the last `recentDays` days compared with the days before them. */
	recentDays: 3,
	/** Drift band: alert when the recent rate's whole credible interval lies beyond ±band of its history. */
	driftBand: 0.3,
	/** History days needed before drift is judged. */
	minHistoryDays: 7,
	/** Delivery skew: alert when a group's share of impressions is below this ratio of its reference share (four-fifths rule). */
	skewRatio: 0.8,
	/** Impressions an audience needs before its delivery is judged. */
	minSkewImpressions: 1000,
	/** What a losing arm becomes once a test has a winner. */
	onLoser: 'regenerate' as 'regenerate' | 'pause',
	seed: 42,
} as const;

export type OptimizeMetric = 'conversionRate' | 'ctr' | 'revenuePerImpression';

/**
 * Manual effort the pipeline's output would take a person, per unit, and the hourly cost. Hours are
 * this package's planning assumptions (no published standard exists; edit them to your team's own
 * figures). The hourly rate is about the U.S. Bureau of Labor Statistics' May 2023 median pay of
 * market research analysts ($35.90/h) and writers ($35.43/h), Occupational Outlook Handbook.
 */
export const MANUAL_EFFORT_DEFAULTS = {
	/** Audience research and persona write-up, per persona. */
	researchHoursPerPersona: 4,
	/** Writing one ad variant (all its fields, to the platform's limits). */
	copyHoursPerVariant: 0.5,
	/** Creative brief and image direction, per variant. */
	briefHoursPerVariant: 0.25,
	/** Setting up one A/B test (persona × channel): naming, UTM links, splits, tracking. */
	abSetupHoursPerTest: 0.5,
	hourlyRateUsd: 36,
	source:
		'Hours: this package\'s planning assumptions, editable. Rate: U.S. Bureau of Labor Statistics, Occupational Outlook Handbook, May 2023 median pay, market research analysts $35.90/h and writers $35.43/h.',
} as const;
