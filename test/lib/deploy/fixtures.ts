import type { AdChannel, AdVariant } from '../../../lib/contracts';
import { deploymentNames, type ExportAd } from '../../../lib/deploy';

/** A small, valid ad variant; `fields` and anything else can be overridden. */
export function ad(overrides: Partial<AdVariant> & { channel?: AdChannel } = {}): AdVariant {
	const channel = overrides.channel ?? 'google_search';
	const adId = overrides.adId ?? `ad_${channel}_1`;
	const fields: AdVariant['fields'] =
		channel === 'meta_feed'
			? { primaryText: 'Handmade oak shelves, finished by hand.', headline: 'Oak Shelves', description: 'Free delivery' }
			: channel === 'email'
				? { subject: 'Your shelves, made to last', preheader: 'Handmade oak shelves, finished by hand in our workshop.', body: 'Hi there,\n\nOur oak shelves are finished by hand.\n\nThe Juniper & Oak team' }
				: { headlines: ['Oak Shelves', 'Handmade in Oak', 'Order Online Today'], descriptions: ['Shelves finished by hand.', 'Free delivery over $50.'], path1: 'Shelves', path2: 'Oak' };
	return {
		kind: 'adVariant',
		adId,
		personaId: 'p_1',
		segmentId: 'seg-1',
		channel,
		format: channel === 'meta_feed' ? 'feed_single_image' : channel === 'email' ? 'email' : 'responsive_search_ad',
		fields,
		cta: channel === 'meta_feed' ? 'SHOP_NOW' : channel === 'email' ? 'Shop now' : '',
		finalUrl: `https://juniper-oak.example/shop?ref=nav&utm_source=x&utm_medium=y&utm_campaign=spring&utm_content=${adId}`,
		creativeBrief: 'brief',
		imagePrompt: '',
		angle: 'benefit',
		variantGroup: 'A',
		generator: 'test',
		promptHash: 'h',
		createdAt: '2026-01-01T00:00:00.000Z',
		validation: { ok: true, issues: [] },
		...overrides,
	} as AdVariant;
}

export function exportAd(a: AdVariant, keywords: string[] = []): ExportAd {
	return { ad: a, names: deploymentNames(a), keywords };
}
