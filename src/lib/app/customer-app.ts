import { AggregateRepository } from '../aggregates';
import { customerAggregate } from '../domain/customers/aggregate';
import { customerList } from '../domain/projections/customer-list';
import { customerAccounts, customerOrders } from '../domain/projections/customer-records';
import { readModelStore, type AnyReadModelStore } from '../projections';
import { rewindApp } from './rewind-app';

/**
 * The customer directory and each customer's orders and accounts, made on first use on the
 * tab's app: by the customer pages, the picker, a record's customer card and the inspector. The
 * order list a first visit shows needs none of it, so none of its code comes with that visit.
 */
function createCustomerApp() {
	const { store } = rewindApp();
	const list = readModelStore(store, customerList);
	const orders = readModelStore(store, customerOrders);
	const accounts = readModelStore(store, customerAccounts);
	return {
		customers: new AggregateRepository(store, customerAggregate),
		customerList: list,
		/** A customer's orders: `customerOrders.list({ group: customerId })`; `UNLINKED` for the rest. */
		customerOrders: orders,
		/** A customer's accounts, the same way. */
		customerAccounts: accounts,
		/** These read models, for the inspector to check and rebuild. */
		readModels: [list, orders, accounts] as AnyReadModelStore[]
	};
}

export type CustomerApp = ReturnType<typeof createCustomerApp>;

let app: CustomerApp | undefined;

/** The tab's customer parts, made on first use. */
export function customerApp(): CustomerApp {
	app ??= createCustomerApp();
	return app;
}
