import { describe, expect, it } from 'vitest';
import { MAX_EVENT_BYTES, type EventInput, type ReadEvent } from '../events';
import { rebase, rebaseOneByOne, type Redecide } from './rebase';
import type { StoredCommand } from './stored-command';
import { metadata, OCCURRED_AT, testRegistry } from './testing';

// The pure merge at the heart of a rebase: pending commands plus the stream as it is after
// the remote events, in; new pending events plus refusals, out. No IndexedDB anywhere.

const STREAM = 'counter-1';

/** A synced event of the stream, as a pull would have left it. */
function remote(version: number, by: number): ReadEvent {
	return {
		seq: version,
		eventId: `remote-${version}`,
		streamId: STREAM,
		version,
		type: 'Incremented',
		schemaVersion: 1,
		data: { by },
		metadata: metadata({ userId: 'user-2' }),
		sync: 'synced',
		position: version,
		recordedAt: OCCURRED_AT,
		recordedBy: 'user-2'
	};
}

/** A pending command that adds `by` to the counter (or, with `type`, anything else). */
function command(
	commandId: string,
	fields: Record<string, unknown> = {},
	type = 'Increment'
): StoredCommand {
	return {
		commandId,
		streamId: STREAM,
		command: { type, ...fields },
		correlationId: `correlation-${commandId}`,
		userId: 'user-1',
		deviceId: 'device-1',
		issuedAt: OCCURRED_AT,
		decidedAtVersion: 0,
		eventIds: [`old-${commandId}`]
	};
}

const total = (events: readonly ReadEvent[]) =>
	events.reduce((sum, event) => sum + (event.data as { by: number }).by, 0);

function increment(stored: StoredCommand, by: unknown): EventInput {
	return {
		type: 'Incremented',
		data: { by },
		metadata: metadata({ commandId: stored.commandId, userId: stored.userId })
	};
}

/**
 * A small decider over the fixture counter: `Increment {by}` adds; `IncrementUpTo {limit}` adds
 * whatever reaches the limit (nothing once there); `Double` adds the total so far; `Cap
 * {max}` refuses once the total is over `max`; anything else it does not know.
 */
const redecide: Redecide = (stored, events) => {
	const sum = total(events);
	const { type, ...fields } = stored.command;
	switch (type) {
		case 'Increment':
			return [increment(stored, fields.by)];
		case 'IncrementUpTo':
			return sum >= (fields.limit as number)
				? []
				: [increment(stored, (fields.limit as number) - sum)];
		case 'Double':
			return [increment(stored, sum)];
		case 'Cap':
			if (sum > (fields.max as number))
				throw new Error(`The counter is over ${fields.max as number}.`);
			return [increment(stored, 1)];
		default:
			throw new Error(`This change (${type}) cannot be decided again.`);
	}
};

function rebaseOn(events: ReadEvent[], commands: StoredCommand[]) {
	return rebase({ registry: testRegistry, streamId: STREAM, events, commands, redecide });
}

describe('rebase: pending commands on top of the remote events', () => {
	it('keeps a command that still fits, numbered after the remote events, with its new event ids', () => {
		const rebased = rebaseOn([remote(1, 5), remote(2, 5)], [command('a', { by: 2 })]);

		expect(rebased.refused).toEqual([]);
		expect(rebased.kept).toHaveLength(1);
		const [kept] = rebased.kept;
		expect(
			kept!.events.map(({ version, data, streamId }) => ({ version, data, streamId }))
		).toEqual([{ version: 3, data: { by: 2 }, streamId: STREAM }]);
		expect(kept!.command).toEqual({
			...command('a', { by: 2 }),
			eventIds: [kept!.events[0]!.eventId],
			decidedAtVersion: 2
		});
		expect(kept!.events[0]!.eventId).not.toBe('old-a');
	});

	it('changes what a command writes when the stream it now lands on differs', () => {
		const before = rebaseOn([], [command('a', { limit: 10 }, 'IncrementUpTo')]);
		const after = rebaseOn([remote(1, 7)], [command('a', { limit: 10 }, 'IncrementUpTo')]);

		expect(before.kept[0]!.events[0]!.data).toEqual({ by: 10 });
		expect(after.kept[0]!.events[0]!.data).toEqual({ by: 3 });
		expect(after.kept[0]!.events[0]!.version).toBe(2);
	});

	it('drops a command that decides nothing any more: neither kept nor refused', () => {
		const rebased = rebaseOn([remote(1, 10)], [command('a', { limit: 10 }, 'IncrementUpTo')]);

		expect(rebased).toEqual({ kept: [], refused: [] });
	});

	it('refuses a command whose decision throws, with the message for the user, and goes on', () => {
		const rebased = rebaseOn(
			[remote(1, 10)],
			[command('a', { max: 5 }, 'Cap'), command('b', { by: 1 })]
		);

		expect(rebased.refused).toEqual([
			{ command: command('a', { max: 5 }, 'Cap'), reason: 'The counter is over 5.' }
		]);
		expect(rebased.kept.map((kept) => kept.command.commandId)).toEqual(['b']);
		// The refused command left no gap: the next one follows the remote head.
		expect(rebased.kept[0]!.events[0]!.version).toBe(2);
		expect(rebased.kept[0]!.command.decidedAtVersion).toBe(1);
	});

	it('decides each command on the events the ones before it kept', () => {
		const seen: number[][] = [];
		const watching: Redecide = (stored, events) => {
			seen.push(events.map((event) => event.version));
			return redecide(stored, events);
		};
		const rebased = rebase({
			registry: testRegistry,
			streamId: STREAM,
			events: [remote(1, 3)],
			commands: [
				command('a', { by: 2 }),
				command('b', {}, 'Double'),
				command('c', { max: 9 }, 'Cap')
			],
			redecide: watching
		});

		expect(seen).toEqual([[1], [1, 2], [1, 2, 3]]);
		// b doubles 3 + 2; c sees 3 + 2 + 5 = 10, over its cap of 9.
		expect(rebased.kept.map((kept) => [kept.command.commandId, kept.events[0]!.data])).toEqual([
			['a', { by: 2 }],
			['b', { by: 5 }]
		]);
		expect(rebased.kept.map((kept) => kept.command.decidedAtVersion)).toEqual([1, 2]);
		expect(rebased.refused.map((refused) => refused.command.commandId)).toEqual(['c']);
	});

	it('shows later commands the kept events as pending, upcast like any read', () => {
		let last: ReadEvent | undefined;
		rebase({
			registry: testRegistry,
			streamId: STREAM,
			events: [],
			commands: [command('a', { by: 4 }), command('b', { by: 1 })],
			redecide: (stored, events) => {
				last = events.at(-1);
				return redecide(stored, events);
			}
		});

		expect(last).toMatchObject({
			streamId: STREAM,
			version: 1,
			type: 'Incremented',
			data: { by: 4 },
			sync: 'pending'
		});
	});

	it('refuses a commandless `$Events` change it cannot decide again, events and all', () => {
		const events = [{ type: 'Incremented', data: { by: 1 }, metadata: metadata() }];
		const bare = command('raw', { events }, '$Events');
		const rebased = rebaseOn([remote(1, 1)], [bare, command('b', { by: 1 })]);

		expect(rebased.refused).toEqual([
			{ command: bare, reason: 'This change ($Events) cannot be decided again.' }
		]);
		expect(rebased.refused[0]!.command.command.events).toEqual(events);
		expect(rebased.kept.map((kept) => kept.command.commandId)).toEqual(['b']);
	});

	it('refuses a command whose new event is too big to push, or invalid, as the store would', () => {
		const huge = 'x'.repeat(MAX_EVENT_BYTES);
		const writesNote: Redecide = (stored, events) =>
			stored.command.type === 'Note'
				? [{ type: 'NoteWritten', data: { title: stored.command.text }, metadata: metadata() }]
				: redecide(stored, events);
		const rebased = rebase({
			registry: testRegistry,
			streamId: STREAM,
			events: [remote(1, 1)],
			commands: [
				command('big', { text: huge }, 'Note'),
				command('empty', { text: '' }, 'Note'),
				command('b', { by: 1 })
			],
			redecide: writesNote
		});

		expect(rebased.refused.map((refused) => refused.command.commandId)).toEqual(['big', 'empty']);
		expect(rebased.refused[0]!.reason).toMatch(/too (big|large)|bytes/i);
		expect(rebased.refused[1]!.reason).toMatch(/^Event 1:/);
		expect(rebased.kept.map((kept) => [kept.command.commandId, kept.events[0]!.version])).toEqual([
			['b', 2]
		]);
	});

	it('one by one: a command refused at an earlier remote event stays refused, and says at which', () => {
		// The second remote event takes the total back down (a correction), where the cap fits again.
		const events = [remote(1, 6), remote(2, -6)];
		const commands = [command('capped', { max: 5 }, 'Cap'), command('b', { by: 1 })];
		const input = { registry: testRegistry, streamId: STREAM, events, commands, redecide };

		const stepped = rebaseOneByOne(input, [1, 2]);
		expect(stepped.refused.map(({ command: c, at }) => [c.commandId, at])).toEqual([['capped', 1]]);
		expect(stepped.kept.map(({ command: c, events: e }) => [c.commandId, e[0]!.version])).toEqual([
			['b', 3]
		]);
		// As one page it would fit: pulling the two events one at a time must not give another end.
		expect(rebase(input).refused).toEqual([]);
		const once = rebaseOneByOne(input, [2]);
		expect(once.refused).toEqual([]);
		expect(once.kept.map(({ command: c }) => c.commandId)).toEqual(['capped', 'b']);
	});
});
