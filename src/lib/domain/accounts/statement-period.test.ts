import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors';
import type { StatementLine } from './statement';
import { localDay, monthToDate, statementForPeriod, statementInput } from './statement-period';

// Local times: a period is whole days where the person is.
const at = (month: number, day: number, hour = 12) =>
	new Date(2026, month - 1, day, hour).toISOString();

const lines: StatementLine[] = [
	{ version: 2, at: at(2, 27), amountCents: 10_000, balanceCents: 10_000, kind: 'deposit' },
	{ version: 3, at: at(3, 1, 0), amountCents: -2_500, balanceCents: 7_500, kind: 'withdrawal' },
	{
		version: 4,
		at: at(3, 15),
		amountCents: 4_000,
		balanceCents: 11_500,
		kind: 'deposit',
		note: 'Fair'
	},
	{ version: 5, at: at(3, 31, 23), amountCents: -1_000, balanceCents: 10_500, kind: 'correction' },
	{ version: 6, at: at(4, 1, 0), amountCents: 500, balanceCents: 11_000, kind: 'deposit' }
];

describe('statementForPeriod', () => {
	it('opens with everything before the first day and closes with everything up to the last', () => {
		const statement = statementForPeriod(lines, { from: '2026-03-01', to: '2026-03-31' });
		expect(statement.openingCents).toBe(10_000);
		expect(statement.lines.map((line) => line.version)).toEqual([3, 4, 5]);
		expect(statement.depositsCents).toBe(4_000);
		expect(statement.withdrawalsCents).toBe(3_500);
		expect(statement.closingCents).toBe(10_500);
	});

	it('adds up from the changes even when a clock ran behind', () => {
		// A change stamped in February by a slow clock, after March's in the stream.
		const late = [...lines, { ...lines[0]!, version: 7, at: at(2, 10), amountCents: 300 }];
		const statement = statementForPeriod(late, { from: '2026-03-01', to: '2026-03-31' });
		expect(statement.openingCents).toBe(10_300);
		expect(statement.lines.map((line) => line.balanceCents)).toEqual([7_800, 11_800, 10_800]);
		expect(statement.closingCents).toBe(
			statement.openingCents + statement.depositsCents - statement.withdrawalsCents
		);
	});

	it('gives an empty period its balance as both opening and closing', () => {
		const statement = statementForPeriod(lines, { from: '2026-03-02', to: '2026-03-14' });
		expect(statement.lines).toEqual([]);
		expect(statement.openingCents).toBe(7_500);
		expect(statement.closingCents).toBe(7_500);
	});

	it('takes a single day, both ends included', () => {
		const statement = statementForPeriod(lines, { from: '2026-04-01', to: '2026-04-01' });
		expect(statement.lines.map((line) => line.version)).toEqual([6]);
	});

	it('refuses a day that is not a date, or a period that ends before it begins', () => {
		for (const period of [
			{ from: '2026-02-30', to: '2026-03-01' },
			{ from: '1.3.2026', to: '2026-03-01' },
			{ from: '2026-03-01', to: '' }
		]) {
			expect(() => statementForPeriod(lines, period)).toThrow(ValidationError);
		}
		expect(() => statementForPeriod(lines, { from: '2026-03-02', to: '2026-03-01' })).toThrow(
			'The period ends before it begins.'
		);
	});
});

describe('statementInput', () => {
	it('answers a period a person typed with the statement, or the field to fix and how', () => {
		expect(statementInput(lines, { from: '2026-03-01', to: '2026-03-31' })).toMatchObject({
			ok: true,
			statement: { closingCents: 10_500 }
		});
		expect(statementInput(lines, { from: '', to: '2026-03-31' })).toEqual({
			ok: false,
			field: 'from',
			message: 'Write a day as YYYY-MM-DD, for example 2026-03-31.'
		});
		expect(statementInput(lines, { from: '2026-03-31', to: '2026-03-01' })).toEqual({
			ok: false,
			field: 'to',
			message: 'Choose a day on or after the first day.'
		});
	});
});

describe('monthToDate', () => {
	it('runs from the first of the month to today, in local days', () => {
		expect(monthToDate(new Date(2026, 11, 24, 23, 30))).toEqual({
			from: '2026-12-01',
			to: '2026-12-24'
		});
		expect(localDay(new Date(2026, 0, 5, 0, 5))).toBe('2026-01-05');
	});
});
