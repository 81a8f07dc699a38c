import { z } from 'zod';
import { MAX_ISO_TIME_LENGTH } from '../events/envelope-limits';

const tooLong = (max: number) => `Use at most ${max} characters.`;

/**
 * Trimmed text that may not be empty. The length is checked on the text as sent before it is
 * trimmed (and nothing else runs on a longer one): a megabyte of spaces around one letter is
 * refused, never taken for a one-letter name.
 */
export function text(max: number) {
	return z
		.string({ error: 'This is required.' })
		.max(max, { error: tooLong(max), abort: true })
		.trim()
		.min(1, 'This is required.')
		.max(max, tooLong(max));
}

/**
 * Optional text as a command accepts it: a form's empty field means "not given", so blank
 * text becomes `undefined` instead of failing. Events never hold blank text. As with `text`,
 * the length is checked before trimming.
 */
export function optionalTextInput(max: number) {
	return z
		.string()
		.max(max, { error: tooLong(max), abort: true })
		.trim()
		.optional()
		.transform((value) => (value ? value : undefined));
}

/** An id made on the device (usually a UUID); kept exactly as given. */
export const idSchema = z.string().min(1).max(100);

/** The stream id of a record of `category` ("account-6f1c…"): how one record names another. */
export function recordIdOf(category: string) {
	return z
		.string()
		.max(200)
		.regex(new RegExp(`^${category}-[A-Za-z0-9_.:-]+$`), `This is not a ${category}.`);
}

/** A moment as an ISO string in UTC, as `Date.prototype.toISOString` writes it. */
export const timestampSchema = z.iso.datetime().max(MAX_ISO_TIME_LENGTH);

/** Who did it: the user id from the command's context. */
export const userIdSchema = z.string().min(1).max(200);

export {
	NAME_MAX,
	NOTE_MAX,
	SKU_MAX,
	ADDRESS_LINE_MAX,
	CITY_MAX,
	POSTCODE_MAX,
	COUNTRY_MAX,
	EMAIL_MAX,
	PHONE_MAX,
	CUSTOMER_NOTES_MAX
} from './limits';
