import { z } from 'zod';
import { defineEventType, type EventsOf } from '../../events/define-event-type';
import { centsSchema, currencySchema } from '../money';
import { NAME_MAX, NOTE_MAX, recordIdOf, text, timestampSchema, userIdSchema } from '../fields';
import { customerLinkSchema } from '../customers/customer-link';

// Version 1 of a deposit or withdrawal; version 2 may name the order it paid or refunded.
const movedV1 = z.strictObject({
	amountCents: centsSchema,
	note: text(NOTE_MAX).optional(),
	at: timestampSchema
});
const moved = movedV1.extend({ orderId: recordIdOf('order').optional() });
// Nothing to add: a version 1 movement named no order.
const sameData = (data: never) => data as unknown;

export const accountEventTypes = {
	AccountOpened: defineEventType({
		type: 'AccountOpened',
		schema: z.strictObject({
			holderName: text(NAME_MAX),
			currency: currencySchema,
			openedAt: timestampSchema,
			openedBy: userIdSchema
		})
	}),
	MoneyDeposited: defineEventType({
		type: 'MoneyDeposited',
		schema: moved,
		history: [{ schema: movedV1, upcast: sameData }]
	}),
	MoneyWithdrawn: defineEventType({
		type: 'MoneyWithdrawn',
		schema: moved,
		history: [{ schema: movedV1, upcast: sameData }]
	}),
	AccountClosed: defineEventType({
		type: 'AccountClosed',
		schema: z.strictObject({ closedAt: timestampSchema })
	}),
	// At opening, or later for an account opened before it could be.
	AccountCustomerLinked: defineEventType({
		type: 'AccountCustomerLinked',
		schema: customerLinkSchema
	})
};

export type AccountEvent = EventsOf<typeof accountEventTypes>;
