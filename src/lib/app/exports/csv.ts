import Papa from 'papaparse';
import type { ExportTable } from '../../domain';

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+…`, `@…`, or a `-` that is
 * not simply a negative amount) is written with a leading apostrophe, as OWASP advises; a
 * negative amount stays a number.
 */
const FORMULA = /^(?:[=+@\t\r]|-(?!\d+(?:\.\d+)?$))/;

/**
 * RFC 4180 CSV: a header row, CRLF line ends, quotes only where a cell needs them. It starts
 * with a byte order mark so that spreadsheets open it as UTF-8 (names with ü or ł stay whole).
 */
export function toCsv(table: ExportTable): string {
	const body = Papa.unparse(
		{ fields: [...table.fields], data: table.rows },
		{ newline: '\r\n', escapeFormulae: FORMULA }
	);
	return `${Papa.BYTE_ORDER_MARK}${body}\r\n`;
}
