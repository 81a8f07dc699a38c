import { defineReaction } from '../../reactions/define-reaction';
import { NOTE_MAX } from '../limits';
import type { AccountEvent } from '../accounts/events';
import type { OrderEvent } from '../orders/events';
import type { OrderState } from '../orders/state';

// Paying an order from the customer's account, as a saga of three reactions. Each runs on the
// device where its cause was appended, after it is in the log, and acts once (its commands' ids
// derive from the cause). Offline on two devices, the account's rules decide when the
// withdrawals meet: the ledger never goes below zero, and a refused charge marks the order.

type Data<Type extends (OrderEvent | AccountEvent)['type']> = Extract<
	OrderEvent | AccountEvent,
	{ type: Type }
>['data'];

/** An order submitted to be paid from an account asks that account for its total. */
export const chargeOrderToAccount = defineReaction<OrderState>({
	name: 'charge-order-to-account',
	on: ['PaymentRequested'],
	react(event, order) {
		const { accountId, amountCents } = event.data as Data<'PaymentRequested'>;
		if (order.status === 'none') return undefined;
		return {
			streamId: accountId,
			command: {
				type: 'ChargeOrder',
				orderId: event.streamId,
				amountCents,
				currency: order.currency
			}
		};
	},
	// The compensation: the account refused (the balance doesn't cover it, it was closed…), so
	// the order says its payment failed, and why. The charge waits in the inbox for a retry.
	refused(command, reason) {
		return {
			streamId: String(command.command.orderId),
			command: { type: 'MarkPaymentFailed', reason: reason.slice(0, NOTE_MAX) }
		};
	}
});

/** The account took an order's total: the order is paid. */
export const confirmOrderPayment = defineReaction({
	name: 'confirm-order-payment',
	on: ['MoneyWithdrawn'],
	react(event) {
		const { orderId } = event.data as Data<'MoneyWithdrawn'>;
		return orderId ? { streamId: orderId, command: { type: 'ConfirmPayment' } } : undefined;
	}
});

/**
 * A cancelled order that was paid, or is being paid, from an account gets its money back; so
 * does one whose payment went through only after it was cancelled (a refused charge retried
 * from the inbox, or another device's charge that met the cancellation). The account refunds
 * an order once, however often it is asked.
 */
export const refundCancelledOrder = defineReaction<OrderState>({
	name: 'refund-cancelled-order',
	on: ['OrderCancelled', 'PaymentTaken'],
	react(event, order) {
		if (order.status !== 'cancelled' || !order.payment) return undefined;
		const owed =
			event.type === 'PaymentTaken'
				? order.payment.status === 'taken'
				: order.payment.status !== 'failed';
		if (!owed) return undefined;
		return {
			streamId: order.payment.accountId,
			command: { type: 'RefundOrder', orderId: event.streamId }
		};
	}
});

/** Every reaction of the app. */
export const domainReactions = [chargeOrderToAccount, confirmOrderPayment, refundCancelledOrder];
