import { VersionedNodeType } from 'n8n-workflow';

import { baseDescriptionOf } from '../shared/versioned';
import { AdDeployerV1 } from './v1/AdDeployerV1.node';

export class AdDeployer extends VersionedNodeType {
	constructor() {
		const v1 = new AdDeployerV1();
		super({ 1: v1 }, baseDescriptionOf(v1));
	}
}
