import { z } from 'zod';
import { defineEventType, type EventsOf } from '../../events/define-event-type';
import { currencySchema, priceCentsSchema } from '../money';
import { idSchema, NAME_MAX, NOTE_MAX, text, timestampSchema, userIdSchema } from '../fields';

export const QUANTITY_MAX = 1_000_000;

export const quantitySchema = z
	.number({ error: 'Enter a quantity.' })
	.int('Quantities are whole numbers.')
	.positive('The quantity must be at least 1.')
	.max(QUANTITY_MAX, `The quantity can be at most ${QUANTITY_MAX.toLocaleString('en')}.`);

export const deliveryAddressSchema = z.strictObject({
	line1: text(200),
	line2: text(200).optional(),
	city: text(100),
	postcode: text(20),
	country: text(100)
});

export const orderEventTypes = {
	OrderCreated: defineEventType({
		type: 'OrderCreated',
		schema: z.strictObject({
			customerName: text(NAME_MAX),
			currency: currencySchema,
			createdAt: timestampSchema,
			createdBy: userIdSchema
		})
	}),
	ItemAdded: defineEventType({
		type: 'ItemAdded',
		schema: z.strictObject({
			lineId: idSchema,
			sku: text(64).optional(),
			name: text(NAME_MAX),
			unitPriceCents: priceCentsSchema,
			quantity: quantitySchema
		})
	}),
	ItemRemoved: defineEventType({
		type: 'ItemRemoved',
		schema: z.strictObject({ lineId: idSchema })
	}),
	ItemQuantityChanged: defineEventType({
		type: 'ItemQuantityChanged',
		schema: z.strictObject({ lineId: idSchema, quantity: quantitySchema })
	}),
	DeliveryAddressSet: defineEventType({
		type: 'DeliveryAddressSet',
		schema: z.strictObject({ address: deliveryAddressSchema })
	}),
	OrderSubmitted: defineEventType({
		type: 'OrderSubmitted',
		schema: z.strictObject({ submittedAt: timestampSchema })
	}),
	OrderCancelled: defineEventType({
		type: 'OrderCancelled',
		schema: z.strictObject({ cancelledAt: timestampSchema, reason: text(NOTE_MAX).optional() })
	})
};

export type OrderEvent = EventsOf<typeof orderEventTypes>;
export type DeliveryAddress = z.output<typeof deliveryAddressSchema>;
