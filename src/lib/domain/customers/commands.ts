import { z } from 'zod';
import {
	CUSTOMER_NOTES_MAX,
	EMAIL_MAX,
	NAME_MAX,
	PHONE_MAX,
	optionalTextInput,
	text
} from '../fields';

// Loose on purpose: it catches a phone number typed into the email field, not every typo.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;
// Loose too: digits however grouped (+, spaces, dashes, brackets, dots, slashes), an extension
// after "ext" or "x"; it catches a name or an email typed into the phone field.
const PHONE_SHAPE = /^\+?[\d\s()./-]*\d[\d\s()./-]*(?:\s*(?:ext\.?|x)\s*\d+)?$/i;

const details = {
	name: text(NAME_MAX),
	email: optionalTextInput(EMAIL_MAX).refine(
		(email) => email === undefined || EMAIL_SHAPE.test(email),
		'Write an email address like name@example.com.'
	),
	phone: optionalTextInput(PHONE_MAX).refine(
		(phone) => phone === undefined || PHONE_SHAPE.test(phone),
		'Write a phone number in digits, like +44 113 496 0000.'
	),
	notes: optionalTextInput(CUSTOMER_NOTES_MAX)
};

const registerCustomer = z.strictObject({ type: z.literal('RegisterCustomer'), ...details });

const changeCustomerDetails = z.strictObject({
	type: z.literal('ChangeCustomerDetails'),
	...details
});

const archiveCustomer = z.strictObject({ type: z.literal('ArchiveCustomer') });

const reactivateCustomer = z.strictObject({ type: z.literal('ReactivateCustomer') });

export const customerCommandSchema = z.discriminatedUnion('type', [
	registerCustomer,
	changeCustomerDetails,
	archiveCustomer,
	reactivateCustomer
]);

export type CustomerCommand = z.output<typeof customerCommandSchema>;
export type RegisterCustomer = z.output<typeof registerCustomer>;
export type ChangeCustomerDetails = z.output<typeof changeCustomerDetails>;
export type ArchiveCustomer = z.output<typeof archiveCustomer>;
export type ReactivateCustomer = z.output<typeof reactivateCustomer>;
