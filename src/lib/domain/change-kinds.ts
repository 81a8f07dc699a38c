import { REWOUND, type ReadEvent, type RewoundData } from '../events';
import type { AccountEvent } from './accounts/events';
import type { CustomerEvent } from './customers/events';
import type { OrderEvent } from './orders/events';
import type { SeriesEvent } from './series/events';

/** The kinds of change a person can filter the activity by, in their words, grouped by record. */
export const CHANGE_KINDS = [
	{ kind: 'order-created', label: 'Order created', group: 'Orders' },
	{ kind: 'item-added', label: 'Item added', group: 'Orders' },
	{ kind: 'item-removed', label: 'Item removed', group: 'Orders' },
	{ kind: 'quantity-changed', label: 'Quantity changed', group: 'Orders' },
	{ kind: 'address-set', label: 'Delivery address set', group: 'Orders' },
	{ kind: 'order-submitted', label: 'Order submitted', group: 'Orders' },
	{ kind: 'order-cancelled', label: 'Order cancelled', group: 'Orders' },
	{ kind: 'payment-requested', label: 'Payment asked of an account', group: 'Orders' },
	{ kind: 'payment-taken', label: 'Paid from an account', group: 'Orders' },
	{ kind: 'payment-failed', label: 'Payment failed', group: 'Orders' },
	{ kind: 'order-linked', label: 'Order linked to a customer', group: 'Orders' },
	{ kind: 'account-opened', label: 'Account opened', group: 'Accounts' },
	{ kind: 'deposit', label: 'Deposit', group: 'Accounts' },
	{ kind: 'withdrawal', label: 'Withdrawal', group: 'Accounts' },
	{ kind: 'account-closed', label: 'Account closed', group: 'Accounts' },
	{ kind: 'number-issued', label: 'Number issued', group: 'Order numbers' },
	{ kind: 'series-named', label: 'Series named', group: 'Order numbers' },
	{ kind: 'account-linked', label: 'Account linked to a customer', group: 'Accounts' },
	{ kind: 'customer-registered', label: 'Customer registered', group: 'Customers' },
	{ kind: 'customer-changed', label: 'Customer details changed', group: 'Customers' },
	{ kind: 'customer-archived', label: 'Customer archived', group: 'Customers' },
	{ kind: 'customer-reactivated', label: 'Customer reactivated', group: 'Customers' },
	{ kind: 'undo-redo', label: 'Undo / redo', group: 'Any record' },
	{ kind: 'restore', label: 'Restored to an earlier version', group: 'Any record' },
	{ kind: 'other', label: 'From a newer version of the app', group: 'Any record' }
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number]['kind'];

const KIND_OF_TYPE: Record<
	(OrderEvent | AccountEvent | SeriesEvent | CustomerEvent)['type'],
	ChangeKind
> = {
	OrderCreated: 'order-created',
	ItemAdded: 'item-added',
	ItemRemoved: 'item-removed',
	ItemQuantityChanged: 'quantity-changed',
	DeliveryAddressSet: 'address-set',
	OrderSubmitted: 'order-submitted',
	OrderCancelled: 'order-cancelled',
	PaymentRequested: 'payment-requested',
	PaymentTaken: 'payment-taken',
	PaymentFailed: 'payment-failed',
	AccountOpened: 'account-opened',
	MoneyDeposited: 'deposit',
	MoneyWithdrawn: 'withdrawal',
	AccountClosed: 'account-closed',
	NumberIssued: 'number-issued',
	SeriesNamed: 'series-named',
	OrderCustomerLinked: 'order-linked',
	AccountCustomerLinked: 'account-linked',
	CustomerRegistered: 'customer-registered',
	CustomerDetailsChanged: 'customer-changed',
	CustomerArchived: 'customer-archived',
	CustomerReactivated: 'customer-reactivated'
};

/** Which kind of change an event is. */
export function changeKindOf(event: Pick<ReadEvent, 'type' | 'data' | 'unknownType'>): ChangeKind {
	if (event.type === REWOUND) {
		const { undoes, redoes } = event.data as RewoundData;
		return undoes || redoes ? 'undo-redo' : 'restore';
	}
	if (event.unknownType || !Object.hasOwn(KIND_OF_TYPE, event.type)) return 'other';
	return KIND_OF_TYPE[event.type as keyof typeof KIND_OF_TYPE];
}

/** A kind from untrusted text (an address), or undefined when it names none. */
export function parseChangeKind(text: string | null): ChangeKind | undefined {
	return CHANGE_KINDS.find(({ kind }) => kind === text)?.kind;
}
