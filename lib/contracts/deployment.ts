import { z } from 'zod';

export const DEPLOY_STATUSES = ['created', 'validated', 'exported', 'skipped', 'failed'] as const;

/** The Ad Deployer's result for one ad variant. */
export const DeploymentResult = z
	.object({
		adId: z.string().min(1),
		platform: z.string().min(1),
		status: z.enum(DEPLOY_STATUSES),
		remoteIds: z.record(z.string()),
		dryRun: z.boolean(),
		error: z.string().nullable(),
	})
	.passthrough();
export type DeploymentResult = z.infer<typeof DeploymentResult>;
