import { categoryOf } from '../../events/stream-id';
import { eventTime } from '../../events/envelope';
import { defineProjection } from '../../projections/define-projection';
import { plainText } from '../../projections/search-words';
import { customerAggregate } from '../customers/aggregate';
import type { CustomerEvent } from '../customers/events';
import type { CustomerState } from '../customers/state';

export interface CustomerListRow {
	customer: CustomerState;
	updatedAt: string;
	updatedBy: string;
}

/**
 * One row per customer, for the directory and the customer picker: by name, grouped by status
 * (`active`, `archived`), found by any word of the name, email or phone.
 */
export const customerList = defineProjection<CustomerListRow>({
	name: 'customer-list',
	version: 1,
	filter: (streamId) => categoryOf(streamId) === customerAggregate.category,
	initialState: () => ({
		customer: customerAggregate.initialState(),
		updatedAt: '',
		updatedBy: ''
	}),
	list: {
		// By name, as people look a customer up; accents and case do not move a name.
		order: ({ customer }) => (customer.status === 'none' ? undefined : plainText(customer.name)),
		group: ({ customer }) => customer.status,
		searchText: ({ customer }) => (customer.status === 'none' ? '' : contactWords(customer))
	},
	evolve: (row, event) => ({
		customer: customerAggregate.evolve(row.customer, event as unknown as CustomerEvent),
		updatedAt: eventTime(event),
		updatedBy: event.metadata.userId
	})
});

/**
 * The words a customer is found by. A phone number is written many ways ("0113 496 0000",
 * "01134960000"): its digits run together are a word too, so typing it either way finds it.
 */
function contactWords({ name, email, phone }: { name: string; email?: string; phone?: string }) {
	const digits = phone?.replace(/\D/g, '');
	return [name, email, phone, digits].filter(Boolean).join(' ');
}
