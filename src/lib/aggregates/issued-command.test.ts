import { afterEach, describe, expect, it } from 'vitest';
import { EventStore } from '../eventstore';
import { AggregateRepository } from './aggregate-repository';
import {
	contextOf,
	issueCommand,
	issuedOf,
	metadataOf,
	storedCommandOf,
	type IssuedCommand
} from './issued-command';
import { counterAggregate, testRegistry } from '../testing';

const user = { userId: 'ada', deviceId: 'laptop' };
const at = new Date('2026-03-01T10:00:00.000Z');

describe('a command as issued', () => {
	it('gets a fresh id, its own correlation and the time it is issued when none is given', () => {
		const before = Date.now();
		const first = issueCommand({ type: 'Reset' }, user);
		const second = issueCommand({ type: 'Reset' }, user);
		expect(first.commandId).not.toBe(second.commandId);
		expect(first.correlationId).toBe(first.commandId);
		expect(first).not.toHaveProperty('causationId');
		expect(first.issuedAt.getTime()).toBeGreaterThanOrEqual(before);
	});

	it('gives its decide context, its events’ metadata and its stored form the same provenance', () => {
		const issued = issueCommand(
			{ type: 'Increment', by: 2 },
			{ ...user, commandId: 'c-1', correlationId: 'flow', causationId: 'c-0', now: at }
		);
		const provenance = {
			commandId: 'c-1',
			correlationId: 'flow',
			causationId: 'c-0',
			userId: 'ada',
			deviceId: 'laptop'
		};
		expect(contextOf(issued)).toEqual({ ...provenance, now: at });
		expect(metadataOf(issued)).toEqual({ ...provenance, occurredAt: at.toISOString() });
		expect(storedCommandOf(issued, 4)).toEqual({
			...provenance,
			command: { type: 'Increment', by: 2 },
			issuedAt: at.toISOString(),
			decidedAtVersion: 4
		});
	});

	it('stores another payload when the decision says so (a rewind stores its aim)', () => {
		const issued = issueCommand({ type: '$Rewind', toVersion: 1 }, { ...user, now: at });
		const aim = { type: '$Rewind', toVersion: 1, othersReverted: 0 };
		expect(storedCommandOf(issued, 3, aim).command).toBe(aim);
	});

	it('is issued again from its stored form, at the time the user issued it', () => {
		const issued: IssuedCommand = issueCommand(
			{ type: 'Increment', by: 3 },
			{ ...user, commandId: 'c-2', now: at }
		);
		const stored = {
			...storedCommandOf(issued, 1),
			streamId: 'counter-1',
			eventIds: ['e-1']
		};
		expect(issuedOf(stored)).toEqual(issued);
	});
});

describe('the change an execute reports', () => {
	const stores: EventStore[] = [];
	afterEach(() => {
		for (const store of stores.splice(0)) store.close();
	});

	it('is the version range it wrote, the same when run again, and empty when nothing changed', async () => {
		const store = new EventStore({ name: crypto.randomUUID(), registry: testRegistry });
		stores.push(store);
		const counters = new AggregateRepository(store, counterAggregate());
		await counters.execute('counter-1', { type: 'Increment', by: 1 }, user);

		const first = await counters.execute(
			'counter-1',
			{ type: 'Increment', by: 2 },
			{ ...user, commandId: 'c' }
		);
		expect(first.change).toEqual({ streamId: 'counter-1', commandId: 'c', before: 1, after: 2 });
		await counters.execute('counter-1', { type: 'Reset' }, user);
		const again = await counters.execute(
			'counter-1',
			{ type: 'Increment', by: 2 },
			{ ...user, commandId: 'c' }
		);
		expect(again.change).toEqual(first.change);

		const noop = await counters.execute('counter-1', { type: 'Noop' }, { ...user, commandId: 'n' });
		expect(noop.change).toEqual({ streamId: 'counter-1', commandId: 'n', before: 3, after: 3 });
	});
});
