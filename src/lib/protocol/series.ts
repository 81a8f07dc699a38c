import { z } from 'zod';

/**
 * `POST /api/workspace/series {deviceId}` (members and owners): the prefix of the device's
 * series of numbers in the caller's workspace.
 */
export const seriesPrefixRequestSchema = z.strictObject({
	deviceId: z
		.string()
		.regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'A device id is 1 to 100 of A-Z a-z 0-9 _ . : -')
});

export type SeriesPrefixRequest = z.output<typeof seriesPrefixRequestSchema>;

/**
 * 200: the same prefix every time for the same device, and a different one for every other
 * device of the workspace: A, B, … Z, AA, AB, …
 */
export const seriesPrefixResponseSchema = z.strictObject({
	prefix: z.string().regex(/^[A-Z]{1,6}$/)
});

export type SeriesPrefixResponse = z.output<typeof seriesPrefixResponseSchema>;
