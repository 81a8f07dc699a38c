import { describe, expect, it } from 'vitest';
import { personalTextRedactor } from './redact-personal-text';

describe('personalTextRedactor', () => {
	it('replaces names, notes and addresses, the same text with the same placeholder', () => {
		const redact = personalTextRedactor();
		expect(redact({ customerName: 'Ada Lovelace', currency: 'EUR', createdAt: 'T' })).toEqual({
			customerName: 'Customer 1',
			currency: 'EUR',
			createdAt: 'T'
		});
		expect(
			redact({ type: 'AddItem', name: 'Teapot', sku: 'T-1', unitPriceCents: 4000, quantity: 2 })
		).toEqual({ type: 'AddItem', name: 'Item 1', sku: 'SKU 1', unitPriceCents: 4000, quantity: 2 });
		expect(redact({ holderName: 'Ada Lovelace' })).toEqual({ holderName: 'Customer 1' });
		expect(redact({ holderName: 'Grace Hopper', note: 'Rent, March' })).toEqual({
			holderName: 'Customer 2',
			note: 'Note 1'
		});
		expect(
			redact({ address: { line1: '1 Main St', city: 'Paris', postcode: '75001', country: 'FR' } })
		).toEqual({
			address: { line1: 'Street 1', city: 'City 1', postcode: 'Postcode 1', country: 'FR' }
		});
	});

	it('leaves what is not text, and values that are not objects, as they are', () => {
		const redact = personalTextRedactor();
		expect(redact(null)).toBeNull();
		expect(redact('Ada')).toBe('Ada');
		expect(redact({ name: 3, lines: [{ name: 'Jam' }] })).toEqual({
			name: 3,
			lines: [{ name: 'Item 1' }]
		});
	});
});
