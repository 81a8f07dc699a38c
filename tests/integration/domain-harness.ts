// The projection and undo integration tests' harness: the app's orders and accounts over a real
// event store, two projections of them, and a runner that can be awaited.
import fc from 'fast-check';
import { AggregateRepository, type CommandContextInput } from '../../src/lib/aggregates';
import { IllegalStateError } from '../../src/lib/errors';
import { accountAggregate } from '../../src/lib/domain/accounts/aggregate';
import type { AccountEvent } from '../../src/lib/domain/accounts/events';
import { domainEventTypes } from '../../src/lib/domain/event-types';
import { orderAggregate } from '../../src/lib/domain/orders/aggregate';
import type { OrderEvent } from '../../src/lib/domain/orders/events';
import type { OrderState } from '../../src/lib/domain/orders/state';
import { createEventRegistry, type ReadEvent } from '../../src/lib/events';
import type { EventStore } from '../../src/lib/eventstore';
import { within } from '../../src/lib/eventstore/testing';
import {
	defineProjection,
	type ProjectedRecord,
	type Projection
} from '../../src/lib/projections/define-projection';
import { foldRecords } from '../../src/lib/projections/fold-records';
import { ProjectionRunner } from '../../src/lib/projections/projection-runner';

export const domainRegistry = createEventRegistry(domainEventTypes);
/** The app's aggregates, for the seals a rewind checks. */
export const domainAggregates = [orderAggregate, accountAggregate];

export const ada = { userId: 'ada', deviceId: 'ada-laptop' } satisfies CommandContextInput;
export const bob = { userId: 'bob', deviceId: 'bob-phone' } satisfies CommandContextInput;

export function repositories(store: EventStore) {
	return {
		orders: new AggregateRepository(store, orderAggregate),
		accounts: new AggregateRepository(store, accountAggregate)
	};
}

/** An order list whose row is the order aggregate's own state. */
export const orderList = defineProjection<OrderState>({
	name: 'test-order-list',
	version: 1,
	filter: (streamId) => streamId.startsWith('order-'),
	initialState: orderAggregate.initialState,
	evolve: (row, event) => orderAggregate.evolve(row, event as ReadEvent & OrderEvent)
});

export interface BalanceRow {
	holderName: string;
	status: 'none' | 'open' | 'closed';
	balanceCents: number;
	movements: number;
}

/** Account balances, folded on their own (not through the aggregate). */
export const balances = defineProjection<BalanceRow>({
	name: 'test-balances',
	version: 1,
	filter: (streamId) => streamId.startsWith('account-'),
	initialState: () => ({ holderName: '', status: 'none', balanceCents: 0, movements: 0 }),
	evolve: (row, raw) => {
		const event = raw as ReadEvent & AccountEvent;
		switch (event.type) {
			case 'AccountOpened':
				return { ...row, holderName: event.data.holderName, status: 'open' };
			case 'MoneyDeposited':
				return {
					...row,
					balanceCents: row.balanceCents + event.data.amountCents,
					movements: row.movements + 1
				};
			case 'MoneyWithdrawn':
				return {
					...row,
					balanceCents: row.balanceCents - event.data.amountCents,
					movements: row.movements + 1
				};
			case 'AccountClosed':
				return { ...row, status: 'closed' };
			default:
				return row;
		}
	}
});

/** The same projection as the code would define it after a change: a new version. */
export function bumped<Row>(projection: Projection<Row>, version = projection.version + 1) {
	return defineProjection<Row>({ ...projection, version });
}

/** Rows as a plain object by stream id, so `toEqual` shows a readable diff. */
export function table<Row>(rows: ReadonlyMap<string, Row>): Record<string, Row> {
	return Object.fromEntries(rows);
}

export function rowsOf<Row>(records: ReadonlyMap<string, ProjectedRecord<Row>>): Map<string, Row> {
	return new Map(Array.from(records, ([streamId, record]) => [streamId, record.row]));
}

/** What the projection must show: a fold of the whole log in canonical order. */
export async function fullFold<Row>(
	store: EventStore,
	projection: Projection<Row>
): Promise<Record<string, Row>> {
	return table(rowsOf(foldRecords(projection, await store.readAll())));
}

const PUBLISH_TIMEOUT = 3000;

/** A runner whose publications can be awaited: each commit it follows publishes once. */
export class Follower<Row> {
	readonly runner: ProjectionRunner<Row>;
	publications = 0;
	latest: ReadonlyMap<string, Row> | undefined;
	readonly #waiters: (() => void)[] = [];

	constructor(store: EventStore, projection: Projection<Row>) {
		this.runner = new ProjectionRunner(store, projection, (rows) => {
			this.publications++;
			this.latest = rows;
			for (const wake of this.#waiters.splice(0)) wake();
		});
	}

	get rows(): Record<string, Row> {
		return table(this.runner.rows);
	}

	async start(): Promise<this> {
		await within(this.runner.start(), PUBLISH_TIMEOUT, 'the runner to load');
		return this;
	}

	/** Runs a write and waits for the rows it publishes; returns what the write returned. */
	async through<T>(write: () => Promise<T>): Promise<T> {
		const before = this.publications;
		const result = await write();
		await this.publishedAfter(before);
		return result;
	}

	publishedAfter(count: number): Promise<void> {
		const published = new Promise<void>((resolve) => {
			const check = () => {
				if (this.publications > count) resolve();
				else this.#waiters.push(check);
			};
			check();
		});
		return within(published, PUBLISH_TIMEOUT, `publication ${count + 1} of the rows`);
	}
}

/** Resolves after a few rounds of IndexedDB tasks, for asserting that nothing happens. */
export function quiet(ms = 50): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

const lineId = fc.constantFrom('a', 'b', 'c');

/** Order commands, valid by their schema; many break a business rule in a given state. */
export const orderCommand = fc.oneof(
	{
		arbitrary: fc.constant({ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' }),
		weight: 2
	},
	{
		arbitrary: fc.record({
			type: fc.constant('AddItem'),
			lineId,
			name: fc.constant('Mug'),
			unitPriceCents: fc.integer({ min: 0, max: 2_000 }),
			quantity: fc.integer({ min: 1, max: 5 })
		}),
		weight: 3
	},
	{ arbitrary: fc.record({ type: fc.constant('RemoveItem'), lineId }), weight: 1 },
	{
		arbitrary: fc.record({
			type: fc.constant('ChangeQuantity'),
			lineId,
			quantity: fc.integer({ min: 1, max: 5 })
		}),
		weight: 2
	},
	{
		arbitrary: fc.constant({
			type: 'SetDeliveryAddress',
			address: { line1: '1 Market Street', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' }
		}),
		weight: 1
	},
	{ arbitrary: fc.constant({ type: 'SubmitOrder' }), weight: 1 },
	{ arbitrary: fc.constant({ type: 'CancelOrder' }), weight: 1 }
);

/** Account commands, valid by their schema; withdrawals often exceed the balance. */
export const accountCommand = fc.oneof(
	{
		arbitrary: fc.constant({ type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' }),
		weight: 2
	},
	{
		arbitrary: fc.record({
			type: fc.constant('Deposit'),
			amountCents: fc.integer({ min: 1, max: 500 })
		}),
		weight: 3
	},
	{
		arbitrary: fc.record({
			type: fc.constant('Withdraw'),
			amountCents: fc.integer({ min: 1, max: 500 })
		}),
		weight: 3
	},
	{ arbitrary: fc.constant({ type: 'CloseAccount' }), weight: 1 }
);

export const ORDER_STREAMS = ['order-1', 'order-2', 'order-3'] as const;
export const ACCOUNT_STREAMS = ['account-1', 'account-2'] as const;
export const STREAMS = [...ORDER_STREAMS, ...ACCOUNT_STREAMS] as const;

export interface DomainCommandStep {
	kind: 'command';
	streamId: string;
	command: object;
	user: string;
}

/** A command on one of the test's records, by one of two users. */
export const domainCommand: fc.Arbitrary<DomainCommandStep> = fc.oneof(
	fc.record({
		kind: fc.constant('command' as const),
		streamId: fc.constantFrom(...ORDER_STREAMS),
		command: orderCommand,
		user: fc.constantFrom('ada', 'ada', 'ada', 'bob')
	}),
	fc.record({
		kind: fc.constant('command' as const),
		streamId: fc.constantFrom(...ACCOUNT_STREAMS),
		command: accountCommand,
		user: fc.constantFrom('ada', 'ada', 'ada', 'bob')
	})
);

/** Runs a command on whichever aggregate owns the stream; a refused command returns undefined. */
export async function execute(
	store: EventStore,
	step: { streamId: string; command: object; user: string }
) {
	const { orders, accounts } = repositories(store);
	const context = step.user === 'ada' ? ada : bob;
	const repository = step.streamId.startsWith('order-') ? orders : accounts;
	try {
		return await (repository as unknown as AggregateRepository<unknown, never, never>).execute(
			step.streamId,
			step.command,
			context
		);
	} catch (error) {
		if (error instanceof IllegalStateError) return undefined;
		throw error;
	}
}
