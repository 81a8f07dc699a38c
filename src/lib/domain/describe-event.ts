import type { ReadEvent, RewoundData } from '../events';
import { REWOUND } from '../events/rewound-type';
import type { AccountEvent } from './accounts/events';
import type { CustomerEvent } from './customers/events';
import { formatMoney } from './money-format';
import type { OrderEvent } from './orders/events';
import type { SeriesEvent } from './series/events';

export interface DescribeOptions {
	/** The record's currency, for amounts. */
	currency?: string;
	/** Item names by line id, as the record had them just before the event. */
	lineNames?: ReadonlyMap<string, string>;
	locale?: string;
	/** For the times a restore names; the device's own zone when absent. */
	timeZone?: string;
	/** What a rewind went back over, found in the same stream (see `describeStream`). */
	rewind?: RewindContext;
}

export interface RewindContext {
	/** The undone or redone command in words, as its undo button named it: "Add 2 × Tea". */
	action?: string;
	/** When the version a restore returned to was made (ISO). */
	toTime?: string;
}

type KnownEvent = OrderEvent | AccountEvent | SeriesEvent | CustomerEvent;

/** One line of plain words for an event, as history and the activity feed show it. */
export function describeEvent(event: ReadEvent, options: DescribeOptions = {}): string {
	if (event.unknownType) return `A change this version of the app cannot show (${event.type})`;
	if (event.type === REWOUND) return describeRewind(event.data as RewoundData, options);
	const known = event as unknown as KnownEvent;
	const { money, line } = wordsFor(options);
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
		case 'PaymentRequested':
			return `Asked for ${money(known.data.amountCents)} from the customer's account`;
		case 'PaymentTaken':
			return 'The account paid the order';
		case 'PaymentFailed':
			return `The account did not pay: ${known.data.reason}`;
		case 'AccountOpened':
			return `Opened the account for ${known.data.holderName}`;
		case 'MoneyDeposited':
			return known.data.orderId
				? `Refunded ${money(known.data.amountCents)} for a cancelled order`
				: `Deposited ${money(known.data.amountCents)}${note(known.data.note)}`;
		case 'MoneyWithdrawn':
			return known.data.orderId
				? `Paid ${money(known.data.amountCents)} for an order`
				: `Withdrew ${money(known.data.amountCents)}${note(known.data.note)}`;
		case 'AccountClosed':
			return 'Closed the account';
		case 'NumberIssued':
			return `Issued number ${known.data.number}`;
		case 'SeriesNamed':
			return `Named the order numbers ${known.data.prefix}: ${known.data.prefix}-0001, ${known.data.prefix}-0002 and on`;
		case 'OrderCustomerLinked':
		case 'AccountCustomerLinked':
			return `Linked to the customer ${known.data.customerName}`;
		case 'CustomerRegistered':
			return `Registered the customer ${known.data.name}`;
		case 'CustomerDetailsChanged':
			return `Changed the details of ${known.data.name}`;
		case 'CustomerArchived':
			return 'Archived the customer';
		case 'CustomerReactivated':
			return 'Reactivated the customer';
		default: {
			const exhaustive: never = known;
			return String(exhaustive);
		}
	}
}

/**
 * What a person asked for when they made the event, in the words of the undo button:
 * "Add 2 × Tea", "Deposit €10.00". Undo and redo entries name what they went back over by it.
 */
export function describeAction(event: ReadEvent, options: DescribeOptions = {}): string {
	if (event.unknownType) return 'a change this version of the app cannot show';
	if (event.type === REWOUND) {
		const data = event.data as RewoundData;
		if (data.undoes) return 'Undo a change';
		if (data.redoes) return 'Redo a change';
		return `Restore version ${data.toVersion}`;
	}
	const known = event as unknown as KnownEvent;
	const { money, line } = wordsFor(options);
	switch (known.type) {
		case 'OrderCreated':
			return `Create the order for ${known.data.customerName}`;
		case 'ItemAdded':
			return `Add ${known.data.quantity} × ${known.data.name}`;
		case 'ItemRemoved':
			return `Remove ${line(known.data.lineId)}`;
		case 'ItemQuantityChanged':
			return `Change ${line(known.data.lineId)} to ${known.data.quantity}`;
		case 'DeliveryAddressSet':
			return 'Set the delivery address';
		case 'OrderSubmitted':
			return 'Submit the order';
		case 'OrderCancelled':
			return 'Cancel the order';
		case 'PaymentRequested':
			return 'Pay from the account';
		case 'PaymentTaken':
			return 'Confirm the payment';
		case 'PaymentFailed':
			return 'Note the failed payment';
		case 'AccountOpened':
			return `Open the account of ${known.data.holderName}`;
		case 'MoneyDeposited':
			return known.data.orderId
				? `Refund ${money(known.data.amountCents)}`
				: `Deposit ${money(known.data.amountCents)}`;
		case 'MoneyWithdrawn':
			return known.data.orderId
				? `Pay ${money(known.data.amountCents)} for an order`
				: `Withdraw ${money(known.data.amountCents)}`;
		case 'AccountClosed':
			return 'Close the account';
		case 'NumberIssued':
			return `Issue number ${known.data.number}`;
		case 'SeriesNamed':
			return `Name the series ${known.data.prefix}`;
		case 'OrderCustomerLinked':
		case 'AccountCustomerLinked':
			return `Link to ${known.data.customerName}`;
		case 'CustomerRegistered':
			return `Register ${known.data.name}`;
		case 'CustomerDetailsChanged':
			return 'Change the customer details';
		case 'CustomerArchived':
			return 'Archive the customer';
		case 'CustomerReactivated':
			return 'Reactivate the customer';
		default: {
			const exhaustive: never = known;
			return String(exhaustive);
		}
	}
}

function wordsFor(options: DescribeOptions) {
	return {
		money: (cents: number) => formatMoney(cents, options.currency ?? 'EUR', options.locale),
		line: (lineId: string) => options.lineNames?.get(lineId) ?? 'an item'
	};
}

function describeRewind(data: RewoundData, options: DescribeOptions): string {
	const action = options.rewind?.action;
	if (data.undoes) return action ? `Undid: ${action}` : 'Undid a change';
	if (data.redoes) return action ? `Redid: ${action}` : 'Redid a change';
	if (data.toVersion === 0) return 'Restored to before the record was made';
	const toTime = options.rewind?.toTime;
	if (!toTime) return `Restored to how it was at version ${data.toVersion}`;
	const when = new Intl.DateTimeFormat(options.locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		...(options.timeZone ? { timeZone: options.timeZone } : {})
	}).format(new Date(toTime));
	return `Restored to how it was on ${when} (version ${data.toVersion})`;
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
