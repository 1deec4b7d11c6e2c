import type { AdGoal } from '../brief';

/** The five ways an ad can make its case. */
export const ANGLES = ['benefit', 'pain', 'social_proof', 'urgency', 'objection'] as const;
export type Angle = (typeof ANGLES)[number];

/** Angle priority per goal (first = most fitting); angles the persona cannot back are skipped. */
export const ANGLE_ORDER: Readonly<Record<AdGoal, readonly Angle[]>> = {
	awareness: ['benefit', 'social_proof', 'pain', 'objection', 'urgency'],
	traffic: ['benefit', 'pain', 'social_proof', 'objection', 'urgency'],
	leads: ['pain', 'benefit', 'objection', 'social_proof', 'urgency'],
	sales: ['benefit', 'urgency', 'objection', 'social_proof', 'pain'],
	winBack: ['urgency', 'objection', 'benefit', 'pain', 'social_proof'],
};
