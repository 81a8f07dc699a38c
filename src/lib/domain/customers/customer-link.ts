// How an order or an account says whose it is. Orders and accounts made before customers
// existed name theirs by text only; a link event, on the record's own stream, says it later
// without rewriting what was written (and the same event says it at creation).
import { z } from 'zod';
import { IllegalStateError } from '../../errors';
import { NAME_MAX, text } from '../fields';
import { customerIdSchema } from './customer-id';

/** The data of `OrderCustomerLinked` and `AccountCustomerLinked`. */
export const customerLinkSchema = z.strictObject({
	customerId: customerIdSchema,
	/** The customer's name when linked, for history; pages show the customer's current name. */
	customerName: text(NAME_MAX)
});

export type CustomerLink = z.output<typeof customerLinkSchema>;

/** `LinkCustomer`, the same command on orders and accounts. */
export const linkCustomerCommand = z.strictObject({
	type: z.literal('LinkCustomer'),
	...customerLinkSchema.shape
});

export type LinkCustomer = z.output<typeof linkCustomerCommand>;

/** The link a command asks for, refused when the record is already linked to that customer. */
export function decideLink(
	{ customerId, customerName }: LinkCustomer,
	linkedTo: string | undefined,
	noun: 'order' | 'account'
): CustomerLink {
	if (linkedTo === customerId) {
		throw new IllegalStateError(`This ${noun} is already linked to ${customerName}.`);
	}
	return { customerId, customerName };
}

/** The link a create command carries, when the person chose a customer from the directory. */
export function linkAtCreation(
	customerId: string | undefined,
	customerName: string
): CustomerLink[] {
	return customerId ? [{ customerId, customerName }] : [];
}
