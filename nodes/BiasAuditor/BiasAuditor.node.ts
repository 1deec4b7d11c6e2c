import { VersionedNodeType } from 'n8n-workflow';

import { baseDescriptionOf } from '../shared/versioned';
import { AdBiasAuditorV1 } from './v1/AdBiasAuditorV1.node';

export class BiasAuditor extends VersionedNodeType {
	constructor() {
		const v1 = new AdBiasAuditorV1();
		super({ 1: v1 }, baseDescriptionOf(v1));
	}
}
