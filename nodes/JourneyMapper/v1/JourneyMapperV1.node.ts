import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ICON } from '../../shared/versioned';
import { MIN_SECRET_LENGTH } from './actions/common.descriptions';
import { router } from './actions/router';
import { journeyMapperProperties } from './properties';

export class JourneyMapperV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Journey Mapper',
		name: 'journeyMapper',
		icon: ICON,
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["operation"] === "buildSql" ? "Build SQL: " + $parameter["dialect"] : $parameter["operation"] === "fromAggregates" ? "From Aggregates: " + $parameter["dialect"] : "from " + $parameter["source"] }}',
		description:
			'Joins CRM, analytics, email, ad and order records into one journey per customer, plus a journey map: funnel, paths, attribution and pain points; in n8n or pushed down into a warehouse',
		defaults: { name: 'Journey Mapper' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Journeys', 'Journey Map', 'Rejected'],
		usableAsTool: true,
		credentials: [
			{
				name: 'journeyAdsPrivacyApi',
				required: false,
				testedBy: 'journeyAdsPrivacySecret',
				// Build SQL never needs the secret; From Aggregates only where the SQL did not hash.
				displayOptions: { show: { pseudonymize: [true] }, hide: { operation: ['buildSql'], dialect: ['postgres'] } },
			},
		],
		properties: journeyMapperProperties,
	};

	methods = {
		credentialTest: {
			async journeyAdsPrivacySecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const secret = String(credential.data?.secret ?? '');
				if (secret.length < MIN_SECRET_LENGTH) {
					return {
						status: 'Error',
						message: `The secret has ${secret.length} characters; use at least ${MIN_SECRET_LENGTH} random characters.`,
					};
				}
				return { status: 'OK', message: 'The secret is long enough to pseudonymize customer IDs' };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
