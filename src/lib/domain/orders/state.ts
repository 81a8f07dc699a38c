import type { DeliveryAddress } from './events';

export interface OrderLine {
	lineId: string;
	sku?: string;
	name: string;
	unitPriceCents: number;
	quantity: number;
}

/** What every order that exists has, whatever its status. */
export interface OrderFields {
	customerName: string;
	/** The customer's stream id once linked (`OrderCustomerLinked`); older orders name only `customerName`. */
	customerId?: string;
	currency: string;
	/** In the order they were added. */
	items: OrderLine[];
	deliveryAddress?: DeliveryAddress;
	createdAt: string;
	createdBy: string;
	/** Set when it was submitted to be paid from an account. */
	payment?: OrderPayment;
}

/**
 * Paying from an account: `requested` until the account answers, then `taken` (the total was
 * withdrawn) or `failed` (the account refused it, with its reason).
 */
export interface OrderPayment {
	accountId: string;
	amountCents: number;
	status: 'requested' | 'taken' | 'failed';
	reason?: string;
}

export type NoOrder = { status: 'none' };
export type DraftOrder = { status: 'draft' } & OrderFields;
export type SubmittedOrder = { status: 'submitted'; submittedAt: string } & OrderFields;
export type CancelledOrder = {
	status: 'cancelled';
	cancelledAt: string;
	reason?: string;
} & OrderFields;

export type OrderState = NoOrder | DraftOrder | SubmittedOrder | CancelledOrder;

export function initialOrderState(): OrderState {
	return { status: 'none' };
}
