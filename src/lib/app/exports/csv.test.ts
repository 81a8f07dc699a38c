import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

const table = {
	fields: ['customer', 'note', 'amount'],
	rows: [
		['Ada, "the" Countess', 'two\r\nlines', '-12.50'],
		['=HYPERLINK("x")', '-cmd', '1234.50'],
		['Zoë', '', '0.00']
	]
};

describe('toCsv', () => {
	it('writes RFC 4180: a header, CRLF rows, quotes doubled inside quoted cells', () => {
		const csv = toCsv(table);
		expect(csv.startsWith('\ufeffcustomer,note,amount\r\n')).toBe(true);
		expect(csv).toContain('"Ada, ""the"" Countess","two\r\nlines",-12.50\r\n');
		expect(csv.endsWith('Zoë,,0.00\r\n')).toBe(true);
	});

	it('reads back cell for cell, with formulas defused and negative amounts kept', () => {
		const parsed = Papa.parse<string[]>(toCsv(table), { skipEmptyLines: true });
		expect(parsed.errors).toEqual([]);
		expect(parsed.data).toEqual([
			table.fields,
			table.rows[0],
			['\'=HYPERLINK("x")', "'-cmd", '1234.50'],
			table.rows[2]
		]);
	});
});
