/** A customer as the picker offers them: who, and a line that tells two Adas apart. */
export interface CustomerOption {
	/** The customer's stream id, `customer-…`. */
	customerId: string;
	name: string;
	/** Email or phone, if known. */
	detail?: string;
}

/** What the picker holds: a customer from the directory, or a new one by the name typed. */
export type CustomerChoice =
	{ kind: 'existing'; customer: CustomerOption } | { kind: 'new'; name: string };

/**
 * What a typed name means when the person did not pick from the list: the one offered customer
 * of exactly that name (case and spaces aside). Otherwise nothing: a new customer is added to
 * the directory only when chosen as such, so a name typed in haste never becomes a second Ada.
 */
export function choiceForText(
	text: string,
	options: readonly CustomerOption[]
): CustomerChoice | undefined {
	const name = text.trim();
	if (!name) return undefined;
	const same = options.filter((option) => sameName(option.name, name));
	return same.length === 1 ? { kind: 'existing', customer: same[0]! } : undefined;
}

export function sameName(a: string, b: string): boolean {
	return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** What the picker holds, or else what its text means; undefined when it names no customer. */
export function chosenFor(
	choice: CustomerChoice | undefined,
	text: string,
	options: readonly CustomerOption[]
): ChosenCustomer | undefined {
	const picked = choice ?? choiceForText(text, options);
	return picked && chosenCustomer(picked);
}

/** A choice as a command takes it; ids for a new customer are made once, with the submission. */
export interface ChosenCustomer {
	customerId: string;
	name: string;
	/** Set for a new customer: registering them runs under it, once however often it is sent. */
	registerCommandId?: string;
}

export function chosenCustomer(choice: CustomerChoice): ChosenCustomer {
	if (choice.kind === 'existing') {
		return { customerId: choice.customer.customerId, name: choice.customer.name };
	}
	return {
		customerId: `customer-${crypto.randomUUID()}`,
		name: choice.name,
		registerCommandId: crypto.randomUUID()
	};
}
