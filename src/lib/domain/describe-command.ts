import type { RewindCommand } from '../undo';
import type { AccountCommand } from './accounts/commands';
import type { CustomerCommand } from './customers/commands';
import { recordKindOf, recordPhrase } from './describe-record';
import { formatMoney } from './money-format';
import type { OrderCommand } from './orders/commands';
import type { SeriesCommand } from './series/commands';

/** What is known about the record a command was for, to name it and its money. */
export interface RecordContext {
	/** The customer of an order or the holder of an account. */
	name?: string;
	currency?: string;
	/** Item names by line id, for commands that only name the line. */
	lineNames?: ReadonlyMap<string, string>;
	locale?: string;
}

type KnownCommand = OrderCommand | AccountCommand | SeriesCommand | CustomerCommand | RewindCommand;

/**
 * One line of plain words for a command that was asked for but not (yet) applied, as the
 * conflict inbox shows it: "Withdraw €5.00 from Lee's account".
 */
export function describeCommand(
	command: { type: string } & Record<string, unknown>,
	streamId: string,
	context: RecordContext = {}
): string {
	const record = recordPhrase(recordKindOf(streamId), context.name);
	const money = (cents: number) => formatMoney(cents, context.currency ?? 'EUR', context.locale);
	const line = (lineId: string) => context.lineNames?.get(lineId) ?? 'an item';
	const known = command as KnownCommand;
	switch (known.type) {
		case 'OpenAccount':
			return `Open an account for ${known.holderName}`;
		case 'Deposit':
			return `Deposit ${money(known.amountCents)} into ${record.possessive}${note(known.note)}`;
		case 'Withdraw':
			return `Withdraw ${money(known.amountCents)} from ${record.possessive}${note(known.note)}`;
		case 'CloseAccount':
			return `Close ${record.possessive}`;
		case 'ChargeOrder':
			return `Pay ${money(known.amountCents)} for an order from ${record.possessive}`;
		case 'RefundOrder':
			return `Refund a cancelled order to ${record.possessive}`;
		case 'CreateOrder':
			return `Create an order for ${known.customerName}`;
		case 'AddItem':
			return `Add ${known.quantity} × ${known.name} at ${money(known.unitPriceCents)} to ${record.plain}`;
		case 'RemoveItem':
			return `Remove ${line(known.lineId)} from ${record.plain}`;
		case 'ChangeQuantity':
			return `Change ${line(known.lineId)} to ${known.quantity} in ${record.plain}`;
		case 'AdjustQuantity':
			return `${known.by > 0 ? 'Add' : 'Take away'} ${Math.abs(known.by)} of ${line(known.lineId)} in ${record.plain}`;
		case 'SetDeliveryAddress':
			return `Set the delivery address of ${record.plain} to ${known.address.line1}, ${known.address.city}`;
		case 'SubmitOrder':
			return known.chargeTo
				? `Submit ${record.plain}, paid from an account`
				: `Submit ${record.plain}`;
		case 'ConfirmPayment':
			return `Mark ${record.plain} paid`;
		case 'MarkPaymentFailed':
			return `Note that ${record.plain} could not be paid: ${known.reason}`;
		case 'CancelOrder':
			return `Cancel ${record.plain}${known.reason ? `: ${known.reason}` : ''}`;
		case 'IssueNumber':
			return 'Give the new order its number';
		case 'NameSeries':
			return `Name this device's numbers ${known.prefix}`;
		case 'LinkCustomer':
			return `Link ${record.plain} to ${known.customerName}`;
		case 'RegisterCustomer':
			return `Register the customer ${known.name}`;
		case 'ChangeCustomerDetails':
			return `Change the details of ${known.name}`;
		case 'ArchiveCustomer':
			return `Archive ${record.plain}`;
		case 'ReactivateCustomer':
			return `Reactivate ${record.plain}`;
		case '$Rewind':
			if (known.undoes) return `Undo a change to ${record.plain}`;
			if (known.redoes) return `Redo a change to ${record.plain}`;
			return `Restore ${record.plain} to version ${known.toVersion}`;
		default:
			return `A change to ${record.plain} (${command.type})`;
	}
}

function note(text: string | undefined): string {
	return text ? ` — ${text}` : '';
}
