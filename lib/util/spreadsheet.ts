/**
 * Text that spreadsheet programs (Excel, LibreOffice, Google Sheets) run as a formula when a CSV
 * file is opened: a first character of `=`, `+`, `-`, `@`, tab or carriage return, unless the whole
 * text is a plain signed number or percentage (`-12.5`, `+20%`). OWASP "CSV Injection".
 * The one definition: bulk-file exports refuse such cells and the Bias Auditor flags such copy.
 */
export const FORMULA_CELL_PATTERN = '^(?![+-]?\\d+(?:\\.\\d+)?%?$)[=+\\-@\\t\\r]';

const FORMULA_CELL = new RegExp(FORMULA_CELL_PATTERN);

export function startsLikeFormula(text: string): boolean {
	return FORMULA_CELL.test(text);
}
