// Model-based test of the domain over the real event store: random sequences of order and
// account commands, valid and invalid, against a plain in-memory model written from the rules
// in DESIGN.md (not from the domain's evolve). After every command the store must agree with
// the model; after a reload, state from snapshots must equal a full replay and the model.
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AggregateRepository } from '../aggregates/aggregate-repository';
import { IllegalStateError, ValidationError } from '../errors';
import { createEventRegistry } from '../events';
import { EventStore } from '../eventstore/event-store';
import { databaseOf, dumpDatabase, uniqueName } from '../eventstore/testing';
import { accountAggregate } from './accounts/aggregate';
import type { AccountState } from './accounts/state';
import { domainEventTypes } from './event-types';
import { MAX_CENTS } from './money';
import { orderAggregate } from './orders/aggregate';
import { QUANTITY_MAX } from './orders/events';
import type { OrderState } from './orders/state';
import { orderTotalCents } from './orders/totals';

// A failure prints fast-check's seed and path; FC_SEED=<seed> replays it.
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

const registry = createEventRegistry(domainEventTypes);
const ORDER_IDS = ['order-o1', 'order-o2'] as const;
const ACCOUNT_IDS = ['account-a1', 'account-a2'] as const;
const LINE_IDS = ['line-1', 'line-2', 'line-3'];
const USER = { userId: 'user-ada', deviceId: 'device-tablet' };
const START = Date.UTC(2026, 0, 1, 9);
const SNAPSHOT_EVERY = 3;

// ---------------------------------------------------------------------------------------------
// The model: plain records and the rules, checked one by one.

type Outcome = 'accepted' | 'unchanged' | 'refused-validation' | 'refused-rule';

interface ModelLine {
	lineId: string;
	name: string;
	sku?: string;
	unitPriceCents: number;
	quantity: number;
}

interface ModelAddress {
	line1: string;
	line2?: string;
	city: string;
	postcode: string;
	country: string;
}

interface ModelOrder {
	status: 'none' | 'draft' | 'submitted' | 'cancelled';
	version: number;
	customerName?: string;
	currency?: string;
	items: ModelLine[];
	deliveryAddress?: ModelAddress;
	reason?: string;
	createdAt?: string;
	createdBy?: string;
	submittedAt?: string;
	cancelledAt?: string;
}

interface ModelAccount {
	status: 'none' | 'open' | 'closed';
	version: number;
	holderName?: string;
	currency?: string;
	balanceCents: number;
	openedAt?: string;
	openedBy?: string;
	closedAt?: string;
}

interface Step<Record> {
	outcome: Outcome;
	next: Record;
}

const INVALID = Symbol('invalid');
type Checked<T> = T | typeof INVALID;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Record<string, unknown>, allowed: string[]): boolean {
	return Object.keys(value).every((key) => allowed.includes(key));
}

function wholeNumber(value: unknown, min: number, max: number): Checked<number> {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
		? value
		: INVALID;
}

function requiredText(value: unknown, max: number): Checked<string> {
	if (typeof value !== 'string') return INVALID;
	const trimmed = value.trim();
	return trimmed.length >= 1 && trimmed.length <= max ? trimmed : INVALID;
}

/** Blank optional text counts as not given. */
function optionalText(value: unknown, max: number): Checked<string | undefined> {
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value.trim().length > max) return INVALID;
	return value.trim() || undefined;
}

function lineId(value: unknown): Checked<string> {
	return typeof value === 'string' && value.length >= 1 && value.length <= 100 ? value : INVALID;
}

function currency(value: unknown): Checked<string> {
	return typeof value === 'string' && /^[A-Z]{3}$/.test(value) ? value : INVALID;
}

function anyInvalid(...values: unknown[]): boolean {
	return values.includes(INVALID);
}

function modelTotal(items: readonly ModelLine[]): number {
	let total = 0;
	for (const line of items) total += line.unitPriceCents * line.quantity;
	return total;
}

function stepOrder(order: ModelOrder, command: unknown, now: string): Step<ModelOrder> {
	const refused = (outcome: Outcome): Step<ModelOrder> => ({ outcome, next: order });
	const accepted = (next: Omit<ModelOrder, 'version'>): Step<ModelOrder> => ({
		outcome: 'accepted',
		next: { ...next, version: order.version + 1 }
	});
	if (!isRecord(command)) return refused('refused-validation');
	const c = command;
	switch (c.type) {
		case 'CreateOrder': {
			const name = requiredText(c.customerName, 200);
			const code = currency(c.currency);
			if (!onlyKeys(c, ['type', 'customerName', 'currency']) || anyInvalid(name, code))
				return refused('refused-validation');
			if (order.status !== 'none') return refused('refused-rule');
			return accepted({
				status: 'draft',
				customerName: name as string,
				currency: code as string,
				items: [],
				createdAt: now,
				createdBy: USER.userId
			});
		}
		case 'AddItem': {
			const id = lineId(c.lineId);
			const name = requiredText(c.name, 200);
			const sku = optionalText(c.sku, 64);
			const price = wholeNumber(c.unitPriceCents, 0, MAX_CENTS);
			const quantity = wholeNumber(c.quantity, 1, QUANTITY_MAX);
			const keys = ['type', 'lineId', 'name', 'sku', 'unitPriceCents', 'quantity'];
			if (!onlyKeys(c, keys) || anyInvalid(id, name, sku, price, quantity))
				return refused('refused-validation');
			if (order.status !== 'draft') return refused('refused-rule');
			if (order.items.some((line) => line.lineId === id)) return refused('refused-rule');
			const line: ModelLine = {
				lineId: id as string,
				name: name as string,
				...(sku ? { sku: sku as string } : {}),
				unitPriceCents: price as number,
				quantity: quantity as number
			};
			const items = [...order.items, line];
			if (modelTotal(items) > MAX_CENTS) return refused('refused-rule');
			return accepted({ ...order, items });
		}
		case 'RemoveItem': {
			const id = lineId(c.lineId);
			if (!onlyKeys(c, ['type', 'lineId']) || anyInvalid(id)) return refused('refused-validation');
			if (order.status !== 'draft') return refused('refused-rule');
			if (!order.items.some((line) => line.lineId === id)) return refused('refused-rule');
			return accepted({ ...order, items: order.items.filter((line) => line.lineId !== id) });
		}
		case 'ChangeQuantity': {
			const id = lineId(c.lineId);
			const quantity = wholeNumber(c.quantity, 1, QUANTITY_MAX);
			if (!onlyKeys(c, ['type', 'lineId', 'quantity']) || anyInvalid(id, quantity))
				return refused('refused-validation');
			if (order.status !== 'draft') return refused('refused-rule');
			const line = order.items.find((each) => each.lineId === id);
			if (!line) return refused('refused-rule');
			if (line.quantity === quantity) return refused('unchanged');
			const items = order.items.map((each) =>
				each.lineId === id ? { ...each, quantity: quantity as number } : each
			);
			if (modelTotal(items) > MAX_CENTS) return refused('refused-rule');
			return accepted({ ...order, items });
		}
		case 'SetDeliveryAddress': {
			const address = c.address;
			if (!onlyKeys(c, ['type', 'address']) || !isRecord(address))
				return refused('refused-validation');
			const line1 = requiredText(address.line1, 200);
			const line2 = optionalText(address.line2, 200);
			const city = requiredText(address.city, 100);
			const postcode = requiredText(address.postcode, 20);
			const country = requiredText(address.country, 100);
			const keys = ['line1', 'line2', 'city', 'postcode', 'country'];
			if (!onlyKeys(address, keys) || anyInvalid(line1, line2, city, postcode, country))
				return refused('refused-validation');
			if (order.status !== 'draft') return refused('refused-rule');
			return accepted({
				...order,
				deliveryAddress: {
					line1: line1 as string,
					...(line2 ? { line2: line2 as string } : {}),
					city: city as string,
					postcode: postcode as string,
					country: country as string
				}
			});
		}
		case 'SubmitOrder': {
			if (!onlyKeys(c, ['type'])) return refused('refused-validation');
			if (order.status !== 'draft' || order.items.length === 0) return refused('refused-rule');
			return accepted({ ...order, status: 'submitted', submittedAt: now });
		}
		case 'CancelOrder': {
			const reason = optionalText(c.reason, 500);
			if (!onlyKeys(c, ['type', 'reason']) || anyInvalid(reason))
				return refused('refused-validation');
			// A submitted order can be cancelled too: a new fact after its seal.
			if (order.status !== 'draft' && order.status !== 'submitted') return refused('refused-rule');
			const { submittedAt: _submittedAt, ...unsubmitted } = order;
			return accepted({
				...unsubmitted,
				status: 'cancelled',
				cancelledAt: now,
				...(reason ? { reason: reason as string } : {})
			});
		}
		default:
			return refused('refused-validation');
	}
}

function stepAccount(account: ModelAccount, command: unknown, now: string): Step<ModelAccount> {
	const refused = (outcome: Outcome): Step<ModelAccount> => ({ outcome, next: account });
	const accepted = (next: Omit<ModelAccount, 'version'>): Step<ModelAccount> => ({
		outcome: 'accepted',
		next: { ...next, version: account.version + 1 }
	});
	if (!isRecord(command)) return refused('refused-validation');
	const c = command;
	switch (c.type) {
		case 'OpenAccount': {
			const name = requiredText(c.holderName, 200);
			const code = currency(c.currency);
			if (!onlyKeys(c, ['type', 'holderName', 'currency']) || anyInvalid(name, code))
				return refused('refused-validation');
			if (account.status !== 'none') return refused('refused-rule');
			return accepted({
				status: 'open',
				holderName: name as string,
				currency: code as string,
				balanceCents: 0,
				openedAt: now,
				openedBy: USER.userId
			});
		}
		case 'Deposit':
		case 'Withdraw': {
			const amount = wholeNumber(c.amountCents, 1, MAX_CENTS);
			const note = optionalText(c.note, 500);
			if (!onlyKeys(c, ['type', 'amountCents', 'note']) || anyInvalid(amount, note))
				return refused('refused-validation');
			if (account.status !== 'open') return refused('refused-rule');
			const balanceCents =
				c.type === 'Deposit'
					? account.balanceCents + (amount as number)
					: account.balanceCents - (amount as number);
			if (balanceCents < 0 || balanceCents > MAX_CENTS) return refused('refused-rule');
			return accepted({ ...account, balanceCents });
		}
		case 'CloseAccount': {
			if (!onlyKeys(c, ['type'])) return refused('refused-validation');
			if (account.status !== 'open' || account.balanceCents !== 0) return refused('refused-rule');
			return accepted({ ...account, status: 'closed', closedAt: now });
		}
		default:
			return refused('refused-validation');
	}
}

// ---------------------------------------------------------------------------------------------
// What is compared: the same plain view of the model and of the domain's state.

function orderView(state: OrderState) {
	if (state.status === 'none') return { status: 'none' };
	return {
		status: state.status,
		customerName: state.customerName,
		currency: state.currency,
		items: state.items.map(({ lineId, name, sku, unitPriceCents, quantity }) => ({
			lineId,
			name,
			sku,
			unitPriceCents,
			quantity
		})),
		totalCents: orderTotalCents(state),
		deliveryAddress: state.deliveryAddress,
		reason: state.status === 'cancelled' ? state.reason : undefined,
		createdAt: state.createdAt,
		createdBy: state.createdBy,
		submittedAt: state.status === 'submitted' ? state.submittedAt : undefined,
		cancelledAt: state.status === 'cancelled' ? state.cancelledAt : undefined
	};
}

function modelOrderView(order: ModelOrder) {
	if (order.status === 'none') return { status: 'none' };
	const { version: _version, items, ...rest } = order;
	return {
		...rest,
		items: items.map((line) => ({ sku: undefined, ...line })),
		totalCents: modelTotal(items)
	};
}

function accountView(state: AccountState) {
	if (state.status === 'none') return { status: 'none' };
	const { status, holderName, currency, balanceCents, openedAt, openedBy } = state;
	const closedAt = state.status === 'closed' ? state.closedAt : undefined;
	return { status, holderName, currency, balanceCents, openedAt, openedBy, closedAt };
}

function modelAccountView(account: ModelAccount) {
	if (account.status === 'none') return { status: 'none' };
	const { version: _version, ...rest } = account;
	return rest;
}

// ---------------------------------------------------------------------------------------------
// Commands: mostly well-formed, some breaking a rule by chance, some malformed on purpose.

function often<T>(usual: fc.Arbitrary<T>, ...unusual: unknown[]): fc.Arbitrary<unknown> {
	return fc.oneof(
		{ weight: 12, arbitrary: usual },
		{ weight: 1, arbitrary: fc.constantFrom(...unusual) }
	);
}

/** Drops keys whose value is undefined, as a form leaves a field out. */
function compact(value: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined));
}

const name = often(fc.constantFrom('Ada Lovelace', ' Bo Chen ', 'Mug', 'Teapot'), '', '   ');
const code = often(fc.constantFrom('EUR', 'JPY'), 'euro', 'E');
const line = fc.constantFrom(...LINE_IDS);
const quantity = often(fc.integer({ min: 1, max: 4 }), 0, -1, 1.5, '2', QUANTITY_MAX + 1);
const price = often(fc.integer({ min: 0, max: 5000 }), -1, 4.5, 600_000_000_000, MAX_CENTS + 1);
const amount = often(fc.integer({ min: 1, max: 6000 }), 0, -50, 12.5, '12', MAX_CENTS);
const note = often(
	fc.constantFrom(undefined, '', '  ', ' Cash at the stall ', 'Refund'),
	'x'.repeat(501),
	42
);
const broken = fc.constantFrom(null, 'SubmitOrder', { type: 'ShipOrder' }, {});

const orderCommand: fc.Arbitrary<unknown> = fc.oneof(
	{
		weight: 2,
		arbitrary: fc.record({ type: fc.constant('CreateOrder'), customerName: name, currency: code })
	},
	{
		weight: 8,
		arbitrary: fc
			.record({ type: fc.constant('AddItem'), lineId: line, name, sku: note })
			.chain((base) =>
				fc.record({ unitPriceCents: price, quantity }).map((rest) => compact({ ...base, ...rest }))
			)
	},
	{ weight: 2, arbitrary: fc.record({ type: fc.constant('RemoveItem'), lineId: line }) },
	{
		weight: 5,
		arbitrary: fc.record({ type: fc.constant('ChangeQuantity'), lineId: line, quantity })
	},
	{
		weight: 2,
		arbitrary: fc
			.record({ line2: note, city: often(fc.constant('Leeds'), '', 7) })
			.map(({ line2, city }) => ({
				type: 'SetDeliveryAddress',
				address: compact({ line1: '1 Market Street', line2, city, postcode: 'LS1', country: 'GB' })
			}))
	},
	{
		weight: 1,
		arbitrary: fc.constantFrom({ type: 'SubmitOrder' }, { type: 'SubmitOrder', force: true })
	},
	{ weight: 1, arbitrary: note.map((reason) => compact({ type: 'CancelOrder', reason })) },
	{ weight: 1, arbitrary: broken }
);

const accountCommand: fc.Arbitrary<unknown> = fc.oneof(
	{
		weight: 1,
		arbitrary: fc.record({ type: fc.constant('OpenAccount'), holderName: name, currency: code })
	},
	{
		weight: 8,
		arbitrary: fc
			.record({ type: fc.constantFrom('Deposit', 'Withdraw'), amountCents: amount, note })
			.map(compact)
	},
	{
		weight: 1,
		arbitrary: fc.constantFrom({ type: 'CloseAccount' }, { type: 'CloseAccount', force: true })
	},
	{ weight: 1, arbitrary: broken }
);

type Action =
	| { kind: 'order'; streamId: string; command: unknown }
	| { kind: 'account'; streamId: string; command: unknown };

const action: fc.Arbitrary<Action> = fc.oneof(
	fc.record({
		kind: fc.constant('order' as const),
		streamId: fc.constantFrom(...ORDER_IDS, ORDER_IDS[0]),
		command: orderCommand
	}),
	fc.record({
		kind: fc.constant('account' as const),
		streamId: fc.constantFrom(...ACCOUNT_IDS, ACCOUNT_IDS[0]),
		command: accountCommand
	})
);

const create = (streamId: string): Action => ({
	kind: 'order',
	streamId,
	command: { type: 'CreateOrder', customerName: 'Ada Lovelace', currency: 'EUR' }
});
const open = (streamId: string): Action => ({
	kind: 'account',
	streamId,
	command: { type: 'OpenAccount', holderName: 'Grace Hopper', currency: 'EUR' }
});

/**
 * The first order and account exist from the start, so most sequences reach deep into their
 * lives; the others may or may not, so commands on records that don't exist are tried too.
 */
const setUp: fc.Arbitrary<Action[]> = fc
	.subarray([create(ORDER_IDS[1]), open(ACCOUNT_IDS[1])])
	.map((maybe) => [create(ORDER_IDS[0]), open(ACCOUNT_IDS[0]), ...maybe]);

const actions: fc.Arbitrary<Action[]> = fc
	.tuple(setUp, fc.array(action, { minLength: 15, maxLength: 40, size: 'max' }))
	.map(([first, rest]) => [...first, ...rest]);

// ---------------------------------------------------------------------------------------------

function repositories(store: EventStore, options = { snapshotEvery: SNAPSHOT_EVERY }) {
	return {
		orders: new AggregateRepository(store, { ...orderAggregate, ...options }),
		accounts: new AggregateRepository(store, { ...accountAggregate, ...options })
	};
}

/** Ignores every snapshot (another snapshotVersion) and never takes one: a full replay. */
const FULL_REPLAY = { snapshotEvery: Number.MAX_SAFE_INTEGER, snapshotVersion: 999 };

/** What the random runs exercised, so that a weak generator shows up as a failure. */
const coverage = new Map<string, number>();

function count(key: string): void {
	coverage.set(key, (coverage.get(key) ?? 0) + 1);
}

function commandType(command: unknown): string {
	return isRecord(command) && typeof command.type === 'string' ? command.type : 'malformed';
}

async function runAgainstModel(actions: readonly Action[]): Promise<void> {
	const name = uniqueName();
	const orders = new Map<string, ModelOrder>(
		ORDER_IDS.map((id) => [id, { status: 'none', version: 0, items: [] }])
	);
	const accounts = new Map<string, ModelAccount>(
		ACCOUNT_IDS.map((id) => [id, { status: 'none', version: 0, balanceCents: 0 }])
	);
	let store = new EventStore({ name, registry });
	try {
		const repos = repositories(store);
		for (const [index, { kind, streamId, command }] of actions.entries()) {
			const now = new Date(START + index * 60_000);
			const at = `command ${index + 1} ${JSON.stringify(command)} on ${streamId}`;
			const step =
				kind === 'order'
					? stepOrder(orders.get(streamId)!, command, now.toISOString())
					: stepAccount(accounts.get(streamId)!, command, now.toISOString());
			count(`${commandType(command)} ${step.outcome}`);
			const before =
				step.outcome === 'accepted' ? undefined : await dumpDatabase(databaseOf(store));

			const repository = kind === 'order' ? repos.orders : repos.accounts;
			const error = await repository
				.execute(streamId, command, { ...USER, now })
				.then(() => undefined)
				.catch((caught: unknown) => caught);

			if (step.outcome === 'accepted' || step.outcome === 'unchanged') {
				expect(error, `${at} should be accepted`).toBeUndefined();
			} else {
				const errorClass = step.outcome === 'refused-rule' ? IllegalStateError : ValidationError;
				expect(error, `${at} should be refused`).toBeInstanceOf(errorClass);
			}
			if (before !== undefined) {
				expect(await dumpDatabase(databaseOf(store)), `${at} changed the database`).toBe(before);
			}

			if (kind === 'order') {
				orders.set(streamId, step.next as ModelOrder);
				const loaded = await repos.orders.load(streamId);
				expect(orderView(loaded.state), at).toEqual(modelOrderView(step.next as ModelOrder));
				expect(loaded.version, at).toBe(step.next.version);
			} else {
				accounts.set(streamId, step.next as ModelAccount);
				const loaded = await repos.accounts.load(streamId);
				expect(accountView(loaded.state), at).toEqual(modelAccountView(step.next as ModelAccount));
				expect(loaded.version, at).toBe(step.next.version);
			}
		}

		for (const { version } of [...orders.values(), ...accounts.values()]) {
			if (version >= 2 * SNAPSHOT_EVERY) count('streams past two snapshots');
		}

		// A reload: a new store instance on the same database, as after closing the tab.
		store.close();
		store = new EventStore({ name, registry });
		const fromSnapshots = repositories(store);
		const replay = repositories(store, FULL_REPLAY);
		for (const [streamId, model] of orders) {
			const snapshot = await store.latestSnapshot(streamId);
			if (model.version >= SNAPSHOT_EVERY) expect(snapshot?.version).toBeGreaterThan(0);
			const loaded = await fromSnapshots.orders.load(streamId);
			const replayed = await replay.orders.load(streamId);
			expect(loaded, `${streamId} from snapshots`).toEqual(replayed);
			expect(orderView(replayed.state), streamId).toEqual(modelOrderView(model));
			expect(replayed.version).toBe(model.version);
		}
		for (const [streamId, model] of accounts) {
			const snapshot = await store.latestSnapshot(streamId);
			if (model.version >= SNAPSHOT_EVERY) expect(snapshot?.version).toBeGreaterThan(0);
			const loaded = await fromSnapshots.accounts.load(streamId);
			const replayed = await replay.accounts.load(streamId);
			expect(loaded, `${streamId} from snapshots`).toEqual(replayed);
			expect(accountView(replayed.state), streamId).toEqual(modelAccountView(model));
			expect(replayed.version).toBe(model.version);
		}
	} finally {
		store.close();
		await Dexie.delete(name);
	}
}

describe('orders and accounts over the event store, against a plain model', () => {
	it('accept exactly the commands the model accepts, refuse the rest changing nothing, and load the model state, also after a reload from snapshots', async () => {
		coverage.clear();
		await fc.assert(fc.asyncProperty(actions, runAgainstModel), { seed: SEED, numRuns: 100 });

		const types = ['CreateOrder', 'AddItem', 'RemoveItem', 'ChangeQuantity', 'SetDeliveryAddress'];
		types.push('SubmitOrder', 'CancelOrder', 'OpenAccount', 'Deposit', 'Withdraw', 'CloseAccount');
		for (const type of types) {
			expect(coverage.get(`${type} accepted`), `${type} accepted`).toBeGreaterThan(0);
			expect(coverage.get(`${type} refused-rule`), `${type} refused-rule`).toBeGreaterThan(0);
		}
		for (const type of types.filter((each) => each !== 'RemoveItem')) {
			const refused = coverage.get(`${type} refused-validation`);
			expect(refused, `${type} refused-validation`).toBeGreaterThan(0);
		}
		expect(coverage.get('ChangeQuantity unchanged')).toBeGreaterThan(0);
		expect(coverage.get('streams past two snapshots')).toBeGreaterThan(20);
	}, 60_000);

	it('hold a long life of one order and one account to the model', async () => {
		const life: Action[] = [
			{
				kind: 'order',
				streamId: 'order-o1',
				command: { type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' }
			},
			...[1, 2, 3].map((n): Action => ({
				kind: 'order',
				streamId: 'order-o1',
				command: {
					type: 'AddItem',
					lineId: `line-${n}`,
					name: 'Mug',
					unitPriceCents: 250 * n,
					quantity: n
				}
			})),
			{
				kind: 'order',
				streamId: 'order-o1',
				command: { type: 'ChangeQuantity', lineId: 'line-2', quantity: 2 }
			},
			{
				kind: 'order',
				streamId: 'order-o1',
				command: { type: 'ChangeQuantity', lineId: 'line-2', quantity: 7 }
			},
			{ kind: 'order', streamId: 'order-o1', command: { type: 'RemoveItem', lineId: 'line-1' } },
			{ kind: 'order', streamId: 'order-o1', command: { type: 'SubmitOrder' } },
			{ kind: 'order', streamId: 'order-o1', command: { type: 'CancelOrder' } },
			{
				kind: 'account',
				streamId: 'account-a1',
				command: { type: 'OpenAccount', holderName: 'Grace', currency: 'EUR' }
			},
			...Array.from({ length: 8 }, (_, n): Action => ({
				kind: 'account',
				streamId: 'account-a1',
				command: { type: n % 3 === 2 ? 'Withdraw' : 'Deposit', amountCents: 100 * (n + 1) }
			})),
			{
				kind: 'account',
				streamId: 'account-a1',
				command: { type: 'Withdraw', amountCents: 1_000_000 }
			},
			{ kind: 'account', streamId: 'account-a1', command: { type: 'CloseAccount' } }
		];
		await runAgainstModel(life);
	});
});
