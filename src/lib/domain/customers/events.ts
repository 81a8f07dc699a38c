import { z } from 'zod';
import { defineEventType, type EventsOf } from '../../events/define-event-type';
import {
	CUSTOMER_NOTES_MAX,
	EMAIL_MAX,
	NAME_MAX,
	PHONE_MAX,
	text,
	timestampSchema,
	userIdSchema
} from '../fields';

/** What a person can tell about a customer; only the name is required. */
const customerDetails = {
	name: text(NAME_MAX),
	email: text(EMAIL_MAX).optional(),
	phone: text(PHONE_MAX).optional(),
	notes: text(CUSTOMER_NOTES_MAX).optional()
};

export const customerEventTypes = {
	CustomerRegistered: defineEventType({
		type: 'CustomerRegistered',
		schema: z.strictObject({
			...customerDetails,
			registeredAt: timestampSchema,
			registeredBy: userIdSchema
		})
	}),
	// The details as a whole, as the edit form saves them: a field left out is cleared.
	CustomerDetailsChanged: defineEventType({
		type: 'CustomerDetailsChanged',
		schema: z.strictObject(customerDetails)
	}),
	CustomerArchived: defineEventType({
		type: 'CustomerArchived',
		schema: z.strictObject({ archivedAt: timestampSchema })
	}),
	CustomerReactivated: defineEventType({
		type: 'CustomerReactivated',
		schema: z.strictObject({ reactivatedAt: timestampSchema })
	})
};

export type CustomerEvent = EventsOf<typeof customerEventTypes>;
export type CustomerDetails = z.output<z.ZodObject<typeof customerDetails>>;
