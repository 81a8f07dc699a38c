import { afterEach, describe, expect, it, vi } from 'vitest';
import { VersionConflictError } from '../errors';
import type { StoredEvent } from '../events';
import { EventStore } from '../eventstore';
import { AggregateRepository } from './aggregate-repository';
import { handleCommand, type CommandHandler } from './handle-command';
import { issueCommand } from './issued-command';
import { counterAggregate, testRegistry } from '../testing';

const user = { userId: 'ada', deviceId: 'laptop' };
const stores: EventStore[] = [];
afterEach(() => {
	for (const store of stores.splice(0)) store.close();
});

function open() {
	const store = new EventStore({ name: crypto.randomUUID(), registry: testRegistry });
	stores.push(store);
	return { store, counters: new AggregateRepository(store, counterAggregate()) };
}

/** A handler that increments by one on whatever head it reads, counting its loads. */
function incrementing(store: EventStore) {
	const loads = vi.fn();
	const handler: CommandHandler<number, { type: 'Increment' }, StoredEvent[]> = {
		async load(streamId) {
			loads();
			const version = await store.streamVersion(streamId);
			return { state: version, version };
		},
		decide: () => ({ events: [{ type: 'Incremented', data: { by: 1 } }] }),
		appended: (_streamId, _issued, _current, { events }) => events,
		unchanged: () => [],
		firstRun: (_streamId, _issued, events) => events
	};
	return { handler, loads };
}

describe('the command path', () => {
	it('looks up an earlier run only for an id the caller brought', async () => {
		const { store, counters } = open();
		await counters.execute('counter-1', { type: 'Increment', by: 1 }, user);
		const lookups = vi.spyOn(store, 'eventsOfCommand');

		await counters.execute('counter-1', { type: 'Noop' }, user);
		expect(lookups).not.toHaveBeenCalled();

		await counters.execute('counter-1', { type: 'Noop' }, { ...user, commandId: 'armed' });
		expect(lookups).toHaveBeenCalledWith('armed');
	});

	it('decides again on a conflict, but not when the caller named the version it decided on', async () => {
		const { store, counters } = open();
		await counters.execute('counter-1', { type: 'Increment', by: 1 }, user);

		const stale = incrementing(store);
		await expect(
			handleCommand(store, stale.handler, 'counter-1', issueCommand({ type: 'Increment' }, user), {
				expectedVersion: 0
			})
		).rejects.toThrow(VersionConflictError);
		expect(stale.loads).toHaveBeenCalledTimes(1);
		expect(await store.streamVersion('counter-1')).toBe(1);

		const fresh = incrementing(store);
		const [event] = await handleCommand(
			store,
			fresh.handler,
			'counter-1',
			issueCommand({ type: 'Increment' }, user)
		);
		expect(event).toMatchObject({ version: 2, type: 'Incremented' });
	});
});
