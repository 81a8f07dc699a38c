import { describe, expect, it } from 'vitest';
import type { PeriodStatement } from '../accounts/statement-period';
import { statementRows } from './statement-rows';

const statement: PeriodStatement = {
	period: { from: '2026-03-01', to: '2026-03-31' },
	openingCents: 10_000,
	lines: [
		{
			version: 3,
			at: '2026-03-01T00:00:00.000Z',
			amountCents: -2_500,
			balanceCents: 7_500,
			kind: 'withdrawal'
		},
		{
			version: 4,
			at: '2026-03-15T12:00:00.000Z',
			amountCents: 4_000,
			balanceCents: 11_500,
			kind: 'deposit',
			note: '=cmd'
		}
	],
	depositsCents: 4_000,
	withdrawalsCents: 2_500,
	closingCents: 11_500
};

describe('statementRows', () => {
	it('opens, lists each change with the running balance, and closes', () => {
		const table = statementRows(statement, 'EUR');
		expect(table.fields).toEqual(['date', 'type', 'note', 'amount', 'balance', 'currency']);
		expect(table.rows).toEqual([
			['2026-03-01', 'opening balance', '', '', '100.00', 'EUR'],
			['2026-03-01T00:00:00.000Z', 'withdrawal', '', '-25.00', '75.00', 'EUR'],
			['2026-03-15T12:00:00.000Z', 'deposit', '=cmd', '40.00', '115.00', 'EUR'],
			['2026-03-31', 'closing balance', '', '', '115.00', 'EUR']
		]);
	});
});
