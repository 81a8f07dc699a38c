import { describe } from 'vitest';
import { it } from 'vitest';
import { reactionSpec } from '../../reactions/reaction-spec';
import type { OrderState } from '../orders/state';
import {
	chargeOrderToAccount,
	confirmOrderPayment,
	refundCancelledOrder
} from './pay-from-account';

const fields = {
	customerName: 'Ada',
	currency: 'EUR',
	items: [],
	createdAt: '2026-01-02T03:04:05.000Z',
	createdBy: 'user-1'
};
const submitted = (
	payment?: OrderState extends infer S ? (S extends { payment?: infer P } ? P : never) : never
): OrderState => ({
	status: 'submitted',
	submittedAt: fields.createdAt,
	...fields,
	...(payment ? { payment } : {})
});
const requested = { accountId: 'account-1', amountCents: 2500, status: 'requested' as const };

describe('charge-order-to-account', () => {
	it('asks the account for the total, in the order currency', () => {
		reactionSpec(chargeOrderToAccount)
			.given(submitted(requested))
			.when({
				type: 'PaymentRequested',
				streamId: 'order-1',
				data: { accountId: 'account-1', amountCents: 2500 }
			})
			.then([
				{
					streamId: 'account-1',
					command: { type: 'ChargeOrder', orderId: 'order-1', amountCents: 2500, currency: 'EUR' }
				}
			]);
	});

	it('marks the order failed, with the reason, when the account refuses', () => {
		reactionSpec(chargeOrderToAccount)
			.whenRefused(
				{
					streamId: 'account-1',
					command: { type: 'ChargeOrder', orderId: 'order-1', amountCents: 2500, currency: 'EUR' }
				},
				'The balance of €10.00 doesn’t cover the order’s €25.00.'
			)
			.then([
				{
					streamId: 'order-1',
					command: {
						type: 'MarkPaymentFailed',
						reason: 'The balance of €10.00 doesn’t cover the order’s €25.00.'
					}
				}
			]);
	});
});

describe('confirm-order-payment', () => {
	it('tells the order it was paid, and ignores other withdrawals', () => {
		reactionSpec(confirmOrderPayment)
			.given(undefined)
			.when({
				type: 'MoneyWithdrawn',
				streamId: 'account-1',
				data: { amountCents: 2500, orderId: 'order-1', at: fields.createdAt }
			})
			.then([{ streamId: 'order-1', command: { type: 'ConfirmPayment' } }]);
		reactionSpec(confirmOrderPayment)
			.given(undefined)
			.when({ type: 'MoneyWithdrawn', data: { amountCents: 2500, at: fields.createdAt } })
			.thenNothing();
	});
});

describe('refund-cancelled-order', () => {
	const cancelled = (
		payment?:
			typeof requested | { status: 'failed' | 'taken'; accountId: string; amountCents: number }
	): OrderState => ({
		status: 'cancelled',
		cancelledAt: fields.createdAt,
		...fields,
		...(payment ? { payment } : {})
	});
	const event = {
		type: 'OrderCancelled',
		streamId: 'order-1',
		data: { cancelledAt: fields.createdAt }
	};

	it('gives back what a paid order took from its account', () => {
		reactionSpec(refundCancelledOrder)
			.given(cancelled(requested))
			.when(event)
			.then([{ streamId: 'account-1', command: { type: 'RefundOrder', orderId: 'order-1' } }]);
	});

	it('gives back a payment that went through after the order was cancelled', () => {
		reactionSpec(refundCancelledOrder)
			.given(cancelled({ ...requested, status: 'taken' }))
			.when({ type: 'PaymentTaken', streamId: 'order-1', data: { at: fields.createdAt } })
			.then([{ streamId: 'account-1', command: { type: 'RefundOrder', orderId: 'order-1' } }]);
	});

	it('leaves a payment taken on an order still standing', () => {
		reactionSpec(refundCancelledOrder)
			.given(submitted({ ...requested, status: 'taken' }))
			.when({ type: 'PaymentTaken', streamId: 'order-1', data: { at: fields.createdAt } })
			.thenNothing();
	});

	it('does nothing for an order not paid from an account, or whose payment failed', () => {
		reactionSpec(refundCancelledOrder).given(cancelled()).when(event).thenNothing();
		reactionSpec(refundCancelledOrder)
			.given(cancelled({ status: 'failed', accountId: 'account-1', amountCents: 2500 }))
			.when(event)
			.thenNothing();
	});
});
