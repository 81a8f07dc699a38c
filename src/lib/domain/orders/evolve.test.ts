import { describe, it, expect } from 'vitest';
import { orderAggregate } from './aggregate';
import type { OrderEvent } from './events';
import type { OrderState } from './state';
import { itemCount, orderTotalCents } from './totals';

const fold = (events: OrderEvent[]): OrderState =>
	events.reduce(orderAggregate.evolve, orderAggregate.initialState());

const created: OrderEvent = {
	type: 'OrderCreated',
	data: {
		customerName: 'Ada',
		currency: 'EUR',
		createdAt: '2026-01-01T10:00:00.000Z',
		createdBy: 'u1'
	}
};
const mug: OrderEvent = {
	type: 'ItemAdded',
	data: { lineId: 'a', name: 'Mug', unitPriceCents: 1250, quantity: 2 }
};
const pot: OrderEvent = {
	type: 'ItemAdded',
	data: { lineId: 'b', sku: 'POT', name: 'Teapot', unitPriceCents: 3000, quantity: 1 }
};
const address = { line1: '1 Market Street', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' };

describe('evolveOrder', () => {
	it('starts with no order', () => {
		expect(fold([])).toEqual({ status: 'none' });
	});

	it('folds a draft with its lines in the order they were added', () => {
		const state = fold([
			created,
			mug,
			pot,
			{ type: 'ItemQuantityChanged', data: { lineId: 'a', quantity: 3 } },
			{ type: 'DeliveryAddressSet', data: { address } }
		]);
		expect(state).toEqual({
			status: 'draft',
			customerName: 'Ada',
			currency: 'EUR',
			items: [
				{ lineId: 'a', name: 'Mug', unitPriceCents: 1250, quantity: 3 },
				{ lineId: 'b', sku: 'POT', name: 'Teapot', unitPriceCents: 3000, quantity: 1 }
			],
			deliveryAddress: address,
			createdAt: '2026-01-01T10:00:00.000Z',
			createdBy: 'u1'
		});
		if (state.status === 'none') throw new Error('expected an order');
		expect(orderTotalCents(state)).toBe(6750);
		expect(itemCount(state)).toBe(4);
	});

	it('drops a removed line', () => {
		const state = fold([created, mug, pot, { type: 'ItemRemoved', data: { lineId: 'a' } }]);
		expect(state.status === 'draft' && state.items.map((line) => line.lineId)).toEqual(['b']);
	});

	it('submits', () => {
		const state = fold([
			created,
			mug,
			{ type: 'OrderSubmitted', data: { submittedAt: '2026-01-01T11:00:00.000Z' } }
		]);
		expect(state).toMatchObject({ status: 'submitted', submittedAt: '2026-01-01T11:00:00.000Z' });
	});

	it('cancels, with or without a reason', () => {
		const at = '2026-01-01T12:00:00.000Z';
		expect(
			fold([created, { type: 'OrderCancelled', data: { cancelledAt: at } }])
		).not.toHaveProperty('reason');
		expect(
			fold([created, { type: 'OrderCancelled', data: { cancelledAt: at, reason: 'Duplicate' } }])
		).toMatchObject({ status: 'cancelled', cancelledAt: at, reason: 'Duplicate' });
	});

	it('does not change the state it is given', () => {
		const draft = fold([created, mug]);
		const frozen = structuredClone(draft);
		orderAggregate.evolve(draft, {
			type: 'ItemQuantityChanged',
			data: { lineId: 'a', quantity: 9 }
		});
		expect(draft).toEqual(frozen);
	});
});
