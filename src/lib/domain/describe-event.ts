import type { ReadEvent, RewoundData } from '../events';
import { REWOUND } from '../events/rewound';
import type { AccountEvent } from './accounts/events';
import { formatMoney } from './money';
import type { OrderEvent } from './orders/events';

export interface DescribeOptions {
	/** The record's currency, for amounts. */
	currency?: string;
	/** Item names by line id, for events that only name the line. */
	lineNames?: ReadonlyMap<string, string>;
	locale?: string;
}

/** One line of plain words for an event, as history and the activity feed show it. */
export function describeEvent(event: ReadEvent, options: DescribeOptions = {}): string {
	if (event.unknownType) return `A change this version of the app cannot show (${event.type})`;
	if (event.type === REWOUND) return describeRewind(event.data as RewoundData);
	const known = event as unknown as OrderEvent | AccountEvent;
	const money = (cents: number) => formatMoney(cents, options.currency ?? 'EUR', options.locale);
	const line = (lineId: string) => options.lineNames?.get(lineId) ?? 'an item';
	switch (known.type) {
		case 'OrderCreated':
			return `Created the order for ${known.data.customerName}`;
		case 'ItemAdded':
			return `Added ${known.data.quantity} × ${known.data.name} at ${money(known.data.unitPriceCents)}`;
		case 'ItemRemoved':
			return `Removed ${line(known.data.lineId)}`;
		case 'ItemQuantityChanged':
			return `Changed ${line(known.data.lineId)} to ${known.data.quantity}`;
		case 'DeliveryAddressSet':
			return `Set the delivery address to ${known.data.address.line1}, ${known.data.address.city}`;
		case 'OrderSubmitted':
			return 'Submitted the order';
		case 'OrderCancelled':
			return known.data.reason
				? `Cancelled the order: ${known.data.reason}`
				: 'Cancelled the order';
		case 'AccountOpened':
			return `Opened the account for ${known.data.holderName}`;
		case 'MoneyDeposited':
			return `Deposited ${money(known.data.amountCents)}${note(known.data.note)}`;
		case 'MoneyWithdrawn':
			return `Withdrew ${money(known.data.amountCents)}${note(known.data.note)}`;
		case 'AccountClosed':
			return 'Closed the account';
		default: {
			const exhaustive: never = known;
			return String(exhaustive);
		}
	}
}

function describeRewind(data: RewoundData): string {
	if (data.undoes) return `Undid a change (back to version ${data.toVersion})`;
	if (data.redoes) return `Redid a change (back to version ${data.toVersion})`;
	return `Restored the record to version ${data.toVersion}`;
}

function note(text: string | undefined): string {
	return text ? ` — ${text}` : '';
}

/** Item names by line id, from every ItemAdded of a record, so removals can name the item. */
export function lineNamesOf(events: readonly ReadEvent[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const event of events) {
		if (event.type === 'ItemAdded') {
			const { lineId, name } = event.data as { lineId: string; name: string };
			names.set(lineId, name);
		}
	}
	return names;
}
