import { describe, expect, it } from 'vitest';
import type { ReadEvent } from '../events';
import { EventWords } from './event-words';

function event(streamId: string, version: number, type: string, data: unknown): ReadEvent {
	return {
		eventId: `${streamId}-${version}`,
		streamId,
		version,
		type,
		schemaVersion: 1,
		data,
		metadata: {
			commandId: `${streamId}-command-${version}`,
			correlationId: 'c',
			userId: 'user-1',
			deviceId: 'device-1',
			occurredAt: '2026-12-05T10:00:00.000Z'
		},
		seq: version,
		sync: 'pending'
	};
}

const order = [
	event('order-1', 1, 'OrderCreated', {
		customerName: 'Lee',
		currency: 'EUR',
		createdAt: '2026-12-05T10:00:00.000Z',
		createdBy: 'user-1'
	}),
	event('order-1', 2, 'ItemAdded', { lineId: 'a', name: 'Tea', unitPriceCents: 300, quantity: 1 }),
	event('order-1', 3, 'ItemRemoved', { lineId: 'a' })
];

describe('EventWords', () => {
	it('describes a page of events from their streams, reading each stream once', async () => {
		const reads: string[] = [];
		const words = new EventWords((streamId, { toVersion }) => {
			reads.push(`${streamId}@${toVersion}`);
			return Promise.resolve(order.slice(0, toVersion));
		}, 'en-GB');

		// Newest first, as the feed shows it: only the removal is on the page.
		const first = await words.describe([order[2]!]);
		expect(first.get('order-1-3')).toBe('Removed Tea');
		expect(reads).toEqual(['order-1@3']);

		// Known words are kept; nothing is read again for them.
		const again = await words.describe([order[2]!, order[1]!]);
		expect(again.get('order-1-2')).toBe('Added 1 × Tea at €3.00');
		expect(reads).toEqual(['order-1@3']);
	});
});
