// A customer's orders and accounts, read from IndexedDB by customer: the order and account
// lists again, grouped by the customer each record is linked to. A record not linked (made
// before customers, or for a name only) is in the `UNLINKED` group.
import { defineProjection } from '../../projections/define-projection';
import { accountList, type AccountListRow } from './account-list';
import { orderList, type OrderListRow } from './order-list';

/** The group of the records that name their customer by text only. */
export const UNLINKED = 'unlinked';

/**
 * The rows are the order and account lists' rows: a change there (their version) rebuilds these
 * too. Add one here when the grouping itself changes.
 */
const GROUPING_CHANGES = 0;

/** The orders of each customer, the most recently changed first; `list({ group: customerId })`. */
export const customerOrders = defineProjection<OrderListRow>({
	...orderList,
	name: 'customer-orders',
	version: orderList.version + GROUPING_CHANGES,
	list: {
		...orderList.list!,
		group: ({ order }) => (order.status === 'none' ? UNLINKED : (order.customerId ?? UNLINKED))
	}
});

/** The accounts of each customer, by holder name; `list({ group: customerId })`. */
export const customerAccounts = defineProjection<AccountListRow>({
	...accountList,
	name: 'customer-accounts',
	version: accountList.version + GROUPING_CHANGES,
	list: {
		...accountList.list!,
		group: ({ account }) =>
			account.status === 'none' ? UNLINKED : (account.customerId ?? UNLINKED),
		// Sums are over the whole list: a customer's balance is added up from their few rows.
		sums: undefined
	}
});
