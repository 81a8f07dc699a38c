import { z } from 'zod';

/** Trimmed text that may not be empty. */
export function text(max: number) {
	return z
		.string({ error: 'This is required.' })
		.trim()
		.min(1, 'This is required.')
		.max(max, `Use at most ${max} characters.`);
}

/**
 * Optional text as a command accepts it: a form's empty field means "not given", so blank
 * text becomes `undefined` instead of failing. Events never hold blank text.
 */
export function optionalTextInput(max: number) {
	return z
		.string()
		.trim()
		.max(max, `Use at most ${max} characters.`)
		.optional()
		.transform((value) => (value ? value : undefined));
}

/** An id made on the device (usually a UUID); kept exactly as given. */
export const idSchema = z.string().min(1).max(100);

/** A moment as an ISO string in UTC, as `Date.prototype.toISOString` writes it. */
export const timestampSchema = z.iso.datetime();

/** Who did it: the user id from the command's context. */
export const userIdSchema = z.string().min(1).max(200);

export const NAME_MAX = 200;
export const NOTE_MAX = 500;
