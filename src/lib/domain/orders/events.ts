import { z } from 'zod';
import { defineEventType, type EventsOf } from '../../events/define-event-type';
import { centsSchema, currencySchema, priceCentsSchema } from '../money';
import {
	ADDRESS_LINE_MAX,
	CITY_MAX,
	COUNTRY_MAX,
	idSchema,
	NAME_MAX,
	NOTE_MAX,
	POSTCODE_MAX,
	recordIdOf,
	SKU_MAX,
	text,
	timestampSchema,
	userIdSchema
} from '../fields';

import { QUANTITY_MAX } from '../limits';
import { customerLinkSchema } from '../customers/customer-link';

export { QUANTITY_MAX };

export const quantitySchema = z
	.number({ error: 'Enter a quantity.' })
	.int('Quantities are whole numbers.')
	.positive('The quantity must be at least 1.')
	.max(QUANTITY_MAX, `The quantity can be at most ${QUANTITY_MAX.toLocaleString('en')}.`);

export const deliveryAddressSchema = z.strictObject({
	line1: text(ADDRESS_LINE_MAX),
	line2: text(ADDRESS_LINE_MAX).optional(),
	city: text(CITY_MAX),
	postcode: text(POSTCODE_MAX),
	country: text(COUNTRY_MAX)
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
			sku: text(SKU_MAX).optional(),
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
	}),
	// The pay-from-account saga: the order asks its account for the total, and hears back.
	PaymentRequested: defineEventType({
		type: 'PaymentRequested',
		schema: z.strictObject({ accountId: recordIdOf('account'), amountCents: centsSchema })
	}),
	PaymentTaken: defineEventType({
		type: 'PaymentTaken',
		schema: z.strictObject({ at: timestampSchema })
	}),
	PaymentFailed: defineEventType({
		type: 'PaymentFailed',
		schema: z.strictObject({ reason: text(NOTE_MAX), at: timestampSchema })
	}),
	// At creation, or later for an order made before it could be.
	OrderCustomerLinked: defineEventType({
		type: 'OrderCustomerLinked',
		schema: customerLinkSchema
	})
};

export type OrderEvent = EventsOf<typeof orderEventTypes>;
export type DeliveryAddress = z.output<typeof deliveryAddressSchema>;
