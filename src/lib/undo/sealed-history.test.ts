import { get } from 'svelte/store';
import { afterEach, describe, expect, it } from 'vitest';
import { AggregateRepository, type CommandContextInput } from '../aggregates';
import { counterAggregate, testRegistry } from '../testing';
import { isSealedHistoryError, SealedHistoryError } from '../errors';
import { REWOUND } from '../events';
import { databaseOf, dumpDatabase, StoreTracker } from '../eventstore/testing';
import { rewind } from './rewind';
import { lastSeal } from './seal';
import { UndoStack } from './undo-stack';

// DESIGN.md "Sealed history", on the library's own fixture: a counter's `Closed` seals its past.

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const ada = { userId: 'ada', deviceId: 'ada-laptop' } satisfies CommandContextInput;
const counter = counterAggregate();
const aggregates = [counter];
const SEAL_WORDS = 'The counter was closed, so changes before that can no longer be undone.';

function device() {
	const store = stores.open(undefined, testRegistry);
	const counters = new AggregateRepository(store, counter);
	const stack = new UndoStack(store, aggregates, () => ada);
	/** Runs a command; recorded on Ada's stack as the app does, unless `record` is false. */
	const act = async (command: object, record = true) => {
		const result = await counters.execute('counter-1', command, ada);
		if (record) {
			stack.record({
				streamId: 'counter-1',
				commandId: result.commandId,
				label: (command as { type: string }).type,
				before: result.version - result.events.length,
				after: result.version
			});
		}
		return result;
	};
	const value = async () => (await counters.load('counter-1')).state;
	return { store, counters, stack, act, value };
}

const increment = (by: number) => ({ type: 'Increment', by });
const close = { type: 'Close' };

async function refusal(promise: Promise<unknown>): Promise<SealedHistoryError> {
	const error = await promise.then(
		() => undefined,
		(error: unknown) => error
	);
	expect(error).toBeInstanceOf(SealedHistoryError);
	return error as SealedHistoryError;
}

describe('a rewind across the last seal is refused, and the log stays byte-identical', () => {
	it('undo of the sealing command', async () => {
		const { store, stack, act, value } = device();
		await act(increment(1));
		await act(increment(2));
		await act(close);
		const before = await dumpDatabase(databaseOf(store));

		const error = await refusal(stack.undo());
		expect(isSealedHistoryError(error)).toBe(true);
		expect(error).toMatchObject({
			name: 'SealedHistoryError',
			code: 'sealed_history',
			streamId: 'counter-1',
			sealVersion: 3,
			sealType: 'Closed',
			toVersion: 2,
			// The aggregate's own words: why, and what to do instead.
			message: SEAL_WORDS
		});
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect(await value()).toEqual({ value: 3, increments: 2, closed: true });
	});

	it('undo of a command before the seal, after the sealed one left the stack', async () => {
		const { store, stack, act } = device();
		await act(increment(1));
		await act(close);
		await refusal(stack.undo());
		// The refused entry can never be undone: the next Ctrl+Z reaches the one below, refused too.
		const before = await dumpDatabase(databaseOf(store));
		const error = await refusal(stack.undo());
		expect(error).toMatchObject({ sealVersion: 2, toVersion: 0 });
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect(await stack.undo()).toBeUndefined();
	});

	it('redo across a seal that came after the undo', async () => {
		const { store, stack, act, value } = device();
		await act(increment(1));
		await act(increment(2));
		await stack.undo(); // v3: back to version 1
		// Closed by a step not on Ada's stack (a reaction, say): redo is still offered.
		await act(close, false);
		const before = await dumpDatabase(databaseOf(store));

		const error = await refusal(stack.redo());
		expect(error).toMatchObject({ sealVersion: 4, sealType: 'Closed', toVersion: 2 });
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect(await value()).toEqual({ value: 1, increments: 1, closed: true });
	});

	it('restore to any version before the seal', async () => {
		const { store, act } = device();
		await act(increment(1));
		await act(increment(2));
		await act(close);
		const before = await dumpDatabase(databaseOf(store));
		for (const toVersion of [0, 1, 2]) {
			const error = await refusal(
				rewind(store, aggregates, { streamId: 'counter-1', toVersion }, ada)
			);
			expect(error).toMatchObject({ sealVersion: 3, toVersion });
			expect(await dumpDatabase(databaseOf(store))).toBe(before);
		}
	});
});

describe('rewinds that keep the seal are allowed', () => {
	it('restore to exactly the seal’s version, then undo and redo of that restore', async () => {
		const { store, stack, act, value } = device();
		await act(increment(1));
		await act(close);
		// After the seal the record still changes, by new commands.
		await act({ type: 'Annotate', text: 'counted twice' });
		const restored = await stack.restore('counter-1', 2, 'restore');
		expect(restored.event).toMatchObject({ version: 4, type: REWOUND, data: { toVersion: 2 } });
		expect(await value()).toEqual({ value: 1, increments: 1, closed: true });

		const undone = await stack.undo();
		expect(undone?.event.data).toMatchObject({ toVersion: 3 });
		const redone = await stack.redo();
		expect(redone?.event.data).toMatchObject({ toVersion: 4 });
		// Undoing the note itself goes back to exactly the seal: allowed too.
		await stack.undo();
		const noteUndone = await stack.undo();
		expect(noteUndone?.event.data).toMatchObject({ toVersion: 2 });
		expect(await store.streamVersion('counter-1')).toBe(8);
		expect(await value()).toEqual({ value: 1, increments: 1, closed: true });
		// And no further.
		await refusal(stack.undo());
	});

	it('before a seal exists, any version is allowed', async () => {
		const { store, act, value } = device();
		await act(increment(1));
		await act(increment(2));
		await rewind(store, aggregates, { streamId: 'counter-1', toVersion: 0 }, ada);
		expect(await value()).toEqual({ value: 0, increments: 0 });
	});
});

describe('the last seal is the last one in the effective history', () => {
	it('a seal rewound away (by a rewind from before seals) seals nothing; restoring it seals again', async () => {
		const { store, counters, act, value } = device();
		await act(increment(1));
		await act(close);
		// v3: a rewind to version 1, as an older build could write it, straight into the log.
		await store.append(
			'counter-1',
			[
				{
					type: REWOUND,
					data: { toVersion: 1 },
					metadata: {
						commandId: 'old-build-undo',
						correlationId: 'old-build-undo',
						userId: 'ada',
						deviceId: 'old',
						occurredAt: '2026-01-01T00:00:00.000Z'
					}
				}
			],
			{ expectedVersion: 2 }
		);
		expect(lastSeal(counter, await store.readStream('counter-1'))).toBeUndefined();
		expect(await value()).toEqual({ value: 1, increments: 1 });

		// v4: back to the closed state (version 2): sealed again.
		await rewind(store, aggregates, { streamId: 'counter-1', toVersion: 2 }, ada);
		expect(lastSeal(counter, await store.readStream('counter-1'))?.version).toBe(2);
		expect(await value()).toEqual({ value: 1, increments: 1, closed: true });
		const before = await dumpDatabase(databaseOf(store));
		// Version 3 is after the seal by number, but its state (version 1's) is from before it.
		for (const toVersion of [0, 1, 3]) {
			await refusal(rewind(store, aggregates, { streamId: 'counter-1', toVersion }, ada));
		}
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		await rewind(store, aggregates, { streamId: 'counter-1', toVersion: 2 }, ada);
		expect((await counters.load('counter-1')).version).toBe(5);
	});
});

describe('rewinds run once, in the stream’s turn', () => {
	it('a restore with an armed commandId, run twice in a row or at once, is one rewind', async () => {
		const { store, act, value } = device();
		await act(increment(1));
		await act(increment(2));
		const request = { streamId: 'counter-1', toVersion: 1 };
		const first = await rewind(store, aggregates, request, { ...ada, commandId: 'restore-1' });
		const before = await dumpDatabase(databaseOf(store));
		const again = await rewind(store, aggregates, request, { ...ada, commandId: 'restore-1' });
		expect(again).toEqual(first);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);

		const both = await Promise.all(
			[0, 0].map(() =>
				rewind(
					store,
					aggregates,
					{ streamId: 'counter-1', toVersion: 0 },
					{ ...ada, commandId: 'restore-2' }
				)
			)
		);
		expect(both[1]).toEqual(both[0]);
		expect(await store.streamVersion('counter-1')).toBe(4);
		expect(await value()).toEqual({ value: 0, increments: 0 });
	});

	it('an undo and a redo with armed commandIds, each run twice, are one undo and one redo', async () => {
		const { store, stack, act, value } = device();
		await act(increment(1));
		await act(increment(2));
		const undos = await Promise.all([
			stack.undo({ commandId: 'undo-1' }),
			stack.undo({ commandId: 'undo-1' })
		]);
		expect(undos[1]).toEqual(undos[0]);
		expect(await store.streamVersion('counter-1')).toBe(3);
		expect(await value()).toMatchObject({ value: 1 });
		const again = await stack.undo({ commandId: 'undo-1' });
		expect(again?.event.eventId).toBe(undos[0]?.event.eventId);
		expect(await store.streamVersion('counter-1')).toBe(3);

		const redo = await stack.redo({ commandId: 'redo-1' });
		expect(await stack.redo({ commandId: 'redo-1' })).toEqual(redo);
		expect(await store.streamVersion('counter-1')).toBe(4);
		expect(await value()).toMatchObject({ value: 3 });
	});

	it('an undo run again after its change was redone rewinds nothing, and leaves the stack as it is', async () => {
		const { store, stack, act, value } = device();
		await act(increment(1));
		await act(increment(2));
		await stack.undo({ commandId: 'undo-1' });
		await stack.redo({ commandId: 'redo-1' });
		const head = await store.streamVersion('counter-1');
		const top = get(stack.nextUndo);

		expect(await stack.undo({ commandId: 'undo-1' })).toBeUndefined();
		expect(await store.streamVersion('counter-1')).toBe(head);
		expect(await value()).toMatchObject({ value: 3 });
		expect(get(stack.nextUndo)).toEqual(top);
		expect(get(stack.canRedo)).toBe(false);
	});

	it('a command run again after it was undone stays undone: one entry, redo still offered', async () => {
		const { stack, counters, value } = device();
		const first = await stack.perform('Increment', () =>
			counters.execute('counter-1', increment(4), { ...ada, commandId: 'inc-1' })
		);
		await stack.undo();
		await stack.perform('Increment', () =>
			counters.execute('counter-1', increment(4), { ...ada, commandId: 'inc-1' })
		);
		expect(await value()).toMatchObject({ value: 0 });
		expect(get(stack.canUndo)).toBe(false);
		expect(get(stack.nextRedo)?.commandId).toBe(first.commandId);
	});

	it('a restore and a command racing on one stream: both happen, in the order issued', async () => {
		const { store, counters, act, value } = device();
		await act(increment(1));
		const [command, restore] = await Promise.all([
			counters.execute('counter-1', increment(10), ada),
			rewind(store, aggregates, { streamId: 'counter-1', toVersion: 1 }, ada)
		]);
		expect(command.version).toBe(2);
		expect(restore).toMatchObject({ version: 3, data: { toVersion: 1 } });
		expect(await value()).toMatchObject({ value: 1 });

		const [restoreFirst, commandAfter] = await Promise.all([
			rewind(store, aggregates, { streamId: 'counter-1', toVersion: 0 }, ada),
			counters.execute('counter-1', increment(5), ada)
		]);
		expect(restoreFirst.version).toBe(4);
		// The command decided on the state the restore left.
		expect(commandAfter).toMatchObject({ version: 5, state: { value: 5, increments: 1 } });
	});

	it('Ctrl+Z right after a click undoes that click, not the change before it with it', async () => {
		const { stack, counters, act, value } = device();
		await act(increment(1));
		const click = stack.perform('plus ten', () =>
			counters.execute('counter-1', increment(10), ada)
		);
		const undone = await stack.undo();
		const clicked = await click;
		expect(undone?.entry.commandId).toBe(clicked.commandId);
		expect(undone?.event.data).toMatchObject({ toVersion: 1 });
		expect(await value()).toMatchObject({ value: 1 });
		// The change before it is still there to undo, and the click can be redone.
		expect(get(stack.nextUndo)?.label).toBe('Increment');
		expect(get(stack.nextRedo)?.label).toBe('plus ten');
	});

	it('a restore waits for a close queued before it, and is then refused by its seal', async () => {
		const { store, counters, act } = device();
		await act(increment(1));
		const [closed, restore] = await Promise.allSettled([
			counters.execute('counter-1', close, ada),
			rewind(store, aggregates, { streamId: 'counter-1', toVersion: 0 }, ada)
		]);
		expect(closed.status).toBe('fulfilled');
		expect(restore).toMatchObject({ status: 'rejected', reason: { code: 'sealed_history' } });
		expect(await store.streamVersion('counter-1')).toBe(2);
	});
});
