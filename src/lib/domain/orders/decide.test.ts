import { beforeAll, describe, it } from 'vitest';
import { deciderSpec } from '../../aggregates/decider-spec';
import { IllegalStateError, ValidationError } from '../../errors';
import { orderAggregate } from './aggregate';
import type { OrderEvent } from './events';

const spec = deciderSpec(orderAggregate);

// The app loads the schemas and the decider with the first command; a spec runs them at once.
beforeAll(() => orderAggregate.prepare?.());
const now = '2026-01-02T03:04:05.000Z';

const created: OrderEvent = {
	type: 'OrderCreated',
	data: { customerName: 'Ada Lovelace', currency: 'EUR', createdAt: now, createdBy: 'user-1' }
};
const mugAdded: OrderEvent = {
	type: 'ItemAdded',
	data: { lineId: 'line-1', sku: 'MUG-01', name: 'Mug', unitPriceCents: 1250, quantity: 2 }
};
const submitted: OrderEvent = { type: 'OrderSubmitted', data: { submittedAt: now } };
const cancelled: OrderEvent = { type: 'OrderCancelled', data: { cancelledAt: now } };

const addTea = {
	type: 'AddItem',
	lineId: 'line-2',
	name: 'Tea',
	unitPriceCents: 450,
	quantity: 1
};
const address = { line1: '1 Market Street', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' };

describe('CreateOrder', () => {
	it('creates the order with who and when from the context', () => {
		spec
			.given([])
			.when({ type: 'CreateOrder', customerName: '  Ada Lovelace ', currency: 'EUR' })
			.then([created]);
	});

	it('is refused when the order already exists', () => {
		spec
			.given([created])
			.when({ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' })
			.thenThrows(IllegalStateError, /already been created/);
	});

	it('needs a customer name and a currency code', () => {
		spec
			.given([])
			.when({ type: 'CreateOrder', customerName: '   ', currency: 'EUR' })
			.thenThrows(ValidationError);
		spec
			.given([])
			.when({ type: 'CreateOrder', customerName: 'Ada', currency: 'euro' })
			.thenThrows(ValidationError);
	});
});

describe('AddItem', () => {
	it('adds a line', () => {
		spec
			.given([created])
			.when({ ...addTea, sku: '' })
			.then([
				{
					type: 'ItemAdded',
					data: { lineId: 'line-2', name: 'Tea', unitPriceCents: 450, quantity: 1 }
				}
			]);
	});

	it('adds a free item with its sku', () => {
		spec
			.given([created])
			.when({ ...addTea, sku: ' TEA-9 ', unitPriceCents: 0 })
			.then([
				{
					type: 'ItemAdded',
					data: { lineId: 'line-2', sku: 'TEA-9', name: 'Tea', unitPriceCents: 0, quantity: 1 }
				}
			]);
	});

	it('is refused for an order that does not exist', () => {
		spec
			.given([])
			.when(addTea)
			.thenThrows(IllegalStateError, /doesn't exist yet/);
	});

	it('is refused for a line that is already on the order', () => {
		spec
			.given([created, mugAdded])
			.when({ ...addTea, lineId: 'line-1' })
			.thenThrows(IllegalStateError, /already on the order/);
	});

	it('is refused once the order is submitted or cancelled', () => {
		spec
			.given([created, mugAdded, submitted])
			.when(addTea)
			.thenThrows(IllegalStateError, /already been submitted, so it can't be changed/);
		spec
			.given([created, cancelled])
			.when(addTea)
			.thenThrows(IllegalStateError, /been cancelled, so it can't be changed/);
	});

	it('is refused when the order total would pass the limit', () => {
		spec
			.given([created])
			.when({ ...addTea, unitPriceCents: 1_000_000_000_000, quantity: 2 })
			.thenThrows(IllegalStateError, /more than €10,000,000,000\.00/);
	});

	it.each([
		['a negative quantity', { quantity: -1 }],
		['a zero quantity', { quantity: 0 }],
		['a fractional quantity', { quantity: 1.5 }],
		['a negative price', { unitPriceCents: -1 }],
		['a price in fractions of a cent', { unitPriceCents: 4.5 }],
		['an empty name', { name: ' ' }],
		['a name that is too long', { name: 'x'.repeat(201) }],
		['an unknown field', { colour: 'red' }]
	])('refuses %s by its schema', (_, change) => {
		spec
			.given([created])
			.when({ ...addTea, ...change })
			.thenThrows(ValidationError);
	});
});

describe('RemoveItem', () => {
	it('removes a line', () => {
		spec
			.given([created, mugAdded])
			.when({ type: 'RemoveItem', lineId: 'line-1' })
			.then([{ type: 'ItemRemoved', data: { lineId: 'line-1' } }]);
	});

	it('is refused for a line that is not on the order', () => {
		spec
			.given([created, mugAdded, { type: 'ItemRemoved', data: { lineId: 'line-1' } }])
			.when({ type: 'RemoveItem', lineId: 'line-1' })
			.thenThrows(IllegalStateError, /no longer on this order/);
	});

	it('is refused once the order is submitted', () => {
		spec
			.given([created, mugAdded, submitted])
			.when({ type: 'RemoveItem', lineId: 'line-1' })
			.thenThrows(IllegalStateError, /already been submitted/);
	});

	it('is refused for an order that does not exist', () => {
		spec
			.given([])
			.when({ type: 'RemoveItem', lineId: 'line-1' })
			.thenThrows(IllegalStateError, /doesn't exist yet/);
	});
});

describe('AdjustQuantity', () => {
	it('adds to the quantity the line has now', () => {
		spec
			.given([created, mugAdded])
			.when({ type: 'AdjustQuantity', lineId: 'line-1', by: 1 })
			.then([{ type: 'ItemQuantityChanged', data: { lineId: 'line-1', quantity: 3 } }]);
	});

	it('decides on the quantity an earlier change left', () => {
		spec
			.given([
				created,
				mugAdded,
				{ type: 'ItemQuantityChanged', data: { lineId: 'line-1', quantity: 7 } }
			])
			.when({ type: 'AdjustQuantity', lineId: 'line-1', by: -2 })
			.then([{ type: 'ItemQuantityChanged', data: { lineId: 'line-1', quantity: 5 } }]);
	});

	it('is refused below one, pointing to Remove', () => {
		spec
			.given([created, mugAdded])
			.when({ type: 'AdjustQuantity', lineId: 'line-1', by: -2 })
			.thenThrows(IllegalStateError, /Mug is at 2; remove the item/);
	});

	it('is refused by zero or a fraction', () => {
		spec
			.given([created, mugAdded])
			.when({ type: 'AdjustQuantity', lineId: 'line-1', by: 0 })
			.thenThrows(ValidationError, /at least one/);
		spec
			.given([created, mugAdded])
			.when({ type: 'AdjustQuantity', lineId: 'line-1', by: 0.5 })
			.thenThrows(ValidationError, /whole units/);
	});

	it('is refused once the order is submitted', () => {
		spec
			.given([created, mugAdded, submitted])
			.when({ type: 'AdjustQuantity', lineId: 'line-1', by: 1 })
			.thenThrows(IllegalStateError, /submitted/);
	});
});

describe('ChangeQuantity', () => {
	it('changes the quantity of a line', () => {
		spec
			.given([created, mugAdded])
			.when({ type: 'ChangeQuantity', lineId: 'line-1', quantity: 5 })
			.then([{ type: 'ItemQuantityChanged', data: { lineId: 'line-1', quantity: 5 } }]);
	});

	it('records nothing when the quantity is the same', () => {
		spec
			.given([created, mugAdded])
			.when({ type: 'ChangeQuantity', lineId: 'line-1', quantity: 2 })
			.then([]);
	});

	it('is refused for a line that is not on the order', () => {
		spec
			.given([created, mugAdded])
			.when({ type: 'ChangeQuantity', lineId: 'line-9', quantity: 3 })
			.thenThrows(IllegalStateError, /no longer on this order/);
	});

	it('is refused once the order is cancelled', () => {
		spec
			.given([created, mugAdded, cancelled])
			.when({ type: 'ChangeQuantity', lineId: 'line-1', quantity: 3 })
			.thenThrows(IllegalStateError, /cancelled, so it can't be changed/);
	});

	it('is refused for an order that does not exist', () => {
		spec
			.given([])
			.when({ type: 'ChangeQuantity', lineId: 'line-1', quantity: 3 })
			.thenThrows(IllegalStateError, /doesn't exist yet/);
	});

	it('is refused when the order total would pass the limit', () => {
		spec
			.given([
				created,
				{
					type: 'ItemAdded',
					data: { lineId: 'gold', name: 'Gold', unitPriceCents: 600_000_000_000, quantity: 1 }
				}
			])
			.when({ type: 'ChangeQuantity', lineId: 'gold', quantity: 2 })
			.thenThrows(IllegalStateError, /the most one order can hold/);
	});

	it.each([-1, 0, 2.5, 1_000_001])('refuses the quantity %s by its schema', (quantity) => {
		spec
			.given([created, mugAdded])
			.when({ type: 'ChangeQuantity', lineId: 'line-1', quantity })
			.thenThrows(ValidationError);
	});
});

describe('SetDeliveryAddress', () => {
	it('sets the address, leaving out a blank second line', () => {
		spec
			.given([created])
			.when({ type: 'SetDeliveryAddress', address: { ...address, line2: '  ' } })
			.then([{ type: 'DeliveryAddressSet', data: { address } }]);
	});

	it('keeps a second line that is given', () => {
		spec
			.given([created])
			.when({ type: 'SetDeliveryAddress', address: { ...address, line2: 'Stall 4' } })
			.then([{ type: 'DeliveryAddressSet', data: { address: { ...address, line2: 'Stall 4' } } }]);
	});

	it('is refused once the order is submitted', () => {
		spec
			.given([created, mugAdded, submitted])
			.when({ type: 'SetDeliveryAddress', address })
			.thenThrows(IllegalStateError, /already been submitted, so it can't be changed/);
	});

	it('is refused for an order that does not exist', () => {
		spec
			.given([])
			.when({ type: 'SetDeliveryAddress', address })
			.thenThrows(IllegalStateError, /doesn't exist yet/);
	});

	it('needs a city', () => {
		spec
			.given([created])
			.when({ type: 'SetDeliveryAddress', address: { ...address, city: '' } })
			.thenThrows(ValidationError);
	});
});

describe('SubmitOrder', () => {
	it('submits a draft with items', () => {
		spec.given([created, mugAdded]).when({ type: 'SubmitOrder' }).then([submitted]);
	});

	it('is refused for an order without items', () => {
		spec
			.given([created, mugAdded, { type: 'ItemRemoved', data: { lineId: 'line-1' } }])
			.when({ type: 'SubmitOrder' })
			.thenThrows(IllegalStateError, /at least one item/);
	});

	it('is refused twice', () => {
		spec
			.given([created, mugAdded, submitted])
			.when({ type: 'SubmitOrder' })
			.thenThrows(IllegalStateError, /^This order has already been submitted\.$/);
	});

	it('is refused for a cancelled order', () => {
		spec
			.given([created, mugAdded, cancelled])
			.when({ type: 'SubmitOrder' })
			.thenThrows(IllegalStateError, /cancelled, so it can't be submitted/);
	});

	it('is refused for an order that does not exist', () => {
		spec
			.given([])
			.when({ type: 'SubmitOrder' })
			.thenThrows(IllegalStateError, /doesn't exist yet, so it can't be submitted/);
	});
});

describe('CancelOrder', () => {
	it('cancels a draft', () => {
		spec.given([created, mugAdded]).when({ type: 'CancelOrder' }).then([cancelled]);
	});

	it('records the reason', () => {
		spec
			.given([created])
			.when({ type: 'CancelOrder', reason: ' Customer changed their mind ' })
			.then([
				{
					type: 'OrderCancelled',
					data: { cancelledAt: now, reason: 'Customer changed their mind' }
				}
			]);
	});

	it('is refused twice', () => {
		spec
			.given([created, cancelled])
			.when({ type: 'CancelOrder' })
			.thenThrows(IllegalStateError, /^This order has already been cancelled\.$/);
	});

	it('cancels a submitted order: a new fact after the seal', () => {
		spec.given([created, mugAdded, submitted]).when({ type: 'CancelOrder' }).then([cancelled]);
	});

	it('is refused for an order that does not exist', () => {
		spec
			.given([])
			.when({ type: 'CancelOrder' })
			.thenThrows(IllegalStateError, /doesn't exist yet/);
	});
});

describe('paying from an account', () => {
	const requested: OrderEvent = {
		type: 'PaymentRequested',
		data: { accountId: 'account-1', amountCents: 2500 }
	};
	const taken: OrderEvent = { type: 'PaymentTaken', data: { at: now } };
	const failed: OrderEvent = {
		type: 'PaymentFailed',
		data: { reason: 'The balance is too low.', at: now }
	};

	it('submitting with an account asks it for the total', () => {
		spec
			.given([created, mugAdded])
			.when({ type: 'SubmitOrder', chargeTo: 'account-1' })
			.then([submitted, requested]);
	});

	it('names an account, nothing else', () => {
		spec
			.given([created, mugAdded])
			.when({ type: 'SubmitOrder', chargeTo: 'order-2' })
			.thenThrows(ValidationError);
	});

	it('is paid once, however often the account says so', () => {
		spec
			.given([created, mugAdded, submitted, requested])
			.when({ type: 'ConfirmPayment' })
			.then([taken]);
		spec
			.given([created, mugAdded, submitted, requested, taken])
			.when({ type: 'ConfirmPayment' })
			.then([]);
	});

	it('notes a refused payment with its reason, once, and is paid after a retry', () => {
		const markFailed = { type: 'MarkPaymentFailed', reason: 'The balance is too low.' };
		spec.given([created, mugAdded, submitted, requested]).when(markFailed).then([failed]);
		spec.given([created, mugAdded, submitted, requested, failed]).when(markFailed).then([]);
		spec
			.given([created, mugAdded, submitted, requested, failed])
			.when({ type: 'ConfirmPayment' })
			.then([taken]);
	});

	it('a paid order cannot fail, and an order not paid from an account has no payment to note', () => {
		spec
			.given([created, mugAdded, submitted, requested, taken])
			.when({ type: 'MarkPaymentFailed', reason: 'late' })
			.thenThrows(IllegalStateError, /has been paid/);
		spec
			.given([created, mugAdded, submitted])
			.when({ type: 'ConfirmPayment' })
			.thenThrows(IllegalStateError, /not paid from an account/);
	});
});

describe('commands', () => {
	it('refuses an unknown command type by its schema', () => {
		spec.given([created]).when({ type: 'ShipOrder' }).thenThrows(ValidationError);
	});
});
