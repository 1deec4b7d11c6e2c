import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret behind customer pseudonyms. Kept as a credential so n8n stores it encrypted; the same
 * secret maps the same customer to the same pseudonym across runs and workflows, and without it a
 * pseudonym cannot be traced back. Checked by the Journey Mapper's credential test.
 */
// The credential is tested by the Journey Mapper's `journeyAdsPrivacySecret` credentialTest method
// (`testedBy`). The lint looks for `testedBy` only in the files package.json lists, which for a
// versioned node are the wrappers, not the version classes that declare credentials; the package
// test checks the link with n8n's own loader instead.
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class JourneyAdsPrivacyApi implements ICredentialType {
	name = 'journeyAdsPrivacyApi';

	displayName = 'Journey Ads Privacy API';

	icon = { light: 'file:../icons/journeyAds.svg', dark: 'file:../icons/journeyAds.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-journey-ads#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Pseudonymization Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long random string (at least 16 characters). Customer IDs are replaced by a keyed hash of this secret. Changing it changes every pseudonym.',
		},
	];
}
