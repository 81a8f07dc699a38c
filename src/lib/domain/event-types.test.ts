import { beforeAll, describe, it, expect } from 'vitest';
import type { CommandContext } from '../aggregates/command-context';
import type { Aggregate, DomainCommand, DomainEvent } from '../aggregates/define-aggregate';
import { createEventRegistry } from '../events/event-registry';
import {
	accountEventVersions,
	customerEventVersions,
	domainEventVersions,
	orderEventVersions,
	seriesEventVersions
} from './event-catalogue';
import { accountEventTypes } from './accounts/events';
import { orderEventTypes } from './orders/events';
import { seriesAggregate } from './series/aggregate';
import { seriesEventTypes } from './series/events';
import { customerAggregate } from './customers/aggregate';
import { customerEventTypes } from './customers/events';
import { accountAggregate, domainAggregates, domainEventTypes, orderAggregate } from './index';

const context: CommandContext = {
	commandId: 'c1',
	correlationId: 'c1',
	userId: 'user-7',
	deviceId: 'device-7',
	now: new Date('2026-03-04T05:06:07.089Z')
};

/** Runs commands in order the way the app does: parse, decide, fold. */
function run<S, C extends DomainCommand, E extends DomainEvent>(
	aggregate: Aggregate<S, C, E>,
	commands: unknown[]
): E[] {
	const events: E[] = [];
	let state = aggregate.initialState();
	for (const command of commands) {
		const decided = aggregate.decide(aggregate.commandSchema.parse(command), state, context);
		events.push(...decided);
		state = decided.reduce(aggregate.evolve, state);
	}
	return events;
}

// The app loads the schemas and the deciders with the first command; these run them at once.
beforeAll(() => orderAggregate.prepare?.());

describe('domain event types', () => {
	it('have unique names and make a registry', () => {
		const names = domainEventTypes.map((eventType) => eventType.type);
		expect(new Set(names).size).toBe(names.length);
		expect(() => createEventRegistry(domainEventTypes)).not.toThrow();
	});

	it('cover every type each aggregate declares', () => {
		const names = domainEventTypes.map((eventType) => eventType.type);
		for (const aggregate of domainAggregates) {
			for (const eventType of Object.values(aggregate.eventTypes)) {
				expect(names).toContain(eventType.type);
			}
		}
	});

	it('are listed in the catalogue with their latest versions, which reading needs without them', () => {
		const versionsOf = (types: Record<string, { type: string; latestVersion: number }>) =>
			Object.fromEntries(Object.values(types).map((t) => [t.type, t.latestVersion]));
		expect(orderEventVersions).toEqual(versionsOf(orderEventTypes));
		expect(accountEventVersions).toEqual(versionsOf(accountEventTypes));
		expect(seriesEventVersions).toEqual(versionsOf(seriesEventTypes));
		expect(customerEventVersions).toEqual(versionsOf(customerEventTypes));
		expect(domainEventVersions).toEqual(
			versionsOf({
				...orderEventTypes,
				...accountEventTypes,
				...seriesEventTypes,
				...customerEventTypes
			})
		);
		expect(Object.keys(seriesAggregate.eventTypes)).toEqual(Object.keys(seriesEventTypes));
		expect(Object.keys(customerAggregate.eventTypes)).toEqual(Object.keys(customerEventTypes));
		expect(Object.keys(orderAggregate.eventTypes)).toEqual(Object.keys(orderEventTypes));
		expect(Object.keys(accountAggregate.eventTypes)).toEqual(Object.keys(accountEventTypes));
	});

	it('accept every event the deciders write, unchanged', () => {
		const registry = createEventRegistry(domainEventTypes);
		const events = [
			...run(orderAggregate, [
				{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
				{ type: 'AddItem', lineId: 'a', name: 'Mug', sku: 'M1', unitPriceCents: 0, quantity: 1 },
				{ type: 'AddItem', lineId: 'b', name: 'Pot', unitPriceCents: 999, quantity: 2 },
				{ type: 'ChangeQuantity', lineId: 'b', quantity: 3 },
				{ type: 'RemoveItem', lineId: 'a' },
				{
					type: 'SetDeliveryAddress',
					address: { line1: 'x', line2: 'y', city: 'c', postcode: 'p', country: 'GB' }
				},
				{ type: 'SubmitOrder', chargeTo: 'account-1' },
				{ type: 'MarkPaymentFailed', reason: 'The balance is too low.' },
				{ type: 'ConfirmPayment' }
			]),
			...run(orderAggregate, [
				{ type: 'CreateOrder', customerName: 'Bo', currency: 'JPY' },
				{ type: 'CancelOrder', reason: 'Duplicate' }
			]),
			...run(orderAggregate, [
				{ type: 'CreateOrder', customerName: 'Cy', currency: 'EUR', customerId: 'customer-1' },
				{ type: 'LinkCustomer', customerId: 'customer-2', customerName: 'Cy Two' }
			]),
			...run(accountAggregate, [
				{ type: 'OpenAccount', holderName: 'Cy', currency: 'EUR', customerId: 'customer-1' },
				{ type: 'LinkCustomer', customerId: 'customer-2', customerName: 'Cy Two' }
			]),
			...run(customerAggregate, [
				{ type: 'RegisterCustomer', name: 'Cy', email: 'cy@example.com', phone: '1', notes: 'n' },
				{ type: 'ChangeCustomerDetails', name: 'Cy Two', email: '' },
				{ type: 'ArchiveCustomer' },
				{ type: 'ReactivateCustomer' }
			]),
			...run(accountAggregate, [
				{ type: 'OpenAccount', holderName: 'Grace', currency: 'EUR' },
				{ type: 'Deposit', amountCents: 100, note: 'Cash' },
				{ type: 'Withdraw', amountCents: 100 },
				{ type: 'Deposit', amountCents: 500 },
				{ type: 'ChargeOrder', orderId: 'order-1', amountCents: 500, currency: 'EUR' },
				{ type: 'RefundOrder', orderId: 'order-1' },
				{ type: 'Withdraw', amountCents: 500 },
				{ type: 'CloseAccount' }
			]),
			...run(seriesAggregate, [
				{ type: 'IssueNumber', recordId: 'order-1' },
				{ type: 'NameSeries', prefix: 'B' }
			])
		];
		expect(new Set(events.map((event) => event.type))).toEqual(
			new Set(domainEventTypes.map((eventType) => eventType.type))
		);
		for (const event of events)
			expect(registry.validate(event.type, event.data)).toEqual(event.data);
	});
});
