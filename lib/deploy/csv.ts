/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF; a field holding a comma,
 * a double quote, a line break or leading / trailing spaces is wrapped in double quotes, with its
 * double quotes doubled. Every record has as many fields as the header.
 */

import { startsLikeFormula } from '../util/spreadsheet';

export type CsvCell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
export { startsLikeFormula };

function formulaRefusal(text: string): string {
	const first = JSON.stringify(text[0]).slice(1, -1);
	return `Cannot write "${text.slice(0, 40)}" to a CSV file: it starts with "${first}", which spreadsheet programs run as a formula; reword it`;
}

/**
 * One field, quoted when it must be. `null` and `undefined` are empty fields. Text that a
 * spreadsheet would run as a formula is refused: escaping it with a quote would change what the
 * ad platform imports, so the text itself must change.
 */
export function csvField(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number' && !Number.isFinite(value)) {
		throw new Error(`Cannot write ${value} to a CSV file: numbers must be finite`);
	}
	const text = String(value);
	if (typeof value === 'string' && startsLikeFormula(text)) throw new Error(formulaRefusal(text));
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
		for (const column of header) {
			const value = row[column];
			if (typeof value === 'string' && startsLikeFormula(value)) {
				throw new Error(`CSV row ${index + 1}, column "${column}": ${formulaRefusal(value)}`);
			}
		}
		lines.push(header.map((column) => csvField(row[column])).join(','));
	});
	return `${lines.join('\r\n')}\r\n`;
}
