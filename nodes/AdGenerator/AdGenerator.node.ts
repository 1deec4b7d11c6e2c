import { VersionedNodeType } from 'n8n-workflow';

import { baseDescriptionOf } from '../shared/versioned';
import { AdGeneratorV1 } from './v1/AdGeneratorV1.node';

export class AdGenerator extends VersionedNodeType {
	constructor() {
		const v1 = new AdGeneratorV1();
		super({ 1: v1 }, baseDescriptionOf(v1));
	}
}
