/** What every account that exists has, whatever its status. */
export interface AccountFields {
	holderName: string;
	/** The customer's stream id once linked (`AccountCustomerLinked`); older accounts name only `holderName`. */
	customerId?: string;
	currency: string;
	/** Never negative: a withdrawal beyond it is refused. */
	balanceCents: number;
	openedAt: string;
	openedBy: string;
	/** What each order paid from it was charged, and whether it was refunded, by order id. */
	orders?: Record<string, { amountCents: number; refunded: boolean }>;
}

export type NoAccount = { status: 'none' };
export type OpenedAccount = { status: 'open' } & AccountFields;
export type ClosedAccount = { status: 'closed'; closedAt: string } & AccountFields;

export type AccountState = NoAccount | OpenedAccount | ClosedAccount;

export function initialAccountState(): AccountState {
	return { status: 'none' };
}
