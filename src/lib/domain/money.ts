import { z } from 'zod';
import { MAX_CENTS } from './limits';

export { MAX_CENTS };
export { formatMoney } from './money-format';

/** A positive amount of money in minor units (cents), never a float. */
export const centsSchema = z
	.number({ error: 'Enter an amount.' })
	.int('Amounts are whole cents.')
	.positive('Enter an amount above zero.')
	.max(MAX_CENTS, 'That amount is too large.');

/** A price in minor units: zero is allowed (a free item), negative is not. */
export const priceCentsSchema = z
	.number({ error: 'Enter a price.' })
	.int('Prices are whole cents.')
	.min(0, 'A price cannot be negative.')
	.max(MAX_CENTS, 'That price is too large.');

/** An ISO 4217 currency code: three uppercase letters, e.g. `EUR`. */
export const currencySchema = z
	.string()
	.regex(/^[A-Z]{3}$/, 'A currency is a three-letter ISO 4217 code such as EUR.');
