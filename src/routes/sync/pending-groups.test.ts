import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '$lib/events';
import { groupPending } from './pending-groups';

function event(seq: number, streamId: string, version: number): StoredEvent {
	return {
		eventId: `e${seq}`,
		streamId,
		version,
		type: 'MoneyDeposited',
		schemaVersion: 1,
		data: {},
		metadata: {
			commandId: `c${seq}`,
			correlationId: `c${seq}`,
			userId: 'u',
			deviceId: 'd',
			occurredAt: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString()
		},
		seq,
		sync: 'pending'
	};
}

describe('groupPending', () => {
	it('groups by record, most recently changed record first, newest change first', () => {
		const groups = groupPending([
			event(1, 'order-a', 3),
			event(2, 'account-b', 1),
			event(3, 'order-a', 4),
			event(4, 'account-b', 2),
			event(5, 'order-c', 7)
		]);
		expect(groups.map((group) => group.streamId)).toEqual(['order-c', 'account-b', 'order-a']);
		expect(groups[2]!.events.map((e) => e.seq)).toEqual([3, 1]);
		expect(groups[2]!.fromVersion).toBe(3);
		expect(groups[2]!.latestAt).toBe('2026-01-01T00:03:00.000Z');
	});

	it('is empty with nothing pending', () => {
		expect(groupPending([])).toEqual([]);
	});
});
