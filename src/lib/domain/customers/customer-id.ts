import { z } from 'zod';

/**
 * A customer's stream id (`customer-6f1c…`), as orders and accounts hold it to say whose they
 * are. The pattern bounds the length, as a stream id is bounded.
 */
export const customerIdSchema = z
	.string({ error: 'Choose a customer.' })
	.regex(/^customer-[A-Za-z0-9_.:-]{1,191}$/, 'Choose a customer from the directory.');
