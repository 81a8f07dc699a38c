import type { PeriodStatement } from '../accounts/statement-period';
import { plainDecimal } from '../money-format';
import type { ExportTable } from './table';

/**
 * A statement as a table: the opening balance, each change with the balance after it, and
 * the closing balance; the balance column runs on from the opening, so the file adds up.
 */
export function statementRows(statement: PeriodStatement, currency: string): ExportTable {
	const money = (cents: number) => plainDecimal(cents, currency);
	const { period } = statement;
	const rows = statement.lines.map((line) => [
		line.at,
		line.kind,
		line.note ?? '',
		money(line.amountCents),
		money(line.balanceCents),
		currency
	]);
	return {
		fields: ['date', 'type', 'note', 'amount', 'balance', 'currency'],
		rows: [
			[period.from, 'opening balance', '', '', money(statement.openingCents), currency],
			...rows,
			[period.to, 'closing balance', '', '', money(statement.closingCents), currency]
		]
	};
}
