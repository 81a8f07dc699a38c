import type { OrderEvent } from './events';
import type { OrderPayment, OrderState } from './state';

function paymentNow(payment: OrderPayment, status: OrderPayment['status']): OrderPayment {
	const { reason: _previous, ...rest } = payment;
	return { ...rest, status };
}

export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
	if (event.type === 'OrderCreated') {
		const { customerName, currency, createdAt, createdBy } = event.data;
		return { status: 'draft', customerName, currency, items: [], createdAt, createdBy };
	}
	// Every other event was decided on an existing order; a stream that says otherwise is ignored.
	if (state.status === 'none') return state;
	switch (event.type) {
		case 'ItemAdded':
			return { ...state, items: [...state.items, { ...event.data }] };
		case 'ItemRemoved':
			return {
				...state,
				items: state.items.filter((line) => line.lineId !== event.data.lineId)
			};
		case 'ItemQuantityChanged':
			return {
				...state,
				items: state.items.map((line) =>
					line.lineId === event.data.lineId ? { ...line, quantity: event.data.quantity } : line
				)
			};
		case 'DeliveryAddressSet':
			return { ...state, deliveryAddress: { ...event.data.address } };
		case 'OrderSubmitted':
			return { ...state, status: 'submitted', submittedAt: event.data.submittedAt };
		case 'OrderCancelled': {
			const { cancelledAt, reason } = event.data;
			return { ...state, status: 'cancelled', cancelledAt, ...(reason ? { reason } : {}) };
		}
		case 'PaymentRequested':
			return { ...state, payment: { ...event.data, status: 'requested' } };
		case 'PaymentTaken':
			return state.payment ? { ...state, payment: paymentNow(state.payment, 'taken') } : state;
		case 'PaymentFailed':
			return state.payment
				? {
						...state,
						payment: { ...paymentNow(state.payment, 'failed'), reason: event.data.reason }
					}
				: state;
		case 'OrderCustomerLinked':
			return { ...state, customerId: event.data.customerId };
		default: {
			const unhandled: never = event;
			throw new Error(`Unknown order event ${(unhandled as OrderEvent).type}`);
		}
	}
}
