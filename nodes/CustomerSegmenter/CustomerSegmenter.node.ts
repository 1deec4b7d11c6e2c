import { VersionedNodeType } from 'n8n-workflow';

import { baseDescriptionOf } from '../shared/versioned';
import { CustomerSegmenterV1 } from './v1/CustomerSegmenterV1.node';

export class CustomerSegmenter extends VersionedNodeType {
	constructor() {
		const v1 = new CustomerSegmenterV1();
		super({ 1: v1 }, baseDescriptionOf(v1));
	}
}
