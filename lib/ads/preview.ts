/**
 * HTML previews of ads as each platform shows them: pure functions, HTML-escaped, inline styles
 * only, no network and no images (a placeholder box carries the image prompt).
 */
import type { AdChannel } from '../contracts/adVariant';
import { capitalise } from '../util/format';
import { escapeHtml } from '../util/html';
import { expandDki } from './measure';
import type { AdFields } from './registry';

/** What a preview needs from an ad (an AdVariant fits). */
export interface PreviewAd {
	channel: AdChannel;
	fields: AdFields;
	cta?: string;
	finalUrl: string;
	imagePrompt?: string;
	variantGroup?: string;
	angle?: string;
}

export interface PreviewOptions {
	/** Name shown as the advertiser (defaults to the URL's host). */
	advertiser?: string;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const CARD = `${FONT}border:1px solid #dadce0;border-radius:8px;padding:12px;max-width:520px;background:#fff;color:#202124;margin:8px 0;`;

function text(fields: AdFields, key: string): string {
	const v = fields[key];
	return typeof v === 'string' ? v : '';
}

function list(fields: AdFields, key: string): string[] {
	const v = fields[key];
	return Array.isArray(v) ? v : typeof v === 'string' && v.length > 0 ? [v] : [];
}

function host(url: string): string {
	const m = /^https?:\/\/([^/?#]+)/i.exec(url);
	return (m ? m[1] : url).replace(/^www\./i, '');
}

function e(s: string): string {
	return escapeHtml(s);
}

function multiline(s: string): string {
	return e(s).replace(/\n/g, '<br>');
}

function imageBox(prompt: string | undefined, ratio: string): string {
	return (
		`<div style="background:#eef1f4;border:1px dashed #9aa0a6;color:#5f6368;font-size:12px;padding:16px;` +
		`aspect-ratio:${ratio};display:flex;align-items:center;justify-content:center;text-align:center;margin:8px 0;">` +
		`${e(prompt && prompt.length > 0 ? `Image: ${prompt}` : 'Image placeholder')}</div>`
	);
}

function button(label: string): string {
	return label.length === 0
		? ''
		: `<span style="display:inline-block;background:#e4e6eb;border-radius:6px;padding:6px 12px;font-weight:bold;font-size:13px;">${e(label)}</span>`;
}

/** CTA enum value to the label a platform shows: SHOP_NOW -> "Shop now". */
export function ctaLabel(cta: string | undefined): string {
	if (!cta || cta === 'NO_BUTTON') return '';
	if (!/^[A-Z_]+$/.test(cta)) return cta;
	return capitalise(cta.toLowerCase().split('_').join(' '));
}

/** Google / Microsoft search result: "Sponsored", display URL with paths, headline1 | 2 | 3, description. */
export function renderSearchPreview(ad: PreviewAd, options: PreviewOptions = {}): string {
	const heads = list(ad.fields, 'headlines').slice(0, 3).map(expandDki);
	const descs = list(ad.fields, 'descriptions').slice(0, 2).map(expandDki);
	const paths = [text(ad.fields, 'path1'), text(ad.fields, 'path2')].filter((p) => p.length > 0).map(expandDki);
	const displayUrl = [host(ad.finalUrl), ...paths].join(' › ');
	const label = ad.channel === 'microsoft_search' ? 'Ad' : 'Sponsored';
	return (
		`<div style="${CARD}">` +
		`<div style="font-size:12px;font-weight:bold;">${e(label)}</div>` +
		`<div style="font-size:14px;">${e(options.advertiser ?? host(ad.finalUrl))}</div>` +
		`<div style="font-size:12px;color:#4d5156;">${e(displayUrl)}</div>` +
		`<div style="font-size:20px;color:#1a0dab;line-height:1.3;margin:4px 0;">${heads.map(e).join(' | ')}</div>` +
		`<div style="font-size:14px;color:#4d5156;">${descs.map(e).join(' ')}</div>` +
		'</div>'
	);
}

/** Google responsive display ad, in a common landscape rendering. */
export function renderDisplayPreview(ad: PreviewAd): string {
	const head = list(ad.fields, 'headlines')[0] ?? '';
	return (
		`<div style="${CARD}">` +
		imageBox(ad.imagePrompt, '1.91/1') +
		`<div style="font-size:18px;font-weight:bold;">${e(text(ad.fields, 'longHeadline') || head)}</div>` +
		`<div style="font-size:14px;color:#4d5156;margin:4px 0;">${e(list(ad.fields, 'descriptions')[0] ?? '')}</div>` +
		`<div style="display:flex;justify-content:space-between;align-items:center;font-size:12px;">` +
		`<span>${e(text(ad.fields, 'businessName'))}</span>${button(ctaLabel(ad.cta))}</div>` +
		'</div>'
	);
}

/** Meta feed card: page name, "Sponsored", primary text, image, link bar with headline and CTA. */
export function renderMetaPreview(ad: PreviewAd, options: PreviewOptions = {}): string {
	return (
		`<div style="${CARD}">` +
		`<div style="font-weight:bold;font-size:14px;">${e(options.advertiser ?? host(ad.finalUrl))}</div>` +
		'<div style="font-size:12px;color:#65676b;">Sponsored</div>' +
		`<div style="font-size:14px;margin:8px 0;">${multiline(text(ad.fields, 'primaryText'))}</div>` +
		imageBox(ad.imagePrompt, '1/1') +
		'<div style="display:flex;justify-content:space-between;align-items:center;background:#f0f2f5;padding:8px;">' +
		`<div><div style="font-size:12px;color:#65676b;text-transform:uppercase;">${e(host(ad.finalUrl))}</div>` +
		`<div style="font-weight:bold;font-size:15px;">${e(text(ad.fields, 'headline'))}</div>` +
		`<div style="font-size:13px;color:#65676b;">${e(text(ad.fields, 'description'))}</div></div>` +
		`${button(ctaLabel(ad.cta))}</div>` +
		'</div>'
	);
}

/** LinkedIn sponsored content card. */
export function renderLinkedInPreview(ad: PreviewAd, options: PreviewOptions = {}): string {
	return (
		`<div style="${CARD}">` +
		`<div style="font-weight:bold;font-size:14px;">${e(options.advertiser ?? host(ad.finalUrl))}</div>` +
		'<div style="font-size:12px;color:#666;">Promoted</div>' +
		`<div style="font-size:14px;margin:8px 0;">${multiline(text(ad.fields, 'introText'))}</div>` +
		imageBox(ad.imagePrompt, '1.91/1') +
		'<div style="display:flex;justify-content:space-between;align-items:center;padding:8px 0;">' +
		`<div style="font-weight:bold;font-size:14px;">${e(text(ad.fields, 'headline'))}</div>` +
		`${button(ctaLabel(ad.cta))}</div>` +
		'</div>'
	);
}

/** X post: account line, text (links shown as written), image placeholder. */
export function renderXPreview(ad: PreviewAd, options: PreviewOptions = {}): string {
	return (
		`<div style="${CARD}border-radius:16px;">` +
		`<div style="font-weight:bold;font-size:15px;">${e(options.advertiser ?? host(ad.finalUrl))}</div>` +
		`<div style="font-size:15px;margin:6px 0;white-space:pre-wrap;word-break:break-word;">${e(text(ad.fields, 'text'))}</div>` +
		imageBox(ad.imagePrompt, '16/9') +
		'</div>'
	);
}

/** Email: inbox line (sender, subject, preheader) above the opened message. */
export function renderEmailPreview(ad: PreviewAd, options: PreviewOptions = {}): string {
	return (
		`<div style="${CARD}">` +
		'<div style="display:flex;gap:8px;font-size:14px;border-bottom:1px solid #eee;padding-bottom:8px;white-space:nowrap;overflow:hidden;">' +
		`<span style="font-weight:bold;">${e(options.advertiser ?? host(ad.finalUrl))}</span>` +
		`<span style="font-weight:bold;">${e(text(ad.fields, 'subject'))}</span>` +
		`<span style="color:#5f6368;">– ${e(text(ad.fields, 'preheader'))}</span></div>` +
		imageBox(ad.imagePrompt, '2/1') +
		`<div style="font-size:14px;line-height:1.5;">${multiline(text(ad.fields, 'body'))}</div>` +
		`<div style="margin-top:12px;">${button(ad.cta ?? '')}</div>` +
		'</div>'
	);
}

/** Render any ad with its channel's preview. */
export function renderAdPreview(ad: PreviewAd, options: PreviewOptions = {}): string {
	switch (ad.channel) {
		case 'google_search':
		case 'microsoft_search':
			return renderSearchPreview(ad, options);
		case 'google_display':
			return renderDisplayPreview(ad);
		case 'meta_feed':
			return renderMetaPreview(ad, options);
		case 'linkedin':
			return renderLinkedInPreview(ad, options);
		case 'x_post':
			return renderXPreview(ad, options);
		case 'email':
			return renderEmailPreview(ad, options);
		default:
			throw new Error(`No preview for channel "${String(ad.channel)}"`);
	}
}
