/**
 * What people type into the app's events and commands, by field, and what it becomes when a
 * repro bundle leaves their names, notes and addresses out. The rest (amounts, quantities,
 * currencies, ids, times) stays: it is what a bug depends on.
 */
const PLACEHOLDERS: Record<string, string> = {
	customerName: 'Customer',
	holderName: 'Customer',
	name: 'Item',
	sku: 'SKU',
	note: 'Note',
	reason: 'Note',
	line1: 'Street',
	line2: 'Street',
	city: 'City',
	postcode: 'Postcode'
};

/**
 * A redactor for one file: every personal text becomes a placeholder ("Customer 3"), the same
 * text the same placeholder, so that two events naming one customer still name one. Any value
 * goes in (an event's data, a command), and a copy comes out; other fields are kept as they are.
 */
export function personalTextRedactor(): (value: unknown) => unknown {
	const seen = new Map<string, string>();
	const counts = new Map<string, number>();
	const placeholder = (kind: string, text: string) => {
		const key = `${kind}\u0000${text}`;
		let said = seen.get(key);
		if (!said) {
			const n = (counts.get(kind) ?? 0) + 1;
			counts.set(kind, n);
			said = `${kind} ${n}`;
			seen.set(key, said);
		}
		return said;
	};
	const redact = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(redact);
		if (!value || typeof value !== 'object') return value;
		return Object.fromEntries(
			Object.entries(value).map(([field, inner]) => {
				const kind = PLACEHOLDERS[field];
				return [
					field,
					kind && typeof inner === 'string' ? placeholder(kind, inner) : redact(inner)
				];
			})
		);
	};
	return redact;
}
