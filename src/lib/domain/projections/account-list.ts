import { categoryOf } from '../../events/stream-id';
import { eventTime } from '../../events/envelope';
import { defineProjection } from '../../projections/define-projection';
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
	evolve: (row, event) => ({
		account: accountAggregate.evolve(row.account, event as unknown as AccountEvent),
		updatedAt: eventTime(event),
		updatedBy: event.metadata.userId
	})
});
