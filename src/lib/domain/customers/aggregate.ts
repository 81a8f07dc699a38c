import { defineAggregate } from '../../aggregates/define-aggregate';
import { deferredDecider, deferredParser, prepareWriteModel } from '../deferred-write-model';
import { eventNamesOf, customerEventVersions } from '../event-catalogue';
import type { CustomerCommand } from './commands';
import type { CustomerEvent } from './events';
import { evolveCustomer } from './evolve';
import { initialCustomerState, type CustomerState } from './state';

export const customerAggregate = defineAggregate<CustomerState, CustomerCommand, CustomerEvent>({
	category: 'customer',
	eventTypes: eventNamesOf(customerEventVersions),
	// The schemas and the decider load with the first command: showing records needs neither.
	commandSchema: deferredParser((model) => model.customerCommandSchema),
	prepare: prepareWriteModel,
	initialState: initialCustomerState,
	evolve: evolveCustomer,
	decide: deferredDecider((model) => model.decideCustomer)
	// No seal: archiving is undone by reactivating, and nobody acts on a customer's past.
});
