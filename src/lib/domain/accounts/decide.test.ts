import { beforeAll, describe, it } from 'vitest';
import { deciderSpec } from '../../aggregates/decider-spec';
import { IllegalStateError, ValidationError } from '../../errors';
import { accountAggregate } from './aggregate';
import type { AccountEvent } from './events';

const spec = deciderSpec(accountAggregate);

// The app loads the schemas and the decider with the first command; a spec runs them at once.
beforeAll(() => accountAggregate.prepare?.());
const now = '2026-01-02T03:04:05.000Z';

const opened: AccountEvent = {
	type: 'AccountOpened',
	data: { holderName: 'Grace Hopper', currency: 'EUR', openedAt: now, openedBy: 'user-1' }
};
const deposited = (amountCents: number): AccountEvent => ({
	type: 'MoneyDeposited',
	data: { amountCents, at: now }
});
const withdrawn = (amountCents: number): AccountEvent => ({
	type: 'MoneyWithdrawn',
	data: { amountCents, at: now }
});
const closed: AccountEvent = { type: 'AccountClosed', data: { closedAt: now } };

describe('OpenAccount', () => {
	const open = { type: 'OpenAccount', holderName: ' Grace Hopper ', currency: 'EUR' };

	it('opens the account with who and when from the context', () => {
		spec.given([]).when(open).then([opened]);
	});

	it('is refused when the account is already open', () => {
		spec
			.given([opened])
			.when(open)
			.thenThrows(IllegalStateError, /already open/);
	});

	it('is refused when the account was closed', () => {
		spec
			.given([opened, closed])
			.when(open)
			.thenThrows(IllegalStateError, /been closed/);
	});

	it('needs a holder name and a currency code', () => {
		spec
			.given([])
			.when({ ...open, holderName: '' })
			.thenThrows(ValidationError);
		spec
			.given([])
			.when({ ...open, currency: 'Euro' })
			.thenThrows(ValidationError);
	});
});

describe('Deposit', () => {
	it('deposits', () => {
		spec
			.given([opened])
			.when({ type: 'Deposit', amountCents: 1200 })
			.then([deposited(1200)]);
	});

	it('records a note, and leaves out a blank one', () => {
		spec
			.given([opened])
			.when({ type: 'Deposit', amountCents: 500, note: ' Cash at the stall ' })
			.then([
				{ type: 'MoneyDeposited', data: { amountCents: 500, note: 'Cash at the stall', at: now } }
			]);
		spec
			.given([opened])
			.when({ type: 'Deposit', amountCents: 500, note: '' })
			.then([deposited(500)]);
	});

	it('is refused before the account is opened', () => {
		spec
			.given([])
			.when({ type: 'Deposit', amountCents: 100 })
			.thenThrows(IllegalStateError, /hasn't been opened/);
	});

	it('is refused once the account is closed', () => {
		spec
			.given([opened, closed])
			.when({ type: 'Deposit', amountCents: 100 })
			.thenThrows(IllegalStateError, /been closed, so no money can go in or out/);
	});

	it('is refused when the balance would pass the limit', () => {
		spec
			.given([opened, deposited(1_000_000_000_000)])
			.when({ type: 'Deposit', amountCents: 1 })
			.thenThrows(IllegalStateError, /above €10,000,000,000\.00/);
	});

	it.each([
		['a negative amount', -100],
		['zero', 0],
		['fractions of a cent', 12.5],
		['an amount given as text', '12'],
		['an amount above the limit', 1_000_000_000_001]
	])('refuses %s by its schema', (_, amountCents) => {
		spec.given([opened]).when({ type: 'Deposit', amountCents }).thenThrows(ValidationError);
	});
});

describe('Withdraw', () => {
	it('withdraws up to the whole balance', () => {
		spec
			.given([opened, deposited(1200)])
			.when({ type: 'Withdraw', amountCents: 1200, note: 'Refund' })
			.then([{ type: 'MoneyWithdrawn', data: { amountCents: 1200, note: 'Refund', at: now } }]);
	});

	it('is refused beyond the balance, naming both amounts', () => {
		spec
			.given([opened, deposited(1200), withdrawn(200)])
			.when({ type: 'Withdraw', amountCents: 1500 })
			.thenThrows(IllegalStateError, /withdraw €15\.00: the balance is only €10\.00/);
	});

	it('is refused on an empty account', () => {
		spec
			.given([opened])
			.when({ type: 'Withdraw', amountCents: 1 })
			.thenThrows(IllegalStateError, /balance is only €0\.00/);
	});

	it('is refused before the account is opened', () => {
		spec
			.given([])
			.when({ type: 'Withdraw', amountCents: 1 })
			.thenThrows(IllegalStateError, /hasn't been opened/);
	});

	it('is refused once the account is closed', () => {
		spec
			.given([opened, closed])
			.when({ type: 'Withdraw', amountCents: 1 })
			.thenThrows(IllegalStateError, /been closed/);
	});

	it('refuses a negative amount by its schema', () => {
		spec
			.given([opened, deposited(1200)])
			.when({ type: 'Withdraw', amountCents: -5 })
			.thenThrows(ValidationError);
	});
});

describe('CloseAccount', () => {
	it('closes an account with nothing in it', () => {
		spec
			.given([opened, deposited(1200), withdrawn(1200)])
			.when({ type: 'CloseAccount' })
			.then([closed]);
	});

	it('is refused while money is left, naming the balance', () => {
		spec
			.given([opened, deposited(1200)])
			.when({ type: 'CloseAccount' })
			.thenThrows(IllegalStateError, /withdraw the remaining balance of €12\.00 first/);
	});

	it('names the balance in the account currency', () => {
		spec
			.given([
				{
					type: 'AccountOpened',
					data: { holderName: 'Kenji', currency: 'JPY', openedAt: now, openedBy: 'user-1' }
				},
				deposited(500)
			])
			.when({ type: 'CloseAccount' })
			.thenThrows(IllegalStateError, /balance of ¥500 first/);
	});

	it('is refused twice', () => {
		spec
			.given([opened, closed])
			.when({ type: 'CloseAccount' })
			.thenThrows(IllegalStateError, /already been closed/);
	});

	it('is refused before the account is opened', () => {
		spec
			.given([])
			.when({ type: 'CloseAccount' })
			.thenThrows(IllegalStateError, /hasn't been opened/);
	});

	it('takes no fields', () => {
		spec.given([opened]).when({ type: 'CloseAccount', force: true }).thenThrows(ValidationError);
	});
});

describe('paying orders', () => {
	const charge = { type: 'ChargeOrder', orderId: 'order-1', amountCents: 2500, currency: 'EUR' };
	const charged: AccountEvent = {
		type: 'MoneyWithdrawn',
		data: { amountCents: 2500, orderId: 'order-1', at: now }
	};
	const refunded: AccountEvent = {
		type: 'MoneyDeposited',
		data: { amountCents: 2500, orderId: 'order-1', at: now }
	};

	it("takes an order's total when the balance covers it, once per order", () => {
		spec
			.given([opened, deposited(3000)])
			.when(charge)
			.then([charged]);
		spec
			.given([opened, deposited(3000), charged])
			.when(charge)
			.then([]);
	});

	it('is refused beyond the balance, in another currency, or when closed', () => {
		spec
			.given([opened, deposited(2499)])
			.when(charge)
			.thenThrows(IllegalStateError, /doesn't cover the order's/);
		spec
			.given([opened, deposited(3000)])
			.when({ ...charge, currency: 'USD' })
			.thenThrows(IllegalStateError, /in EUR and the order in USD/);
		spec
			.given([opened, closed])
			.when(charge)
			.thenThrows(IllegalStateError, /closed/);
	});

	it('refunds what an order paid, once, and never what it did not', () => {
		const refund = { type: 'RefundOrder', orderId: 'order-1' };
		spec
			.given([opened, deposited(3000), charged])
			.when(refund)
			.then([refunded]);
		spec
			.given([opened, deposited(3000), charged, refunded])
			.when(refund)
			.then([]);
		spec
			.given([opened, deposited(3000)])
			.when(refund)
			.thenThrows(IllegalStateError, /Nothing was paid/);
	});
});
