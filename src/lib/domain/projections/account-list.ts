import { categoryOf } from '../../events/stream-id';
import { eventTime } from '../../events/envelope';
import { defineProjection } from '../../projections/define-projection';
import { plainText } from '../../projections/search-words';
import { accountAggregate } from '../accounts/aggregate';
import type { AccountEvent } from '../accounts/events';
import type { AccountState } from '../accounts/state';

export interface AccountListRow {
	account: AccountState;
	updatedAt: string;
	updatedBy: string;
}

/** One row per account, for the account list: balance and status as the account folds them. */
export const accountList = defineProjection<AccountListRow>({
	name: 'account-list',
	version: 1,
	filter: (streamId) => categoryOf(streamId) === accountAggregate.category,
	initialState: () => ({ account: accountAggregate.initialState(), updatedAt: '', updatedBy: '' }),
	list: {
		// By name, as people look an account up; accents and case do not move a name.
		order: ({ account }) => (account.status === 'none' ? undefined : plainText(account.holderName)),
		group: ({ account }) => account.status,
		searchText: ({ account }) => (account.status === 'none' ? '' : account.holderName),
		// The balances of open accounts, one sum per currency: amounts in different currencies never add up.
		sums: ({ account }) =>
			account.status === 'open' ? { [balanceSum(account.currency)]: account.balanceCents } : {}
	},
	evolve: (row, event) => ({
		account: accountAggregate.evolve(row.account, event as unknown as AccountEvent),
		updatedAt: eventTime(event),
		updatedBy: event.metadata.userId
	})
});

const BALANCE = 'balance:';

function balanceSum(currency: string): string {
	return `${BALANCE}${currency}`;
}

/** The open accounts' balances from the account list's sums: one total per currency. */
export function openBalances(
	sums: Readonly<Record<string, number>>
): [currency: string, cents: number][] {
	return Object.entries(sums)
		.filter(([name]) => name.startsWith(BALANCE))
		.map(([name, cents]) => [name.slice(BALANCE.length), cents]);
}
