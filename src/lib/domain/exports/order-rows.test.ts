import { describe, expect, it } from 'vitest';
import type { ExportedOrder } from './order-rows';
import { orderRows } from './order-rows';

const created = '2026-03-01T09:00:00.000Z';
const orders: ExportedOrder[] = [
	{
		id: 'o1',
		number: 'B-0042',
		updatedAt: '2026-03-01T10:00:00.000Z',
		order: {
			status: 'submitted',
			submittedAt: '2026-03-01T10:00:00.000Z',
			customerName: 'Ada, "the" Countess',
			currency: 'EUR',
			createdAt: created,
			createdBy: 'u',
			items: [
				{ lineId: 'a', name: 'Mug', sku: 'MUG-1', unitPriceCents: 1250, quantity: 3 },
				{ lineId: 'b', name: 'Teapot\nlarge', unitPriceCents: 123450, quantity: 1 }
			],
			deliveryAddress: { line1: '1 Main St', postcode: '10115', city: 'Berlin', country: 'DE' }
		}
	},
	{
		id: 'o2',
		updatedAt: created,
		order: {
			status: 'cancelled',
			cancelledAt: '2026-03-02T08:00:00.000Z',
			reason: 'Changed mind',
			customerName: 'Grace',
			currency: 'JPY',
			createdAt: created,
			createdBy: 'u',
			items: []
		}
	}
];

describe('orderRows', () => {
	it('per item: a row for each line with plain decimal prices and totals', () => {
		const table = orderRows(orders, 'item');
		expect(table.fields).toEqual([
			'order_id',
			'order_number',
			'customer',
			'status',
			'currency',
			'line',
			'sku',
			'item',
			'unit_price',
			'quantity',
			'line_total',
			'created_at',
			'submitted_at',
			'cancelled_at',
			'updated_at'
		]);
		expect(table.rows[0]).toEqual([
			'o1',
			'B-0042',
			'Ada, "the" Countess',
			'submitted',
			'EUR',
			'1',
			'MUG-1',
			'Mug',
			'12.50',
			'3',
			'37.50',
			created,
			'2026-03-01T10:00:00.000Z',
			'',
			'2026-03-01T10:00:00.000Z'
		]);
		expect(table.rows[1]!.slice(5, 11)).toEqual([
			'2',
			'',
			'Teapot\nlarge',
			'1234.50',
			'1',
			'1234.50'
		]);
	});

	it('per item: an order without items keeps one row, its item cells empty', () => {
		const row = orderRows(orders, 'item').rows[2]!;
		expect(row.slice(0, 5)).toEqual(['o2', '', 'Grace', 'cancelled', 'JPY']);
		expect(row.slice(5, 11)).toEqual(['', '', '', '', '', '']);
		expect(row[13]).toBe('2026-03-02T08:00:00.000Z');
	});

	it("per order: the count, the total in the order's currency, the address and the reason", () => {
		const table = orderRows(orders, 'order');
		const cell = (row: number, field: string) => table.rows[row]![table.fields.indexOf(field)];
		expect(table.rows).toHaveLength(2);
		expect(cell(0, 'items')).toBe('4');
		expect(cell(0, 'total')).toBe('1272.00');
		expect(cell(0, 'delivery_city')).toBe('Berlin');
		expect(cell(0, 'delivery_line2')).toBe('');
		expect(cell(1, 'total')).toBe('0');
		expect(cell(1, 'cancel_reason')).toBe('Changed mind');
		for (const row of table.rows) expect(row).toHaveLength(table.fields.length);
	});
});
