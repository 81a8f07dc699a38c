import { describe, it, expect } from 'vitest';
import { accountAggregate } from './aggregate';
import type { AccountEvent } from './events';
import type { AccountState } from './state';

const fold = (events: AccountEvent[]): AccountState =>
	events.reduce(accountAggregate.evolve, accountAggregate.initialState());

const openedAt = '2026-01-01T09:00:00.000Z';
const at = '2026-01-01T10:00:00.000Z';
const opened: AccountEvent = {
	type: 'AccountOpened',
	data: { holderName: 'Grace', currency: 'EUR', openedAt, openedBy: 'u1' }
};

describe('evolveAccount', () => {
	it('starts with no account', () => {
		expect(fold([])).toEqual({ status: 'none' });
	});

	it('opens with a zero balance', () => {
		expect(fold([opened])).toEqual({
			status: 'open',
			holderName: 'Grace',
			currency: 'EUR',
			balanceCents: 0,
			openedAt,
			openedBy: 'u1'
		});
	});

	it('keeps the balance as the sum of deposits less withdrawals', () => {
		const state = fold([
			opened,
			{ type: 'MoneyDeposited', data: { amountCents: 10, at } },
			{ type: 'MoneyDeposited', data: { amountCents: 20, note: 'Top-up', at } },
			{ type: 'MoneyWithdrawn', data: { amountCents: 5, at } }
		]);
		expect(state).toMatchObject({ status: 'open', balanceCents: 25 });
	});

	it('stays exact where floats would not', () => {
		const events: AccountEvent[] = [opened];
		for (let i = 0; i < 10; i++)
			events.push({ type: 'MoneyDeposited', data: { amountCents: 10, at } });
		expect(fold(events)).toMatchObject({ balanceCents: 100 });
	});

	it('closes', () => {
		expect(fold([opened, { type: 'AccountClosed', data: { closedAt: at } }])).toMatchObject({
			status: 'closed',
			closedAt: at,
			balanceCents: 0
		});
	});
});
