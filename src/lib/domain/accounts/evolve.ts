import type { AccountEvent } from './events';
import type { AccountState } from './state';

export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
	if (event.type === 'AccountOpened') {
		const { holderName, currency, openedAt, openedBy } = event.data;
		return { status: 'open', holderName, currency, balanceCents: 0, openedAt, openedBy };
	}
	// Every other event was decided on an existing account; a stream that says otherwise is ignored.
	if (state.status === 'none') return state;
	switch (event.type) {
		case 'MoneyDeposited': {
			const { amountCents, orderId } = event.data;
			const next = { ...state, balanceCents: state.balanceCents + amountCents };
			const charged = orderId ? state.orders?.[orderId] : undefined;
			if (!orderId || !charged) return next;
			return { ...next, orders: { ...state.orders, [orderId]: { ...charged, refunded: true } } };
		}
		case 'MoneyWithdrawn': {
			const { amountCents, orderId } = event.data;
			const next = { ...state, balanceCents: state.balanceCents - amountCents };
			if (!orderId) return next;
			return { ...next, orders: { ...state.orders, [orderId]: { amountCents, refunded: false } } };
		}
		case 'AccountClosed':
			return { ...state, status: 'closed', closedAt: event.data.closedAt };
		case 'AccountCustomerLinked':
			return { ...state, customerId: event.data.customerId };
		default: {
			const unhandled: never = event;
			throw new Error(`Unknown account event ${(unhandled as AccountEvent).type}`);
		}
	}
}
