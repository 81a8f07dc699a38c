// The customer directory and each customer's records, folded from commands run on a real store
// and read back as the pages read them (a page of a list, a search, a group).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AggregateRepository } from '../../aggregates/aggregate-repository';
import { createEventRegistry } from '../../events';
import type { EventStore } from '../../eventstore/event-store';
import { StoreTracker } from '../../eventstore/testing';
import type { Projection } from '../../projections/define-projection';
import { queryList, type ListQuery } from '../../projections/read-model-query';
import { ReadModelRunner } from '../../projections/read-model-runner';
import { readTallies } from '../../projections/read-model-tallies';
import { accountAggregate } from '../accounts/aggregate';
import { customerAggregate } from '../customers/aggregate';
import { domainEventTypes } from '../event-types';
import { orderAggregate } from '../orders/aggregate';
import { customerList } from './customer-list';
import { customerAccounts, customerOrders, UNLINKED } from './customer-records';

const tracker = new StoreTracker();
const runners: ReadModelRunner<unknown>[] = [];
afterEach(async () => {
	for (const runner of runners.splice(0)) await runner.stop();
	tracker.closeAll();
});
beforeAll(() => customerAggregate.prepare?.());

const context = { userId: 'user-ada', deviceId: 'device-1' };
const ADA = 'customer-ada';
const LEE = 'customer-lee';

async function shop(): Promise<EventStore> {
	const store = tracker.open(undefined, createEventRegistry(domainEventTypes));
	const customers = new AggregateRepository(store, customerAggregate);
	const orders = new AggregateRepository(store, orderAggregate);
	const accounts = new AggregateRepository(store, accountAggregate);
	await customers.execute(
		ADA,
		{
			type: 'RegisterCustomer',
			name: 'Ada Lovelace',
			email: 'ada@example.com',
			phone: '0113 496 0000'
		},
		context
	);
	await customers.execute(LEE, { type: 'RegisterCustomer', name: 'Lee Chen' }, context);
	await customers.execute('customer-zoe', { type: 'RegisterCustomer', name: 'Zoë Ávila' }, context);
	await customers.execute('customer-zoe', { type: 'ArchiveCustomer' }, context);
	const order = (customerName: string, customerId?: string) => ({
		type: 'CreateOrder',
		customerName,
		currency: 'EUR',
		...(customerId ? { customerId } : {})
	});
	await orders.execute('order-1', order('Ada Lovelace', ADA), context);
	await orders.execute('order-2', order('Lee Chen', LEE), context);
	await orders.execute('order-3', order('Ada (old)'), context);
	await orders.execute('order-4', order('Ada L.'), context);
	await orders.execute(
		'order-4',
		{ type: 'LinkCustomer', customerId: ADA, customerName: 'Ada Lovelace' },
		context
	);
	await accounts.execute(
		'account-1',
		{ type: 'OpenAccount', holderName: 'Ada Lovelace', currency: 'EUR', customerId: ADA },
		context
	);
	await accounts.execute('account-1', { type: 'Deposit', amountCents: 1500 }, context);
	await accounts.execute(
		'account-2',
		{ type: 'OpenAccount', holderName: 'Grace', currency: 'USD' },
		context
	);
	return store;
}

async function listed<Row>(store: EventStore, projection: Projection<Row>, query: ListQuery) {
	const runner = new ReadModelRunner(store, projection);
	runners.push(runner as ReadModelRunner<unknown>);
	await runner.start();
	const tallies = readTallies(runner.state?.tallies);
	const page = await queryList(store, projection, tallies, query);
	return { keys: page.rows.map(({ key }) => key), rows: page.rows, tallies };
}

describe('the customer list', () => {
	it('lists customers by name, accents aside, counted by status', async () => {
		const { keys, tallies } = await listed(await shop(), customerList, { limit: 10 });
		expect(keys).toEqual([ADA, LEE, 'customer-zoe']);
		expect(tallies).toMatchObject({ count: 3, groups: { active: 2, archived: 1 } });
	});

	it('finds a customer by name, email or phone, however the number is spaced', async () => {
		const store = await shop();
		for (const search of ['lee', 'ada@exa', 'example', '01134960000', '0113 496']) {
			const { keys } = await listed(store, customerList, { search, limit: 10 });
			expect(keys, search).toEqual(search === 'lee' ? [LEE] : [ADA]);
		}
	});

	it('offers only active customers to choose from', async () => {
		const { keys } = await listed(await shop(), customerList, {
			group: 'active',
			search: 'zoe',
			limit: 10
		});
		expect(keys).toEqual([]);
	});
});

describe("a customer's records", () => {
	it('are the orders linked to them, at creation or later', async () => {
		const { keys } = await listed(await shop(), customerOrders, { group: ADA, limit: 10 });
		expect(keys.sort()).toEqual(['order-1', 'order-4']);
	});

	it('keep orders named by text only apart, as unlinked', async () => {
		const { keys } = await listed(await shop(), customerOrders, { group: UNLINKED, limit: 10 });
		expect(keys).toEqual(['order-3']);
	});

	it('are the accounts linked to them, with their balances', async () => {
		const store = await shop();
		const { rows } = await listed(store, customerAccounts, { group: ADA, limit: 10 });
		expect(rows.map(({ key, row }) => [key, row.account])).toEqual([
			['account-1', expect.objectContaining({ balanceCents: 1500, customerId: ADA })]
		]);
		const unlinked = await listed(store, customerAccounts, { group: UNLINKED, limit: 10 });
		expect(unlinked.keys).toEqual(['account-2']);
	});
});
