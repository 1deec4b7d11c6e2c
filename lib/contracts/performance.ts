import { z } from 'zod';

/** Ad platforms the package deploys to or reads performance from. */
export const AD_PLATFORMS = ['google_ads', 'meta', 'linkedin', 'microsoft_ads'] as const;
export const AdPlatform = z.enum(AD_PLATFORMS);
export type AdPlatform = z.infer<typeof AdPlatform>;

/** Calendar day as `YYYY-MM-DD` (the account's time zone, as the platforms report it). */
export const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD');

const Count = z.number().int().min(0);
const Amount = z.number().finite().min(0);

/**
 * Performance of one ad on one day (Ad Deployer's Performance → Get output, Ad Optimizer input).
 * Money is in major units of `currency` (Google's cost_micros / 1e6; Meta's spend as reported).
 * `adId` is our ad id when the row could be joined (UTM content or stored remote ids), else null.
 */
export const PerformanceRow = z
	.object({
		kind: z.literal('performanceRow'),
		adId: z.string().min(1).nullable(),
		platform: z.string().min(1),
		remoteAdId: z.string().optional(),
		campaignId: z.string().optional(),
		adGroupId: z.string().optional(),
		date: IsoDay,
		impressions: Count,
		clicks: Count,
		/** Platforms may report fractional (attributed) conversions. */
		conversions: Amount,
		cost: Amount,
		revenue: Amount,
		currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
	})
	.passthrough();
export type PerformanceRow = z.infer<typeof PerformanceRow>;
