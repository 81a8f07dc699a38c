import { z } from 'zod';
import { centsSchema, currencySchema } from '../money';
import { NAME_MAX, NOTE_MAX, optionalTextInput, recordIdOf, text } from '../fields';
import { customerIdSchema } from '../customers/customer-id';
import { linkCustomerCommand } from '../customers/customer-link';

const openAccount = z.strictObject({
	type: z.literal('OpenAccount'),
	holderName: text(NAME_MAX),
	currency: currencySchema,
	/** The customer chosen from the directory; absent when only a name was typed. */
	customerId: customerIdSchema.optional()
});

const deposit = z.strictObject({
	type: z.literal('Deposit'),
	amountCents: centsSchema,
	note: optionalTextInput(NOTE_MAX)
});

const withdraw = z.strictObject({
	type: z.literal('Withdraw'),
	amountCents: centsSchema,
	note: optionalTextInput(NOTE_MAX)
});

const closeAccount = z.strictObject({ type: z.literal('CloseAccount') });

/** Pays an order's total from the account (the pay-from-account saga's step). */
const chargeOrder = z.strictObject({
	type: z.literal('ChargeOrder'),
	orderId: recordIdOf('order'),
	amountCents: centsSchema,
	currency: currencySchema
});

/** Gives back what an order was charged, once it is cancelled. */
const refundOrder = z.strictObject({
	type: z.literal('RefundOrder'),
	orderId: recordIdOf('order')
});

export const accountCommandSchema = z.discriminatedUnion('type', [
	openAccount,
	deposit,
	withdraw,
	closeAccount,
	chargeOrder,
	refundOrder,
	linkCustomerCommand
]);

export type AccountCommand = z.output<typeof accountCommandSchema>;
export type OpenAccount = z.output<typeof openAccount>;
export type Deposit = z.output<typeof deposit>;
export type Withdraw = z.output<typeof withdraw>;
export type CloseAccount = z.output<typeof closeAccount>;
export type ChargeOrder = z.output<typeof chargeOrder>;
export type RefundOrder = z.output<typeof refundOrder>;
