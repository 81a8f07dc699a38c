import { IllegalStateError } from '../../errors';
import type { ActiveCustomer, ArchivedCustomer, CustomerState } from './state';

/** The customer if they have been registered, whatever their status; otherwise says so. */
export function requireCustomer(state: CustomerState): ActiveCustomer | ArchivedCustomer {
	if (state.status === 'none')
		throw new IllegalStateError("This customer hasn't been registered yet.");
	return state;
}
