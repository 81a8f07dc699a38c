import { describe, expect, it } from 'vitest';
import { describeCommand } from './describe-command';

const account = 'account-1';
const order = 'order-1';

describe('describeCommand', () => {
	it('names the account holder and the amount of money movements', () => {
		const withdraw = { type: 'Withdraw', amountCents: 500 };
		expect(describeCommand(withdraw, account, { name: 'Lee', currency: 'EUR', locale: 'en' })).toBe(
			"Withdraw €5.00 from Lee's account"
		);
		const deposit = { type: 'Deposit', amountCents: 12_050, note: 'Float' };
		expect(describeCommand(deposit, account, { name: 'Lee', currency: 'EUR', locale: 'en' })).toBe(
			"Deposit €120.50 into Lee's account — Float"
		);
	});

	it('writes a natural possessive for names ending in s, and copes without a name', () => {
		expect(describeCommand({ type: 'CloseAccount' }, account, { name: 'James' })).toBe(
			"Close James' account"
		);
		expect(describeCommand({ type: 'CloseAccount' }, account)).toBe('Close the account');
	});

	it('uses the record currency', () => {
		const withdraw = { type: 'Withdraw', amountCents: 1500 };
		expect(
			describeCommand(withdraw, account, { name: 'Aiko', currency: 'JPY', locale: 'en' })
		).toBe("Withdraw ¥1,500 from Aiko's account");
	});

	it('describes order changes with the customer and the item', () => {
		const context = {
			name: 'Café Aurora',
			currency: 'EUR',
			locale: 'en',
			lineNames: new Map([['l1', 'Ceramic mug']])
		};
		expect(
			describeCommand(
				{ type: 'AddItem', lineId: 'l2', name: 'Teapot', unitPriceCents: 6400, quantity: 2 },
				order,
				context
			)
		).toBe('Add 2 × Teapot at €64.00 to the order for Café Aurora');
		expect(describeCommand({ type: 'RemoveItem', lineId: 'l1' }, order, context)).toBe(
			'Remove Ceramic mug from the order for Café Aurora'
		);
		expect(
			describeCommand({ type: 'ChangeQuantity', lineId: 'l9', quantity: 3 }, order, context)
		).toBe('Change an item to 3 in the order for Café Aurora');
		expect(describeCommand({ type: 'SubmitOrder' }, order, context)).toBe(
			'Submit the order for Café Aurora'
		);
		expect(describeCommand({ type: 'CancelOrder', reason: 'Closed' }, order, context)).toBe(
			'Cancel the order for Café Aurora: Closed'
		);
		const address = {
			line1: 'Rue des Fleurs 12',
			city: 'Lausanne',
			postcode: '1003',
			country: 'CH'
		};
		expect(describeCommand({ type: 'SetDeliveryAddress', address }, order, context)).toBe(
			'Set the delivery address of the order for Café Aurora to Rue des Fleurs 12, Lausanne'
		);
	});

	it('describes undo, redo and restore', () => {
		const context = { name: 'Lee' };
		expect(
			describeCommand(
				{ type: '$Rewind', toVersion: 2, undoes: 'c', othersSeen: 0 },
				account,
				context
			)
		).toBe('Undo a change to the account of Lee');
		expect(
			describeCommand({ type: '$Rewind', toVersion: 2, redoes: 'c', othersSeen: 0 }, order, {})
		).toBe('Redo a change to the order');
		expect(describeCommand({ type: '$Rewind', toVersion: 4, othersSeen: 0 }, order, {})).toBe(
			'Restore the order to version 4'
		);
	});

	it('still says something for a command this version does not know', () => {
		expect(describeCommand({ type: 'Refund' }, 'invoice-7', { name: 'X' })).toBe(
			'A change to the record for X (Refund)'
		);
	});
});
