// Every business rule of orders and accounts, and every kind of malformed command, refused at
// the store: through AggregateRepository.execute on a real EventStore after a realistic set-up.
// A refusal is a typed error with a message a shop assistant can read, and the whole database
// (events, commands, snapshots, every table) is exactly as it was (DESIGN.md, invariant 6).
import { afterEach, describe, expect, it } from 'vitest';
import { AggregateRepository } from '../aggregates/aggregate-repository';
import { IllegalStateError, ValidationError } from '../errors';
import { createEventRegistry } from '../events';
import type { EventStore } from '../eventstore/event-store';
import { databaseOf, dumpDatabase, StoreTracker } from '../eventstore/testing';
import { accountAggregate } from './accounts/aggregate';
import { accountCommandSchema } from './accounts/commands';
import { domainEventTypes } from './event-types';
import { MAX_CENTS } from './money';
import { orderAggregate } from './orders/aggregate';
import { orderCommandSchema } from './orders/commands';

const registry = createEventRegistry(domainEventTypes);
const tracker = new StoreTracker();
afterEach(() => tracker.closeAll());

const ORDER = 'order-6f1c2a9e-4b7d-4e0a-9c3f-2d8b5a1e7c40';
const ACCOUNT = 'account-9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const context = { userId: 'user-ada', deviceId: 'device-stall-tablet' };

// Set-ups: the commands that bring a record to the state a rule is tried in.
const createOrder = { type: 'CreateOrder', customerName: 'Ada Lovelace', currency: 'EUR' };
const addMug = {
	type: 'AddItem',
	lineId: 'line-mug',
	sku: 'MUG-BLU-01',
	name: 'Blue stoneware mug',
	unitPriceCents: 1250,
	quantity: 2
};
const addTea = {
	type: 'AddItem',
	lineId: 'line-tea',
	name: 'Sencha, 100 g',
	unitPriceCents: 1800,
	quantity: 1
};
const address = {
	line1: '1 Market Street',
	line2: 'Stall 4',
	city: 'Leeds',
	postcode: 'LS1 6DT',
	country: 'United Kingdom'
};
const setAddress = { type: 'SetDeliveryAddress', address };

const draft = [createOrder, addMug, addTea, setAddress];
const emptyDraft = [createOrder, addMug, { type: 'RemoveItem', lineId: 'line-mug' }];
const submitted = [...draft, { type: 'SubmitOrder' }];
const cancelled = [...draft, { type: 'CancelOrder', reason: 'Customer changed their mind' }];
const nearTheLimit = [
	createOrder,
	{
		type: 'AddItem',
		lineId: 'line-gold',
		name: 'Gold bar',
		unitPriceCents: 600_000_000_000,
		quantity: 1
	}
];

const openAccount = { type: 'OpenAccount', holderName: 'Grace Hopper', currency: 'EUR' };
const funded = [
	openAccount,
	{ type: 'Deposit', amountCents: 5000, note: 'Cash at the stall' },
	{ type: 'Withdraw', amountCents: 1200 }
];
const emptyAccount = [openAccount];
const closedAccount = [
	openAccount,
	{ type: 'Deposit', amountCents: 2500 },
	{ type: 'Withdraw', amountCents: 2500 },
	{ type: 'CloseAccount' }
];
const fullAccount = [openAccount, { type: 'Deposit', amountCents: MAX_CENTS }];

const linkAda = {
	type: 'LinkCustomer',
	customerId: 'customer-2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
	customerName: 'Ada Lovelace'
};

type Record = 'order' | 'account';

interface Refusal {
	rule: string;
	record: Record;
	given: unknown[];
	when: unknown;
	message: RegExp;
}

const businessRules: Refusal[] = [
	// CreateOrder
	{
		rule: 'an order cannot be created twice',
		record: 'order',
		given: draft,
		when: createOrder,
		message: /already been created/
	},
	// AddItem
	{
		rule: 'no item can be added to an order that does not exist',
		record: 'order',
		given: [],
		when: addMug,
		message: /doesn't exist yet, so it can't be changed/
	},
	{
		rule: 'a line already on the order cannot be added again',
		record: 'order',
		given: draft,
		when: { ...addMug, quantity: 1 },
		message: /already on the order; change its quantity instead/
	},
	{
		rule: 'no item can be added to a submitted order',
		record: 'order',
		given: submitted,
		when: { ...addTea, lineId: 'line-pot' },
		message: /already been submitted, so it can't be changed/
	},
	{
		rule: 'no item can be added to a cancelled order',
		record: 'order',
		given: cancelled,
		when: { ...addTea, lineId: 'line-pot' },
		message: /been cancelled, so it can't be changed/
	},
	{
		rule: 'an item cannot take the order total past the most one order can hold',
		record: 'order',
		given: nearTheLimit,
		when: { ...addTea, unitPriceCents: 500_000_000_000 },
		message: /more than €10,000,000,000\.00, the most one order can hold/
	},
	// RemoveItem
	{
		rule: 'an item that is not on the order cannot be removed',
		record: 'order',
		given: emptyDraft,
		when: { type: 'RemoveItem', lineId: 'line-mug' },
		message: /no longer on this order/
	},
	{
		rule: 'no item can be removed from a submitted order',
		record: 'order',
		given: submitted,
		when: { type: 'RemoveItem', lineId: 'line-mug' },
		message: /already been submitted, so it can't be changed/
	},
	{
		rule: 'no item can be removed from a cancelled order',
		record: 'order',
		given: cancelled,
		when: { type: 'RemoveItem', lineId: 'line-mug' },
		message: /been cancelled, so it can't be changed/
	},
	{
		rule: 'no item can be removed from an order that does not exist',
		record: 'order',
		given: [],
		when: { type: 'RemoveItem', lineId: 'line-mug' },
		message: /doesn't exist yet/
	},
	// ChangeQuantity
	{
		rule: 'the quantity of a line that is not on the order cannot be changed',
		record: 'order',
		given: draft,
		when: { type: 'ChangeQuantity', lineId: 'line-pot', quantity: 3 },
		message: /no longer on this order/
	},
	{
		rule: 'no quantity can be changed on a submitted order',
		record: 'order',
		given: submitted,
		when: { type: 'ChangeQuantity', lineId: 'line-mug', quantity: 3 },
		message: /already been submitted, so it can't be changed/
	},
	{
		rule: 'no quantity can be changed on a cancelled order',
		record: 'order',
		given: cancelled,
		when: { type: 'ChangeQuantity', lineId: 'line-mug', quantity: 3 },
		message: /been cancelled, so it can't be changed/
	},
	{
		rule: 'no quantity can be changed on an order that does not exist',
		record: 'order',
		given: [],
		when: { type: 'ChangeQuantity', lineId: 'line-mug', quantity: 3 },
		message: /doesn't exist yet/
	},
	{
		rule: 'a quantity cannot take the order total past the most one order can hold',
		record: 'order',
		given: nearTheLimit,
		when: { type: 'ChangeQuantity', lineId: 'line-gold', quantity: 2 },
		message: /the most one order can hold/
	},
	// AdjustQuantity
	{
		rule: 'a quantity cannot go below one by "one less"',
		record: 'order',
		given: draft,
		when: { type: 'AdjustQuantity', lineId: 'line-mug', by: -5 },
		message: /remove the item instead of going below one/
	},
	{
		rule: 'no quantity can be adjusted on a submitted order',
		record: 'order',
		given: submitted,
		when: { type: 'AdjustQuantity', lineId: 'line-mug', by: 1 },
		message: /already been submitted, so it can't be changed/
	},
	{
		rule: 'the quantity of a line that is not on the order cannot be adjusted',
		record: 'order',
		given: draft,
		when: { type: 'AdjustQuantity', lineId: 'line-pot', by: 1 },
		message: /no longer on this order/
	},
	{
		rule: 'an adjusted quantity stays within the most a line can hold',
		record: 'order',
		given: draft,
		when: { type: 'AdjustQuantity', lineId: 'line-mug', by: 1_000_000 },
		message: /quantity can be at most 1,000,000/
	},
	{
		rule: 'an adjusted quantity cannot take the order total past the most one order can hold',
		record: 'order',
		given: nearTheLimit,
		when: { type: 'AdjustQuantity', lineId: 'line-gold', by: 1 },
		message: /the most one order can hold/
	},
	// SetDeliveryAddress
	{
		rule: 'the address of a submitted order cannot be changed',
		record: 'order',
		given: submitted,
		when: { type: 'SetDeliveryAddress', address: { ...address, line2: undefined } },
		message: /already been submitted, so it can't be changed/
	},
	{
		rule: 'the address of a cancelled order cannot be changed',
		record: 'order',
		given: cancelled,
		when: setAddress,
		message: /been cancelled, so it can't be changed/
	},
	{
		rule: 'no address can be set on an order that does not exist',
		record: 'order',
		given: [],
		when: setAddress,
		message: /doesn't exist yet/
	},
	// SubmitOrder
	{
		rule: 'an order without items cannot be submitted',
		record: 'order',
		given: emptyDraft,
		when: { type: 'SubmitOrder' },
		message: /needs at least one item before it can be submitted/
	},
	{
		rule: 'an order cannot be submitted twice',
		record: 'order',
		given: submitted,
		when: { type: 'SubmitOrder' },
		message: /^This order has already been submitted\.$/
	},
	{
		rule: 'a cancelled order cannot be submitted',
		record: 'order',
		given: cancelled,
		when: { type: 'SubmitOrder' },
		message: /been cancelled, so it can't be submitted/
	},
	{
		rule: 'an order that does not exist cannot be submitted',
		record: 'order',
		given: [],
		when: { type: 'SubmitOrder' },
		message: /doesn't exist yet, so it can't be submitted/
	},
	// CancelOrder
	{
		rule: 'an order cannot be cancelled twice',
		record: 'order',
		given: cancelled,
		when: { type: 'CancelOrder' },
		message: /^This order has already been cancelled\.$/
	},
	{
		rule: 'an order not paid from an account has no payment to confirm',
		record: 'order',
		given: submitted,
		when: { type: 'ConfirmPayment' },
		message: /not paid from an account/
	},
	{
		rule: 'an order that does not exist cannot be cancelled',
		record: 'order',
		given: [],
		when: { type: 'CancelOrder' },
		message: /doesn't exist yet, so it can't be cancelled/
	},
	// OpenAccount
	{
		rule: 'an account cannot be opened twice',
		record: 'account',
		given: funded,
		when: openAccount,
		message: /already open/
	},
	// Paying orders from an account
	{
		rule: 'an order total beyond the balance cannot be charged',
		record: 'account',
		given: funded,
		when: { type: 'ChargeOrder', orderId: 'order-1', amountCents: 3801, currency: 'EUR' },
		message: /doesn't cover the order's/
	},
	{
		rule: 'nothing is refunded for an order the account never paid',
		record: 'account',
		given: funded,
		when: { type: 'RefundOrder', orderId: 'order-1' },
		message: /Nothing was paid from this account/
	},
	{
		rule: 'an order not paid from an account has no payment to fail',
		record: 'order',
		given: submitted,
		when: { type: 'MarkPaymentFailed', reason: 'No money' },
		message: /not paid from an account/
	},
	{
		rule: 'a closed account cannot be opened again',
		record: 'account',
		given: closedAccount,
		when: openAccount,
		message: /been closed; open a new account instead/
	},
	// Deposit
	{
		rule: 'no money can be deposited before the account is opened',
		record: 'account',
		given: [],
		when: { type: 'Deposit', amountCents: 1000 },
		message: /hasn't been opened yet/
	},
	{
		rule: 'no money can be deposited into a closed account',
		record: 'account',
		given: closedAccount,
		when: { type: 'Deposit', amountCents: 1000 },
		message: /been closed, so no money can go in or out/
	},
	{
		rule: 'a deposit cannot take the balance past the most an account can hold',
		record: 'account',
		given: fullAccount,
		when: { type: 'Deposit', amountCents: 1 },
		message: /above €10,000,000,000\.00, the most an account can hold/
	},
	// Withdraw
	{
		rule: 'no more can be withdrawn than the balance',
		record: 'account',
		given: funded,
		when: { type: 'Withdraw', amountCents: 5000 },
		message: /^You can't withdraw €50\.00: the balance is only €38\.00\.$/
	},
	{
		rule: 'nothing can be withdrawn from an empty account',
		record: 'account',
		given: emptyAccount,
		when: { type: 'Withdraw', amountCents: 1 },
		message: /the balance is only €0\.00/
	},
	{
		rule: 'no money can be withdrawn before the account is opened',
		record: 'account',
		given: [],
		when: { type: 'Withdraw', amountCents: 100 },
		message: /hasn't been opened yet/
	},
	{
		rule: 'no money can be withdrawn from a closed account',
		record: 'account',
		given: closedAccount,
		when: { type: 'Withdraw', amountCents: 100 },
		message: /been closed, so no money can go in or out/
	},
	// CloseAccount
	{
		rule: 'an account that still holds money cannot be closed',
		record: 'account',
		given: funded,
		when: { type: 'CloseAccount' },
		message: /withdraw the remaining balance of €38\.00 first/
	},
	{
		rule: 'an account cannot be closed twice',
		record: 'account',
		given: closedAccount,
		when: { type: 'CloseAccount' },
		message: /already been closed/
	},
	{
		rule: 'an account that was never opened cannot be closed',
		record: 'account',
		given: [],
		when: { type: 'CloseAccount' },
		message: /hasn't been opened yet/
	},
	// LinkCustomer
	{
		rule: 'an order that does not exist cannot be linked to a customer',
		record: 'order',
		given: [],
		when: linkAda,
		message: /hasn't been created yet/
	},
	{
		rule: 'an order is not linked twice to the same customer',
		record: 'order',
		given: [{ ...createOrder, customerId: linkAda.customerId }],
		when: linkAda,
		message: /already linked to Ada Lovelace/
	},
	{
		rule: 'an account that does not exist cannot be linked to a customer',
		record: 'account',
		given: [],
		when: linkAda,
		message: /hasn't been opened yet/
	},
	{
		rule: 'an account is not linked twice to the same customer',
		record: 'account',
		given: [...closedAccount, linkAda],
		when: linkAda,
		message: /already linked to Ada Lovelace/
	}
];

interface SchemaRefusal {
	kind: string;
	record: Record;
	given: unknown[];
	when: unknown;
	/** The field the error points at; `[]` for the command as a whole. */
	path: (string | number)[];
}

const schemaRefusals: SchemaRefusal[] = [
	{
		kind: 'a negative quantity',
		record: 'order',
		given: draft,
		when: { ...addTea, lineId: 'line-pot', quantity: -1 },
		path: ['quantity']
	},
	{
		kind: 'a zero quantity',
		record: 'order',
		given: draft,
		when: { type: 'ChangeQuantity', lineId: 'line-mug', quantity: 0 },
		path: ['quantity']
	},
	{
		kind: 'a fractional quantity',
		record: 'order',
		given: draft,
		when: { type: 'ChangeQuantity', lineId: 'line-mug', quantity: 1.5 },
		path: ['quantity']
	},
	{
		kind: 'a quantity above the most a line can hold',
		record: 'order',
		given: draft,
		when: { type: 'ChangeQuantity', lineId: 'line-mug', quantity: 1_000_001 },
		path: ['quantity']
	},
	{
		kind: 'a quantity given as text',
		record: 'order',
		given: draft,
		when: { type: 'ChangeQuantity', lineId: 'line-mug', quantity: '3' },
		path: ['quantity']
	},
	{
		kind: 'a negative price',
		record: 'order',
		given: draft,
		when: { ...addTea, lineId: 'line-pot', unitPriceCents: -1 },
		path: ['unitPriceCents']
	},
	{
		kind: 'a price in fractions of a cent',
		record: 'order',
		given: draft,
		when: { ...addTea, lineId: 'line-pot', unitPriceCents: 4.5 },
		path: ['unitPriceCents']
	},
	{
		kind: 'a price above the most Rewind handles',
		record: 'order',
		given: draft,
		when: { ...addTea, lineId: 'line-pot', unitPriceCents: MAX_CENTS + 1 },
		path: ['unitPriceCents']
	},
	{
		kind: 'a blank customer name',
		record: 'order',
		given: [],
		when: { ...createOrder, customerName: '   ' },
		path: ['customerName']
	},
	{
		kind: 'an item name that is too long',
		record: 'order',
		given: draft,
		when: { ...addTea, lineId: 'line-pot', name: 'x'.repeat(201) },
		path: ['name']
	},
	{
		kind: 'a missing required field',
		record: 'order',
		given: draft,
		when: { type: 'AddItem', lineId: 'line-pot', unitPriceCents: 900, quantity: 1 },
		path: ['name']
	},
	{
		kind: 'a missing field of a nested address',
		record: 'order',
		given: draft,
		when: { type: 'SetDeliveryAddress', address: { ...address, city: undefined } },
		path: ['address', 'city']
	},
	{
		kind: 'a cancellation reason that is too long',
		record: 'order',
		given: draft,
		when: { type: 'CancelOrder', reason: 'x'.repeat(501) },
		path: ['reason']
	},
	{
		kind: 'a currency that is not an ISO code',
		record: 'order',
		given: [],
		when: { ...createOrder, currency: 'euro' },
		path: ['currency']
	},
	{
		kind: 'an unknown command type',
		record: 'order',
		given: draft,
		when: { type: 'ShipOrder' },
		path: ['type']
	},
	{
		kind: 'an unknown field',
		record: 'order',
		given: draft,
		when: { type: 'SubmitOrder', force: true },
		path: []
	},
	{
		kind: 'no command at all',
		record: 'order',
		given: draft,
		when: null,
		path: []
	},
	{
		kind: 'a negative amount',
		record: 'account',
		given: funded,
		when: { type: 'Withdraw', amountCents: -500 },
		path: ['amountCents']
	},
	{
		kind: 'a zero amount',
		record: 'account',
		given: funded,
		when: { type: 'Deposit', amountCents: 0 },
		path: ['amountCents']
	},
	{
		kind: 'an amount in fractions of a cent',
		record: 'account',
		given: funded,
		when: { type: 'Deposit', amountCents: 12.5 },
		path: ['amountCents']
	},
	{
		kind: 'an amount given as text',
		record: 'account',
		given: funded,
		when: { type: 'Deposit', amountCents: '12' },
		path: ['amountCents']
	},
	{
		kind: 'an amount above the most Rewind handles',
		record: 'account',
		given: funded,
		when: { type: 'Deposit', amountCents: MAX_CENTS + 1 },
		path: ['amountCents']
	},
	{
		kind: 'a note that is too long',
		record: 'account',
		given: funded,
		when: { type: 'Deposit', amountCents: 100, note: 'x'.repeat(501) },
		path: ['note']
	},
	{
		kind: 'a blank holder name',
		record: 'account',
		given: [],
		when: { ...openAccount, holderName: '' },
		path: ['holderName']
	},
	{
		kind: 'an unknown field on an account command',
		record: 'account',
		given: funded,
		when: { type: 'CloseAccount', force: true },
		path: []
	}
];

function repositoryFor(store: EventStore, record: Record) {
	// Snapshots every 2 events: a refused command must not leave a snapshot behind either.
	return record === 'order'
		? new AggregateRepository(store, { ...orderAggregate, snapshotEvery: 2 })
		: new AggregateRepository(store, { ...accountAggregate, snapshotEvery: 2 });
}

async function tryRefused(record: Record, given: unknown[], when: unknown) {
	const store = tracker.open(undefined, registry);
	const repository = repositoryFor(store, record);
	const streamId = record === 'order' ? ORDER : ACCOUNT;
	for (const [index, command] of given.entries()) {
		const now = new Date(Date.UTC(2026, 4, 12, 9, index));
		await repository.execute(streamId, command, { ...context, now });
	}
	const before = await dumpDatabase(databaseOf(store));
	const error = await repository
		.execute(streamId, when, { ...context, now: new Date(Date.UTC(2026, 4, 12, 10)) })
		.then(
			() => undefined,
			(caught: unknown) => caught
		);
	const after = await dumpDatabase(databaseOf(store));
	return { error, before, after };
}

/** A sentence for a person at a market stall: no code, no jargon, no ids, no stack. */
function expectPlainWords(message: string): void {
	expect(message).toMatch(/^[A-Z]/);
	expect(message).toMatch(/[.!]$/);
	expect(message.length).toBeLessThan(200);
	expect(message).not.toMatch(/\bundefined\b|\bnull\b|NaN|\[object|\bError\b|\n\s*at /);
	expect(message).not.toMatch(/expected .* received|invalid input|too (small|big)|zod|schema/i);
	// Amounts are formatted as money, not raw cents; no record ids either.
	expect(message).not.toMatch(/\d{5,}/);
	expect(message).not.toMatch(/[{}[\]]|order-|account-|line-/);
}

describe('business rules refused at the store', () => {
	it.each(businessRules)('$rule', async ({ record, given, when, message }) => {
		const { error, before, after } = await tryRefused(record, given, when);

		expect(error).toBeInstanceOf(IllegalStateError);
		expect((error as IllegalStateError).message).toMatch(message);
		expectPlainWords((error as IllegalStateError).message);
		expect(after, 'the database changed').toBe(before);
	});
});

describe('malformed commands refused at the store', () => {
	it.each(schemaRefusals)(
		'refuses $kind with a ValidationError naming the field',
		async ({ record, given, when, path }) => {
			const { error, before, after } = await tryRefused(record, given, when);

			expect(error).toBeInstanceOf(ValidationError);
			const { message, issues } = error as ValidationError;
			expect(issues.length).toBeGreaterThan(0);
			expect(issues.map((issue) => issue.path)).toContainEqual(path);
			if (path.length > 0) expect(message).toContain(path.join('.'));
			expect(message).not.toMatch(/\bundefined\b|\[object|\n\s*at /);
			expect(after, 'the database changed').toBe(before);
		}
	);

	it('refuses a command on a record of another kind, changing nothing', async () => {
		const store = tracker.open(undefined, registry);
		const orders = repositoryFor(store, 'order');
		const accounts = repositoryFor(store, 'account');
		await accounts.execute(ACCOUNT, openAccount, context);
		const before = await dumpDatabase(databaseOf(store));

		await expect(orders.execute(ACCOUNT, { type: 'SubmitOrder' }, context)).rejects.toThrow(
			ValidationError
		);
		await expect(orders.execute('order 1/2', createOrder, context)).rejects.toThrow(
			ValidationError
		);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});
});

describe('the tables above', () => {
	it('try every order and account command against its rules', () => {
		// A command both kinds of record take (LinkCustomer) is one name.
		const commands = new Set(
			[...orderCommandSchema.options, ...accountCommandSchema.options].map(
				(option) => option.shape.type.value
			)
		);
		const tried = new Set(businessRules.map(({ when }) => (when as { type: string }).type));
		expect([...tried].sort()).toEqual([...commands].sort());
	});
});
