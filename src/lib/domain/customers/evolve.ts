import { detailsOf } from './details';
import type { CustomerEvent } from './events';
import type { CustomerState } from './state';

export function evolveCustomer(state: CustomerState, event: CustomerEvent): CustomerState {
	if (event.type === 'CustomerRegistered') {
		const { registeredAt, registeredBy, ...details } = event.data;
		return { status: 'active', ...detailsOf(details), registeredAt, registeredBy };
	}
	// Every other event was decided on an existing customer; a stream that says otherwise is ignored.
	if (state.status === 'none') return state;
	switch (event.type) {
		case 'CustomerDetailsChanged': {
			// The event holds the details as a whole: a field it leaves out was cleared.
			const { email: _email, phone: _phone, notes: _notes, ...kept } = state;
			return { ...kept, ...detailsOf(event.data) };
		}
		case 'CustomerArchived':
			return { ...state, status: 'archived', archivedAt: event.data.archivedAt };
		case 'CustomerReactivated': {
			if (state.status !== 'archived') return state;
			const { archivedAt: _archivedAt, ...kept } = state;
			return { ...kept, status: 'active' };
		}
		default: {
			const unhandled: never = event;
			throw new Error(`Unknown customer event ${(unhandled as CustomerEvent).type}`);
		}
	}
}
