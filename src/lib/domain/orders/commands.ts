import { z } from 'zod';
import { currencySchema, priceCentsSchema } from '../money';
import {
	ADDRESS_LINE_MAX,
	CITY_MAX,
	COUNTRY_MAX,
	idSchema,
	NAME_MAX,
	NOTE_MAX,
	optionalTextInput,
	POSTCODE_MAX,
	recordIdOf,
	SKU_MAX,
	text
} from '../fields';
import { QUANTITY_MAX, quantitySchema } from './events';
import { customerIdSchema } from '../customers/customer-id';
import { linkCustomerCommand } from '../customers/customer-link';

const createOrder = z.strictObject({
	type: z.literal('CreateOrder'),
	customerName: text(NAME_MAX),
	currency: currencySchema,
	/** The customer chosen from the directory; absent when only a name was typed. */
	customerId: customerIdSchema.optional()
});

const addItem = z.strictObject({
	type: z.literal('AddItem'),
	lineId: idSchema,
	name: text(NAME_MAX),
	sku: optionalTextInput(SKU_MAX),
	unitPriceCents: priceCentsSchema,
	quantity: quantitySchema
});

const removeItem = z.strictObject({
	type: z.literal('RemoveItem'),
	lineId: idSchema
});

const changeQuantity = z.strictObject({
	type: z.literal('ChangeQuantity'),
	lineId: idSchema,
	quantity: quantitySchema
});

/** "One more" / "one less": relative, so quick clicks each decide on the state the last one left. */
const adjustQuantity = z.strictObject({
	type: z.literal('AdjustQuantity'),
	lineId: idSchema,
	by: z
		.number({ error: 'Say by how much.' })
		.int('Quantities change by whole units.')
		.refine((by) => by !== 0, 'Change the quantity by at least one.')
		.refine((by) => Math.abs(by) <= QUANTITY_MAX, 'That is too large a change.')
});

const setDeliveryAddress = z.strictObject({
	type: z.literal('SetDeliveryAddress'),
	address: z.strictObject({
		line1: text(ADDRESS_LINE_MAX),
		line2: optionalTextInput(ADDRESS_LINE_MAX),
		city: text(CITY_MAX),
		postcode: text(POSTCODE_MAX),
		country: text(COUNTRY_MAX)
	})
});

const submitOrder = z.strictObject({
	type: z.literal('SubmitOrder'),
	/** Pay from this account: the order's total is withdrawn from it once submitted. */
	chargeTo: recordIdOf('account').optional()
});

/** The account took the order's total (a reaction to the withdrawal says so). */
const confirmPayment = z.strictObject({ type: z.literal('ConfirmPayment') });

/** The account refused the order's total (the compensation of the pay-from-account saga). */
const markPaymentFailed = z.strictObject({
	type: z.literal('MarkPaymentFailed'),
	reason: text(NOTE_MAX)
});

const cancelOrder = z.strictObject({
	type: z.literal('CancelOrder'),
	reason: optionalTextInput(NOTE_MAX)
});

export const orderCommandSchema = z.discriminatedUnion('type', [
	createOrder,
	addItem,
	removeItem,
	changeQuantity,
	adjustQuantity,
	setDeliveryAddress,
	submitOrder,
	cancelOrder,
	confirmPayment,
	markPaymentFailed,
	linkCustomerCommand
]);

export type OrderCommand = z.output<typeof orderCommandSchema>;
export type CreateOrder = z.output<typeof createOrder>;
export type AddItem = z.output<typeof addItem>;
export type RemoveItem = z.output<typeof removeItem>;
export type ChangeQuantity = z.output<typeof changeQuantity>;
export type AdjustQuantity = z.output<typeof adjustQuantity>;
export type SetDeliveryAddress = z.output<typeof setDeliveryAddress>;
export type SubmitOrder = z.output<typeof submitOrder>;
export type CancelOrder = z.output<typeof cancelOrder>;
export type ConfirmPayment = z.output<typeof confirmPayment>;
export type MarkPaymentFailed = z.output<typeof markPaymentFailed>;
export type { LinkCustomer } from '../customers/customer-link';
