import { describe, it, expect } from 'vitest';
import { itemCount, lineTotalCents, orderTotalCents } from './totals';

const items = [
	{ lineId: 'a', name: 'Mug', unitPriceCents: 1250, quantity: 3 },
	{ lineId: 'b', name: 'Sticker', unitPriceCents: 0, quantity: 10 },
	{ lineId: 'c', name: 'Teapot', unitPriceCents: 3099, quantity: 1 }
];

describe('order totals', () => {
	it('sums price times quantity in cents', () => {
		expect(lineTotalCents({ unitPriceCents: 1250, quantity: 3 })).toBe(3750);
		expect(orderTotalCents({ items })).toBe(6849);
	});

	it('counts items by quantity', () => {
		expect(itemCount({ items })).toBe(14);
	});

	it('is zero for an empty order', () => {
		expect(orderTotalCents({ items: [] })).toBe(0);
		expect(itemCount({ items: [] })).toBe(0);
	});
});
