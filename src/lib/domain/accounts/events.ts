import { z } from 'zod';
import { defineEventType, type EventsOf } from '../../events/define-event-type';
import { centsSchema, currencySchema } from '../money';
import { NAME_MAX, NOTE_MAX, text, timestampSchema, userIdSchema } from '../fields';
import { customerLinkSchema } from '../customers/customer-link';

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
		schema: z.strictObject({
			amountCents: centsSchema,
			note: text(NOTE_MAX).optional(),
			at: timestampSchema
		})
	}),
	MoneyWithdrawn: defineEventType({
		type: 'MoneyWithdrawn',
		schema: z.strictObject({
			amountCents: centsSchema,
			note: text(NOTE_MAX).optional(),
			at: timestampSchema
		})
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
