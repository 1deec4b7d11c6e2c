import { randomBytes } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { mapJourneys } from '../../../lib/journey';
import type { CustomMapping, JourneyOptions, JourneySource, StageRule } from '../../../lib/journey/types';
import { toNodeError } from '../../shared/errors';
import { errorMessage, parseJsonParameter, splitList } from '../../shared/params';
import { ICON } from '../../shared/versioned';
import { journeyMapperProperties } from './properties';

const MIN_SECRET_LENGTH = 16;

export class JourneyMapperV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Journey Mapper',
		name: 'journeyMapper',
		icon: ICON,
		group: ['transform'],
		version: 1,
		subtitle: '={{"from " + $parameter["source"]}}',
		description:
			'Joins CRM, analytics, email, ad and order records into one journey per customer, plus a journey map: funnel, paths, attribution and pain points',
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
				displayOptions: { show: { pseudonymize: [true] } },
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
		const items = this.getInputData();
		try {
			const options = await readOptions(this);
			const records = items.map((item) => item.json);
			const result = mapJourneys(records, options);
			const allInputs = items.map((_, item) => ({ item }));
			const journeys: INodeExecutionData[] = result.journeys.map((journey, i) => ({
				json: journey as unknown as IDataObject,
				pairedItem: (result.journeyRecords?.[i] ?? []).map((item) => ({ item })),
			}));
			const map: INodeExecutionData[] = [
				{ json: result.journeyMap as unknown as IDataObject, pairedItem: allInputs },
			];
			const rejected: INodeExecutionData[] = result.rejected.map((r) => ({
				json: r as unknown as IDataObject,
				pairedItem: { item: r.index },
			}));
			return [journeys, map, rejected];
		} catch (error) {
			if (this.continueOnFail()) {
				return [[{ json: { error: errorMessage(error) }, pairedItem: items.map((_, item) => ({ item })) }], [], []];
			}
			throw toNodeError(this.getNode(), error);
		}
	}
}

/** Parameters are read once for the whole input: the node summarises all items together. */
async function readOptions(ctx: IExecuteFunctions): Promise<JourneyOptions> {
	const source = ctx.getNodeParameter('source', 0) as JourneySource;
	const pseudonymize = ctx.getNodeParameter('pseudonymize', 0) as boolean;
	const dropWithoutConsent = ctx.getNodeParameter('dropWithoutConsent', 0) as boolean;
	const o = ctx.getNodeParameter('options', 0, {}) as IDataObject;

	let mapping: CustomMapping | undefined;
	if (source === 'custom') {
		const m = ctx.getNodeParameter('mapping', 0, {}) as IDataObject;
		mapping = {
			customerId: String(m.customerId ?? ''),
			timestamp: String(m.timestamp ?? ''),
			event: (m.event as string) || undefined,
			channel: (m.channel as string) || undefined,
			value: (m.value as string) || undefined,
			campaign: (m.campaign as string) || undefined,
			email: (m.email as string) || undefined,
			consent: (m.consent as string) || undefined,
			attributes: splitList(m.attributes),
		};
	}

	let secret: string | undefined;
	if (pseudonymize) secret = await pseudonymSecret(ctx);

	return {
		source,
		mapping,
		pseudonymize,
		secret,
		dropWithoutConsent,
		requireConsent: o.requireConsent as boolean | undefined,
		conversionWindowDays: o.conversionWindowDays as number | undefined,
		conversionEvents: splitList(o.conversionEvents),
		funnelSteps: splitList(o.funnelSteps),
		stageRules: parseJsonParameter<StageRule[]>(ctx, 'Stage Rules', o.stageRules),
		markovOrder: o.markovOrder === undefined ? undefined : Number(o.markovOrder),
		topPaths: o.topPaths as number | undefined,
		halfLifeDays: o.halfLifeDays as number | undefined,
		referenceDate: o.referenceDate ? new Date(o.referenceDate as string).toISOString() : undefined,
		stalledAfterDays: o.stalledAfterDays as number | undefined,
		includeRejectedRecords: o.includeRejectedRecords as boolean | undefined,
	};
}

/**
 * The pseudonymization secret: from the Journey Ads Privacy credential when one is selected (n8n
 * stores it encrypted), otherwise a random secret kept in this workflow's static data so pseudonyms
 * stay the same across the workflow's production runs.
 */
async function pseudonymSecret(ctx: IExecuteFunctions): Promise<string> {
	if (ctx.getNode().credentials?.journeyAdsPrivacyApi) {
		const credential: ICredentialDataDecryptedObject = await ctx.getCredentials('journeyAdsPrivacyApi');
		const secret = String(credential.secret ?? '');
		if (secret.length < MIN_SECRET_LENGTH) {
			throw new NodeOperationError(ctx.getNode(), 'The Journey Ads Privacy secret is too short', {
				description: `Use at least ${MIN_SECRET_LENGTH} random characters in the credential.`,
			});
		}
		return secret;
	}
	const staticData = ctx.getWorkflowStaticData('node');
	if (typeof staticData.pseudonymSecret !== 'string') {
		staticData.pseudonymSecret = randomBytes(32).toString('hex');
	}
	return staticData.pseudonymSecret as string;
}
