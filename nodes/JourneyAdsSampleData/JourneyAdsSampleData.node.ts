import { VersionedNodeType } from 'n8n-workflow';

import { baseDescriptionOf } from '../shared/versioned';
import { JourneyAdsSampleDataV1 } from './v1/JourneyAdsSampleDataV1.node';

export class JourneyAdsSampleData extends VersionedNodeType {
	constructor() {
		const v1 = new JourneyAdsSampleDataV1();
		super({ 1: v1 }, baseDescriptionOf(v1));
	}
}
