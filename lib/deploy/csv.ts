/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF; a field holding a comma,
 * a double quote, a line break or leading / trailing spaces is wrapped in double quotes, with its
 * double quotes doubled. Every record has as many fields as the header.
 */

export type CsvCell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field, quoted when it must be. `null` and `undefined` are empty fields. */
export function csvField(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number' && !Number.isFinite(value)) {
		throw new Error(`Cannot write ${value} to a CSV file: numbers must be finite`);
	}
	const text = String(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV document from a header and rows keyed by header names. A row key that is not in the
 * header is an error (it would be silently dropped otherwise).
 */
export function writeCsv(header: readonly string[], rows: ReadonlyArray<Readonly<Record<string, CsvCell>>>): string {
	if (header.length === 0) throw new Error('A CSV file needs at least one column');
	if (new Set(header).size !== header.length) throw new Error('CSV header has a repeated column name');
	const known = new Set(header);
	const lines = [header.map(csvField).join(',')];
	rows.forEach((row, index) => {
		for (const key of Object.keys(row)) {
			if (!known.has(key)) throw new Error(`CSV row ${index + 1} has a value for "${key}", which is not a column of this file`);
		}
		lines.push(header.map((column) => csvField(row[column])).join(','));
	});
	return `${lines.join('\r\n')}\r\n`;
}
