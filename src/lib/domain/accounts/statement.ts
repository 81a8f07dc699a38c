import { eventTime, type ReadEvent } from '../../events/envelope';
import { foldSteps } from '../../events/fold-stream';
import { accountAggregate } from './aggregate';
import type { AccountState } from './state';

export interface StatementLine {
	version: number;
	at: string;
	/** Signed change of the balance: deposits positive, withdrawals negative. */
	amountCents: number;
	balanceCents: number;
	kind: 'deposit' | 'withdrawal' | 'correction';
	note?: string;
	/** The order a withdrawal paid, or a deposit refunded (paying from an account). */
	orderId?: string;
}

/**
 * Every change of an account's balance, oldest first, with the running balance. An undo or
 * restore that moves the balance shows as a correction, so the statement always adds up.
 */
export function statementOf(events: readonly ReadEvent[]): StatementLine[] {
	const lines: StatementLine[] = [];
	let before = 0;
	for (const { event, state } of foldSteps(
		accountAggregate,
		accountAggregate.initialState(),
		events
	)) {
		const after = balanceOf(state);
		if (after === before) continue;
		const { note, orderId } = event.data as { note?: string; orderId?: string };
		const kind = KINDS[event.type] ?? 'correction';
		lines.push({
			version: event.version,
			at: eventTime(event),
			amountCents: after - before,
			balanceCents: after,
			kind,
			...(note ? { note } : {}),
			...(orderId && kind !== 'correction' ? { orderId } : {})
		});
		before = after;
	}
	return lines;
}

/** What a statement line is, in a person's words. */
export const STATEMENT_KIND_LABELS: Record<StatementLine['kind'], string> = {
	deposit: 'Deposit',
	withdrawal: 'Withdrawal',
	correction: 'Correction'
};

const KINDS: Record<string, StatementLine['kind']> = {
	MoneyDeposited: 'deposit',
	MoneyWithdrawn: 'withdrawal'
};

function balanceOf(state: AccountState): number {
	return state.status === 'none' ? 0 : state.balanceCents;
}
