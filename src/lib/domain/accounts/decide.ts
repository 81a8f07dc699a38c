import { IllegalStateError } from '../../errors';
import type { CommandContext } from '../../aggregates/command-context';
import { MAX_CENTS } from '../limits';
import { moneyInMessage } from '../message-money';
import type {
	AccountCommand,
	ChargeOrder,
	CloseAccount,
	Deposit,
	OpenAccount,
	RefundOrder,
	Withdraw
} from './commands';
import { decideLink, linkAtCreation, type LinkCustomer } from '../customers/customer-link';
import type { AccountEvent } from './events';
import { requireOpen } from './require-open';
import type { AccountState } from './state';

export function decideAccount(
	command: AccountCommand,
	state: AccountState,
	context: CommandContext
): AccountEvent[] {
	switch (command.type) {
		case 'OpenAccount':
			return openAccount(command, state, context);
		case 'Deposit':
			return deposit(command, state, context);
		case 'Withdraw':
			return withdraw(command, state, context);
		case 'CloseAccount':
			return closeAccount(command, state, context);
		case 'ChargeOrder':
			return chargeOrder(command, state, context);
		case 'RefundOrder':
			return refundOrder(command, state, context);
		case 'LinkCustomer':
			return linkCustomer(command, state);
		default: {
			const unhandled: never = command;
			throw new Error(`Unknown account command ${(unhandled as AccountCommand).type}`);
		}
	}
}

function openAccount(
	{ holderName, currency, customerId }: OpenAccount,
	state: AccountState,
	context: CommandContext
): AccountEvent[] {
	if (state.status === 'open') throw new IllegalStateError('This account is already open.');
	if (state.status === 'closed') {
		throw new IllegalStateError('This account has been closed; open a new account instead.');
	}
	return [
		{
			type: 'AccountOpened',
			data: { holderName, currency, openedAt: context.now.toISOString(), openedBy: context.userId }
		},
		...linkAtCreation(customerId, holderName).map((data) => ({
			type: 'AccountCustomerLinked' as const,
			data
		}))
	];
}

function deposit(
	{ amountCents, note }: Deposit,
	state: AccountState,
	context: CommandContext
): AccountEvent[] {
	const account = requireOpen(state);
	// The balance is bounded like any amount, so it always stays an exact integer.
	if (account.balanceCents + amountCents > MAX_CENTS) {
		throw new IllegalStateError(
			`This deposit would take the balance above ${moneyInMessage(MAX_CENTS, account.currency)}, the most an account can hold.`
		);
	}
	return [
		{
			type: 'MoneyDeposited',
			data: { amountCents, ...(note ? { note } : {}), at: context.now.toISOString() }
		}
	];
}

function withdraw(
	{ amountCents, note }: Withdraw,
	state: AccountState,
	context: CommandContext
): AccountEvent[] {
	const account = requireOpen(state);
	if (amountCents > account.balanceCents) {
		const { balanceCents, currency } = account;
		throw new IllegalStateError(
			`You can't withdraw ${moneyInMessage(amountCents, currency)}: the balance is only ${moneyInMessage(balanceCents, currency)}.`
		);
	}
	return [
		{
			type: 'MoneyWithdrawn',
			data: { amountCents, ...(note ? { note } : {}), at: context.now.toISOString() }
		}
	];
}

function chargeOrder(
	{ orderId, amountCents, currency }: ChargeOrder,
	state: AccountState,
	context: CommandContext
): AccountEvent[] {
	const account = requireOpen(state);
	// An order is paid once, whoever asks again.
	if (account.orders?.[orderId]) return [];
	if (currency !== account.currency) {
		throw new IllegalStateError(
			`This account is in ${account.currency} and the order in ${currency}: it can't pay it.`
		);
	}
	if (amountCents > account.balanceCents) {
		throw new IllegalStateError(
			`The balance of ${moneyInMessage(account.balanceCents, account.currency)} doesn't cover the order's ${moneyInMessage(amountCents, currency)}.`
		);
	}
	return [
		{ type: 'MoneyWithdrawn', data: { amountCents, orderId, at: context.now.toISOString() } }
	];
}

function refundOrder(
	{ orderId }: RefundOrder,
	state: AccountState,
	context: CommandContext
): AccountEvent[] {
	const account = requireOpen(state);
	const charged = account.orders?.[orderId];
	// Only what was taken comes back: a refund never makes money out of nothing.
	if (!charged) throw new IllegalStateError('Nothing was paid from this account for that order.');
	if (charged.refunded) return [];
	if (account.balanceCents + charged.amountCents > MAX_CENTS) {
		throw new IllegalStateError(
			`This refund would take the balance above ${moneyInMessage(MAX_CENTS, account.currency)}, the most an account can hold.`
		);
	}
	return [
		{
			type: 'MoneyDeposited',
			data: { amountCents: charged.amountCents, orderId, at: context.now.toISOString() }
		}
	];
}

function closeAccount(
	_command: CloseAccount,
	state: AccountState,
	context: CommandContext
): AccountEvent[] {
	if (state.status === 'closed')
		throw new IllegalStateError('This account has already been closed.');
	const account = requireOpen(state);
	// Closing must not make money vanish from the ledger: it has to be paid out first.
	if (account.balanceCents !== 0) {
		throw new IllegalStateError(
			`This account still holds money: withdraw the remaining balance of ${moneyInMessage(account.balanceCents, account.currency)} first.`
		);
	}
	return [{ type: 'AccountClosed', data: { closedAt: context.now.toISOString() } }];
}

/** A closed account can be linked too: it says whose the ledger is, not what is in it. */
function linkCustomer(command: LinkCustomer, state: AccountState): AccountEvent[] {
	if (state.status === 'none') throw new IllegalStateError("This account hasn't been opened yet.");
	return [
		{ type: 'AccountCustomerLinked', data: decideLink(command, state.customerId, 'account') }
	];
}
