import { z } from 'zod';

/** ISO 8601 timestamp as produced by `Date.prototype.toISOString`. */
export const IsoDate = z
	.string()
	.refine((s) => !Number.isNaN(Date.parse(s)), { message: 'is not an ISO 8601 date' });

export const Share = z.number().min(0).max(1);

export const FiniteNumber = z.number().finite();

/** Scalar attribute value carried on journeys and customer rows (never PII). */
export const AttributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Where an artifact came from: enough to reproduce or audit it. */
export const Provenance = z
	.object({
		node: z.string(),
		version: z.string(),
		generator: z.string().optional(),
		model: z.string().optional(),
		promptHash: z.string().optional(),
		ruleVersion: z.string().optional(),
		inputs: z.record(z.union([z.string(), z.number()])).optional(),
		createdAt: IsoDate.optional(),
	})
	.passthrough();
export type Provenance = z.infer<typeof Provenance>;
