import { VersionedNodeType } from 'n8n-workflow';

import { baseDescriptionOf } from '../shared/versioned';
import { PersonaBuilderV1 } from './v1/PersonaBuilderV1.node';

export class PersonaBuilder extends VersionedNodeType {
	constructor() {
		const v1 = new PersonaBuilderV1();
		super({ 1: v1 }, baseDescriptionOf(v1));
	}
}
