// Every event type the app writes, with its latest schemaVersion, apart from the schemas
// (`orders/events.ts`, `accounts/events.ts`, `series/events.ts`): reading and folding the log needs only this, so a
// page that shows records loads no zod. A test and the registry's load check it against them.

export const orderEventVersions = {
	OrderCreated: 1,
	ItemAdded: 1,
	ItemRemoved: 1,
	ItemQuantityChanged: 1,
	DeliveryAddressSet: 1,
	OrderSubmitted: 1,
	OrderCancelled: 1,
	PaymentRequested: 1,
	PaymentTaken: 1,
	PaymentFailed: 1,
	OrderCustomerLinked: 1
} as const;

export const accountEventVersions = {
	AccountOpened: 1,
	MoneyDeposited: 2,
	MoneyWithdrawn: 2,
	AccountClosed: 1,
	AccountCustomerLinked: 1
} as const;

export const customerEventVersions = {
	CustomerRegistered: 1,
	CustomerDetailsChanged: 1,
	CustomerArchived: 1,
	CustomerReactivated: 1
} as const;

export const seriesEventVersions = {
	NumberIssued: 1,
	SeriesNamed: 1
} as const;

export const domainEventVersions: Readonly<Record<string, number>> = {
	...orderEventVersions,
	...accountEventVersions,
	...seriesEventVersions,
	...customerEventVersions
};

/** The types an aggregate writes, by name, as `defineAggregate` lists them. */
export function eventNamesOf<Names extends string>(
	versions: Readonly<Record<Names, number>>
): Record<Names, { type: Names }> {
	const names = Object.keys(versions) as Names[];
	return Object.fromEntries(names.map((type) => [type, { type }])) as Record<
		Names,
		{ type: Names }
	>;
}
