import { describe, expect, it } from 'vitest';
import type { ReadEvent } from '../events';
import { describeStream } from './describe-stream';

const T0 = Date.parse('2026-12-05T10:00:00Z');

/** A stream written one event at a time: each `add` is the next version, its own command unless told. */
function stream(streamId: string) {
	const events: ReadEvent[] = [];
	const add = (type: string, data: unknown, commandId = `command-${events.length + 1}`) => {
		const version = events.length + 1;
		events.push({
			eventId: `event-${version}`,
			streamId,
			version,
			type,
			schemaVersion: 1,
			data,
			metadata: {
				commandId,
				correlationId: commandId,
				userId: 'user-1',
				deviceId: 'device-1',
				occurredAt: new Date(T0 + version * 60_000).toISOString()
			},
			seq: version,
			sync: 'pending'
		});
		return commandId;
	};
	const words = () =>
		[...describeStream(events, { locale: 'en-GB', timeZone: 'UTC' }).values()].slice(1);
	return { events, add, words };
}

function order() {
	const record = stream('order-1');
	record.add('OrderCreated', {
		customerName: 'Café Aurora',
		currency: 'EUR',
		createdAt: new Date(T0).toISOString(),
		createdBy: 'user-1'
	});
	return record;
}

const item = (lineId: string, name: string, quantity = 1) => ({
	lineId,
	name,
	unitPriceCents: 350,
	quantity
});

describe('describeStream', () => {
	it('names an item by the name it had, even after it was removed', () => {
		const { add, words } = order();
		add('ItemAdded', item('line-a', 'Tea', 2));
		add('ItemAdded', item('line-b', 'Cake'));
		add('ItemQuantityChanged', { lineId: 'line-a', quantity: 3 });
		add('ItemRemoved', { lineId: 'line-a' });
		expect(words()).toEqual([
			'Added 2 × Tea at €3.50',
			'Added 1 × Cake at €3.50',
			'Changed Tea to 3',
			'Removed Tea'
		]);
	});

	it('names a line by the record as it was then when its id came back with another item', () => {
		const { add, words } = order();
		add('ItemAdded', item('line-a', 'Tea'));
		add('ItemRemoved', { lineId: 'line-a' });
		add('ItemAdded', item('line-a', 'Coffee'));
		// Back to version 2, where line-a is Tea again: what follows is about Tea, not Coffee.
		add('$Rewound', { toVersion: 2 });
		add('ItemQuantityChanged', { lineId: 'line-a', quantity: 4 });
		expect(words()).toEqual([
			'Added 1 × Tea at €3.50',
			'Removed Tea',
			'Added 1 × Coffee at €3.50',
			'Restored to how it was on 5 Dec 2026, 10:02 (version 2)',
			'Changed Tea to 4'
		]);
	});

	it('says what an undo undid and a redo redid', () => {
		const { add, words } = order();
		const adding = add('ItemAdded', item('line-a', 'Tea', 2));
		add('$Rewound', { toVersion: 1, undoes: adding });
		add('$Rewound', { toVersion: 2, redoes: adding });
		const removing = add('ItemRemoved', { lineId: 'line-a' });
		add('$Rewound', { toVersion: 4, undoes: removing });
		expect(words()).toEqual([
			'Added 2 × Tea at €3.50',
			'Undid: Add 2 × Tea',
			'Redid: Add 2 × Tea',
			'Removed Tea',
			'Undid: Remove Tea'
		]);
	});

	it('names every event of an undone command', () => {
		const { add, words } = order();
		add('ItemAdded', item('line-a', 'Tea'), 'both');
		add('ItemAdded', item('line-b', 'Cake'), 'both');
		add('$Rewound', { toVersion: 1, undoes: 'both' });
		expect(words().at(-1)).toBe('Undid: Add 1 × Tea, Add 1 × Cake');
	});

	it('says plainly when the undone command is not in the stream', () => {
		const { add, words } = order();
		add('$Rewound', { toVersion: 1, undoes: 'elsewhere' });
		add('$Rewound', { toVersion: 1, redoes: 'elsewhere' });
		expect(words()).toEqual(['Undid a change', 'Redid a change']);
	});

	it("uses the account's currency for amounts and their undoing", () => {
		const { add, words } = stream('account-1');
		add('AccountOpened', {
			holderName: 'Lee',
			currency: 'USD',
			openedAt: new Date(T0).toISOString(),
			openedBy: 'user-1'
		});
		const deposit = add('MoneyDeposited', { amountCents: 1000, at: new Date(T0).toISOString() });
		add('$Rewound', { toVersion: 1, undoes: deposit });
		expect(words()).toEqual(['Deposited US$10.00', 'Undid: Deposit US$10.00']);
	});

	it('describes the first event and an empty stream', () => {
		const { events } = order();
		expect([...describeStream(events).values()]).toEqual(['Created the order for Café Aurora']);
		expect(describeStream([]).size).toBe(0);
	});
});
