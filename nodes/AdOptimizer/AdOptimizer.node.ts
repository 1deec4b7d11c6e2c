import { VersionedNodeType } from 'n8n-workflow';

import { baseDescriptionOf } from '../shared/versioned';
import { AdOptimizerV1 } from './v1/AdOptimizerV1.node';

export class AdOptimizer extends VersionedNodeType {
	constructor() {
		const v1 = new AdOptimizerV1();
		super({ 1: v1 }, baseDescriptionOf(v1));
	}
}
