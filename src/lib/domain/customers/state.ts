import type { CustomerDetails } from './events';

/** What every customer that exists has, whatever its status. */
export type CustomerFields = CustomerDetails & {
	registeredAt: string;
	registeredBy: string;
};

export type NoCustomer = { status: 'none' };
export type ActiveCustomer = { status: 'active' } & CustomerFields;
/** Kept with all their orders and accounts, but no longer offered when choosing a customer. */
export type ArchivedCustomer = { status: 'archived'; archivedAt: string } & CustomerFields;

export type CustomerState = NoCustomer | ActiveCustomer | ArchivedCustomer;

export function initialCustomerState(): CustomerState {
	return { status: 'none' };
}
