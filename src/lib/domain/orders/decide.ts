import { IllegalStateError } from '../../errors';
import type { CommandContext } from '../../aggregates/command-context';
import { MAX_CENTS, QUANTITY_MAX } from '../limits';
import { moneyInMessage } from '../message-money';
import type {
	AddItem,
	AdjustQuantity,
	CancelOrder,
	ChangeQuantity,
	MarkPaymentFailed,
	CreateOrder,
	OrderCommand,
	RemoveItem,
	SetDeliveryAddress,
	SubmitOrder
} from './commands';
import { decideLink, linkAtCreation, type LinkCustomer } from '../customers/customer-link';
import type { OrderEvent } from './events';
import { requireDraft } from './require-draft';
import type { DraftOrder, OrderLine, OrderState } from './state';
import { lineTotalCents, orderTotalCents } from './totals';

export function decideOrder(
	command: OrderCommand,
	state: OrderState,
	context: CommandContext
): OrderEvent[] {
	switch (command.type) {
		case 'CreateOrder':
			return createOrder(command, state, context);
		case 'AddItem':
			return addItem(command, state);
		case 'RemoveItem':
			return removeItem(command, state);
		case 'ChangeQuantity':
			return changeQuantity(command, state);
		case 'AdjustQuantity':
			return adjustQuantity(command, state);
		case 'SetDeliveryAddress':
			return setDeliveryAddress(command, state);
		case 'SubmitOrder':
			return submitOrder(command, state, context);
		case 'CancelOrder':
			return cancelOrder(command, state, context);
		case 'ConfirmPayment':
			return confirmPayment(state, context);
		case 'MarkPaymentFailed':
			return markPaymentFailed(command, state, context);
		case 'LinkCustomer':
			return linkCustomer(command, state);
		default: {
			const unhandled: never = command;
			throw new Error(`Unknown order command ${(unhandled as OrderCommand).type}`);
		}
	}
}

function createOrder(
	{ customerName, currency, customerId }: CreateOrder,
	state: OrderState,
	context: CommandContext
): OrderEvent[] {
	if (state.status !== 'none') throw new IllegalStateError('This order has already been created.');
	return [
		{
			type: 'OrderCreated',
			data: {
				customerName,
				currency,
				createdAt: context.now.toISOString(),
				createdBy: context.userId
			}
		},
		...linkAtCreation(customerId, customerName).map((data) => ({
			type: 'OrderCustomerLinked' as const,
			data
		}))
	];
}

function addItem(command: AddItem, state: OrderState): OrderEvent[] {
	const order = requireDraft(state, 'changed');
	if (findLine(order, command.lineId)) {
		throw new IllegalStateError('This line is already on the order; change its quantity instead.');
	}
	const { lineId, sku, name, unitPriceCents, quantity } = command;
	assertTotalWithinLimit(order, orderTotalCents(order) + unitPriceCents * quantity);
	return [
		{
			type: 'ItemAdded',
			data: { lineId, ...(sku ? { sku } : {}), name, unitPriceCents, quantity }
		}
	];
}

function removeItem({ lineId }: RemoveItem, state: OrderState): OrderEvent[] {
	const order = requireDraft(state, 'changed');
	requireLine(order, lineId);
	return [{ type: 'ItemRemoved', data: { lineId } }];
}

function changeQuantity({ lineId, quantity }: ChangeQuantity, state: OrderState): OrderEvent[] {
	const order = requireDraft(state, 'changed');
	const line = requireLine(order, lineId);
	// Nothing changes, so there is no fact to record; an event here would only add an empty
	// step to the history and to the undo stack.
	if (line.quantity === quantity) return [];
	const total = orderTotalCents(order) - lineTotalCents(line) + line.unitPriceCents * quantity;
	assertTotalWithinLimit(order, total);
	return [{ type: 'ItemQuantityChanged', data: { lineId, quantity } }];
}

function adjustQuantity({ lineId, by }: AdjustQuantity, state: OrderState): OrderEvent[] {
	const order = requireDraft(state, 'changed');
	const line = requireLine(order, lineId);
	const quantity = line.quantity + by;
	if (quantity < 1) {
		throw new IllegalStateError(
			`${line.name} is at ${line.quantity}; remove the item instead of going below one.`
		);
	}
	if (quantity > QUANTITY_MAX) {
		throw new IllegalStateError(
			`The quantity can be at most ${QUANTITY_MAX.toLocaleString('en')}.`
		);
	}
	return changeQuantity({ type: 'ChangeQuantity', lineId, quantity }, state);
}

function setDeliveryAddress({ address }: SetDeliveryAddress, state: OrderState): OrderEvent[] {
	requireDraft(state, 'changed');
	const { line1, line2, city, postcode, country } = address;
	return [
		{
			type: 'DeliveryAddressSet',
			data: { address: { line1, ...(line2 ? { line2 } : {}), city, postcode, country } }
		}
	];
}

function submitOrder(
	{ chargeTo }: SubmitOrder,
	state: OrderState,
	context: CommandContext
): OrderEvent[] {
	const order = requireDraft(state, 'submitted');
	if (order.items.length === 0) {
		throw new IllegalStateError('An order needs at least one item before it can be submitted.');
	}
	const submitted: OrderEvent = {
		type: 'OrderSubmitted',
		data: { submittedAt: context.now.toISOString() }
	};
	if (!chargeTo) return [submitted];
	// The account is asked by a reaction (domain/reactions/pay-from-account.ts), after this is in the log.
	return [
		submitted,
		{ type: 'PaymentRequested', data: { accountId: chargeTo, amountCents: orderTotalCents(order) } }
	];
}

function cancelOrder(
	{ reason }: CancelOrder,
	state: OrderState,
	context: CommandContext
): OrderEvent[] {
	// A submitted order can still be cancelled: a new fact after the seal, never a rewind of it.
	if (state.status !== 'submitted') requireDraft(state, 'cancelled');
	return [
		{
			type: 'OrderCancelled',
			data: { cancelledAt: context.now.toISOString(), ...(reason ? { reason } : {}) }
		}
	];
}

function confirmPayment(state: OrderState, context: CommandContext): OrderEvent[] {
	const payment = requirePayment(state);
	// Told twice (a retried withdrawal, another device), it is still one payment.
	if (payment.status === 'taken') return [];
	return [{ type: 'PaymentTaken', data: { at: context.now.toISOString() } }];
}

function markPaymentFailed(
	{ reason }: MarkPaymentFailed,
	state: OrderState,
	context: CommandContext
): OrderEvent[] {
	const payment = requirePayment(state);
	if (payment.status === 'failed') return [];
	if (payment.status === 'taken') {
		throw new IllegalStateError('This order has been paid, so its payment cannot fail now.');
	}
	return [{ type: 'PaymentFailed', data: { reason, at: context.now.toISOString() } }];
}

function requirePayment(state: OrderState) {
	const payment = state.status === 'none' ? undefined : state.payment;
	if (!payment) throw new IllegalStateError('This order is not paid from an account.');
	return payment;
}

function findLine(order: DraftOrder, lineId: string): OrderLine | undefined {
	return order.items.find((line) => line.lineId === lineId);
}

function requireLine(order: DraftOrder, lineId: string): OrderLine {
	const line = findLine(order, lineId);
	if (!line) throw new IllegalStateError('That item is no longer on this order.');
	return line;
}

// Keeps every total a valid amount of money (see MAX_CENTS), so it can be paid and shown exactly.
function assertTotalWithinLimit(order: DraftOrder, total: number): void {
	if (total > MAX_CENTS) {
		throw new IllegalStateError(
			`That would bring the order total to more than ${moneyInMessage(MAX_CENTS, order.currency)}, the most one order can hold.`
		);
	}
}

/** Any order can be linked, submitted or not: it says whose the order is, not what was ordered. */
function linkCustomer(command: LinkCustomer, state: OrderState): OrderEvent[] {
	if (state.status === 'none') throw new IllegalStateError("This order hasn't been created yet.");
	return [{ type: 'OrderCustomerLinked', data: decideLink(command, state.customerId, 'order') }];
}
