import { z } from 'zod';

export const DEPLOY_STATUSES = ['created', 'validated', 'exported', 'skipped', 'failed'] as const;
export const DeployStatus = z.enum(DEPLOY_STATUSES);
export type DeployStatus = z.infer<typeof DeployStatus>;

/**
 * Why an ad was not deployed: refused by the approval and verdict gate (`blocked`, `needsReview`,
 * `notApproved`), failed a check before leaving (`invalid`, `pii`), on a channel the operation does
 * not handle (`channel`), refused by the platform (`platform`), or not an ad at all (`input`).
 */
export const DEPLOY_REASONS = ['blocked', 'needsReview', 'notApproved', 'invalid', 'pii', 'channel', 'platform', 'input'] as const;
export const DeployReason = z.enum(DEPLOY_REASONS);
export type DeployReason = z.infer<typeof DeployReason>;

/** The Ad Deployer's result for one ad variant. */
export const DeploymentResult = z
	.object({
		adId: z.string().min(1),
		platform: z.string().min(1),
		status: DeployStatus,
		remoteIds: z.record(z.string()),
		dryRun: z.boolean(),
		/** The failure's message when `status` is `failed`; null otherwise (a skip says why in `message`). */
		error: z.string().nullable(),
		kind: z.literal('deploymentResult').optional(),
		segmentId: z.string().optional(),
		channel: z.string().optional(),
		/** Deterministic names of what was (or would be) created: campaign, ad group / ad set, ad. */
		names: z.object({ campaign: z.string(), adGroup: z.string(), ad: z.string() }).optional(),
		/** Set when the status is skipped or failed. */
		reason: DeployReason.optional(),
		/** What happened, in words a marketer reads. */
		message: z.string().optional(),
		/** The platform's own request id (support tickets need it). */
		requestId: z.string().optional(),
		/** Files the ad was written to (bulk exports). */
		files: z.array(z.string()).optional(),
		/** Things to fix that did not stop the export (e.g. an ad group without keywords). */
		warnings: z.array(z.string()).optional(),
	})
	.passthrough();
export type DeploymentResult = z.infer<typeof DeploymentResult>;
