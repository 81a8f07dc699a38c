import type { CustomerDetails } from './events';

/** The details without the fields left blank, so a cleared email leaves no `email: undefined`. */
export function detailsOf({ name, email, phone, notes }: CustomerDetails): CustomerDetails {
	return {
		name,
		...(email ? { email } : {}),
		...(phone ? { phone } : {}),
		...(notes ? { notes } : {})
	};
}

export function sameDetails(a: CustomerDetails, b: CustomerDetails): boolean {
	return a.name === b.name && a.email === b.email && a.phone === b.phone && a.notes === b.notes;
}
