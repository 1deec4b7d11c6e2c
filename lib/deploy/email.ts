/**
 * Ready-to-send e-mail items from email ad variants. Field names follow the parameters of n8n's
 * own mail nodes, so each one is mapped with a plain expression (`{{ $json.subject }}`):
 * Send Email (Subject, Text, HTML with Email Format "Both"), Gmail (Subject, Message with Email
 * Type "HTML" = `html`), HubSpot engagement e-mail metadata (Subject, HTML) and Mailchimp's
 * campaign API through an HTTP Request node (`settings.subject_line` = subject,
 * `settings.preview_text` = preheader, content `html` / `plain_text`).
 *
 * The HTML is a single-column table layout with inline styles (what mail clients render
 * reliably), the preheader as hidden preview text at the top, the body's paragraphs escaped, and
 * the call to action as a button to the UTM-tagged landing page. Nothing is personalised: an item
 * is the same for every recipient of its segment, so no customer data is in it.
 */
import type { AdVariant } from '../contracts/adVariant';
import { escapeHtml } from '../util/html';
import { CHANNEL_FORMATS } from '../ads/registry';
import { withUtm } from '../ads/ids';

export interface PreparedEmail {
	kind: 'preparedEmail';
	adId: string;
	segmentId: string;
	personaId: string;
	variantGroup: string;
	/** The deterministic name (campaign or automation name in the mail tool). */
	name: string;
	subject: string;
	preheader: string;
	text: string;
	html: string;
	cta: { label: string; url: string };
	utm: { source: string; medium: string; campaign: string; content: string };
}

export interface EmailOptions {
	/** Shown in the footer, e.g. the brand; empty leaves the footer out. */
	senderName?: string;
	/** A footer line such as the unsubscribe text your mail tool fills in. */
	footer?: string;
	/** `lang` attribute of the document. */
	language?: string;
}

function text(ad: AdVariant, key: string): string {
	const v = ad.fields[key];
	if (typeof v !== 'string' || v.trim().length === 0) {
		throw new Error(`Email ad ${ad.adId} has no ${key}: fields.${key} must be a non-empty text`);
	}
	return v;
}

/** The landing page with utm_content = the ad id (and the email source/medium when missing). */
function utmLink(ad: AdVariant): { url: string; utm: PreparedEmail['utm'] } {
	if (!URL.canParse(ad.finalUrl)) throw new Error(`Email ad ${ad.adId} has a final URL that is not a URL: "${ad.finalUrl}"`);
	const q = new URL(ad.finalUrl).searchParams;
	const utm = {
		source: q.get('utm_source') || CHANNEL_FORMATS.email.utmSource,
		medium: q.get('utm_medium') || CHANNEL_FORMATS.email.utmMedium,
		campaign: q.get('utm_campaign') || `journey-ads-${ad.segmentId}`,
		content: ad.adId,
	};
	return { url: withUtm(ad.finalUrl, utm), utm };
}

function paragraphs(body: string): string[] {
	return body
		.split(/\r?\n\s*\r?\n/)
		.map((p) => p.trim())
		.filter(Boolean);
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;';

function htmlBody(subject: string, preheader: string, body: string, cta: { label: string; url: string }, o: EmailOptions): string {
	const paras = paragraphs(body)
		.map((p) => `<p style="${FONT}font-size:16px;line-height:24px;color:#202124;margin:0 0 16px;">${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`)
		.join('\n');
	const button = `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;"><tr><td style="border-radius:6px;background:#1a73e8;"><a href="${escapeHtml(cta.url)}" style="${FONT}display:inline-block;padding:12px 24px;font-size:16px;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(cta.label)}</a></td></tr></table>`;
	const footer = [o.senderName, o.footer].filter((s): s is string => Boolean(s && s.trim()));
	const footerHtml = footer.length
		? `<p style="${FONT}font-size:12px;line-height:18px;color:#5f6368;margin:24px 0 0;">${footer.map(escapeHtml).join('<br>')}</p>`
		: '';
	return `<!doctype html>
<html lang="${escapeHtml(o.language || 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f3f4;">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;color:transparent;">${escapeHtml(preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f1f3f4;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;"><tr><td style="padding:32px;">
${paras}
${button}
${footerHtml}
</td></tr></table>
</td></tr></table>
</body></html>
`;
}

/** A ready-to-send e-mail item for one email ad variant (same for every recipient of its segment). */
export function prepareEmail(ad: AdVariant, name: string, options: EmailOptions = {}): PreparedEmail {
	if (ad.channel !== 'email') throw new Error(`Ad ${ad.adId} is a ${ad.channel} ad, not an email ad`);
	const subject = text(ad, 'subject');
	const preheader = text(ad, 'preheader');
	const body = text(ad, 'body');
	if (/[\r\n]/.test(subject)) throw new Error(`Email ad ${ad.adId} has a line break in its subject, which mail headers do not allow`);
	const { url, utm } = utmLink(ad);
	const label = ad.cta.trim() || 'Learn more';
	const cta = { label, url };
	const footer = [options.senderName, options.footer].filter((s): s is string => Boolean(s && s.trim()));
	const plain = `${paragraphs(body).join('\n\n')}\n\n${label}: ${url}\n${footer.length ? `\n${footer.join('\n')}\n` : ''}`;
	return {
		kind: 'preparedEmail',
		adId: ad.adId,
		segmentId: ad.segmentId,
		personaId: ad.personaId,
		variantGroup: ad.variantGroup,
		name,
		subject,
		preheader,
		text: plain,
		html: htmlBody(subject, preheader, body, cta, options),
		cta,
		utm,
	};
}
