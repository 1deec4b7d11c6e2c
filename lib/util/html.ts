const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};
const HTML_RE = /[&<>"']/g;

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(HTML_RE, (c) => HTML_ESCAPES[c]);
}
