import { VersionedNodeType } from 'n8n-workflow';

import { baseDescriptionOf } from '../shared/versioned';
import { JourneyMapperV1 } from './v1/JourneyMapperV1.node';

export class JourneyMapper extends VersionedNodeType {
	constructor() {
		const v1 = new JourneyMapperV1();
		super({ 1: v1 }, baseDescriptionOf(v1));
	}
}
