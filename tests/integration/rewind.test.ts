import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError, VersionConflictError } from '../../src/lib/errors';
import { REWOUND } from '../../src/lib/events';
import { databaseOf, dumpDatabase, StoreTracker } from '../../src/lib/eventstore/testing';
import { ada, domainRegistry, repositories, domainAggregates } from './domain-harness';
import { rewind } from '../../src/lib/undo/rewind';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

/** An account with five versions: opened, +1000, -300, +50, -750. */
async function ledger() {
	const store = stores.open(undefined, domainRegistry);
	const { accounts } = repositories(store);
	await accounts.execute(
		'account-1',
		{ type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' },
		ada
	);
	for (const [type, amountCents] of [
		['Deposit', 1_000],
		['Withdraw', 300],
		['Deposit', 50],
		['Withdraw', 750]
	] as const) {
		await accounts.execute('account-1', { type, amountCents }, ada);
	}
	return { store, accounts };
}

describe('rewind (restore to here)', () => {
	it('restores a record to any earlier version: its state becomes exactly the state at that version', async () => {
		const { store, accounts } = await ledger();
		const history = await Promise.all(
			[0, 1, 2, 3, 4, 5].map(async (version) =>
				version === 0
					? { status: 'none' }
					: (await accounts.stateAt('account-1', { version })).state
			)
		);
		expect(history.map((state) => (state as { balanceCents?: number }).balanceCents)).toEqual([
			undefined,
			0,
			1_000,
			700,
			750,
			0
		]);

		for (const toVersion of [2, 4, 0, 3, 1, 5]) {
			const head = await store.streamVersion('account-1');
			const event = await rewind(
				store,
				domainAggregates,
				{ streamId: 'account-1', toVersion, expectedVersion: head },
				ada
			);
			expect(event).toMatchObject({
				streamId: 'account-1',
				version: head + 1,
				type: REWOUND,
				data: { toVersion },
				sync: 'pending',
				metadata: { userId: 'ada', deviceId: 'ada-laptop' }
			});
			const loaded = await accounts.load('account-1');
			expect(loaded).toEqual({ state: history[toVersion], version: head + 1 });
		}
		// Nothing was deleted: every change and every restore is in the history.
		expect(await store.streamVersion('account-1')).toBe(11);
	});

	it('restores to a version that was itself a rewind: the state that rewind produced', async () => {
		const { store, accounts } = await ledger();
		await rewind(
			store,
			domainAggregates,
			{ streamId: 'account-1', toVersion: 2, expectedVersion: 5 },
			ada
		);
		await accounts.execute('account-1', { type: 'Withdraw', amountCents: 1 }, ada);
		const sixth = (await accounts.stateAt('account-1', { version: 6 })).state;
		expect(sixth).toMatchObject({ balanceCents: 1_000 });

		await rewind(
			store,
			domainAggregates,
			{ streamId: 'account-1', toVersion: 6, expectedVersion: 7 },
			ada
		);
		expect((await accounts.load('account-1')).state).toEqual(sixth);
	});

	it('stores the rewind as a command, with the version it was decided at', async () => {
		const { store } = await ledger();
		const event = await rewind(
			store,
			domainAggregates,
			{ streamId: 'account-1', toVersion: 3, expectedVersion: 5, undoes: 'c-9' },
			{ ...ada, commandId: 'restore-1', now: new Date('2026-04-05T06:07:08.000Z') }
		);
		expect(event.data).toEqual({ toVersion: 3, undoes: 'c-9' });
		expect(event.metadata).toMatchObject({
			commandId: 'restore-1',
			correlationId: 'restore-1',
			occurredAt: '2026-04-05T06:07:08.000Z'
		});
		const command = (await store.commandsOf('account-1')).find(
			(stored) => stored.commandId === 'restore-1'
		);
		expect(command).toMatchObject({
			command: { type: '$Rewind', toVersion: 3, undoes: 'c-9' },
			decidedAtVersion: 5,
			eventIds: [event.eventId],
			userId: 'ada'
		});
	});

	it.each([
		['below zero', -1],
		['the current version', 5],
		['past the current version', 6],
		['not a whole number', 2.5],
		['not a number', Number.NaN]
	])('refuses a toVersion %s with a ValidationError and writes nothing', async (_, toVersion) => {
		const { store } = await ledger();
		const before = await dumpDatabase(databaseOf(store));
		await expect(
			rewind(store, domainAggregates, { streamId: 'account-1', toVersion, expectedVersion: 5 }, ada)
		).rejects.toThrow(ValidationError);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});

	it('refuses a record that has no versions to go back to', async () => {
		const { store } = await ledger();
		const before = await dumpDatabase(databaseOf(store));
		await expect(
			rewind(
				store,
				domainAggregates,
				{ streamId: 'account-2', toVersion: 0, expectedVersion: 0 },
				ada
			)
		).rejects.toThrow(ValidationError);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});

	it('refuses with a VersionConflictError, writing nothing, when the record moved on since it was shown', async () => {
		const { store } = await ledger();
		const before = await dumpDatabase(databaseOf(store));
		await expect(
			rewind(
				store,
				domainAggregates,
				{ streamId: 'account-1', toVersion: 1, expectedVersion: 4 },
				ada
			)
		).rejects.toThrow(VersionConflictError);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});
});
