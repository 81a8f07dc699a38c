import { plainDecimal } from '../money-format';
import type { OrderLine, OrderState } from '../orders/state';
import { itemCount, lineTotalCents, orderTotalCents } from '../orders/totals';
import type { ExportTable } from './table';

export type ExistingOrder = Exclude<OrderState, { status: 'none' }>;

/** An order as an export sees it: its id (the part of the link after /orders/) and state. */
export interface ExportedOrder {
	id: string;
	order: ExistingOrder;
	/** When it last changed: the server's time once synced, else the device's. */
	updatedAt: string;
	/** Its number as people read it ("B-0042"), if it has one. */
	number?: string;
}

/** A row per item (for stock and sales by product) or a row per order (for the books). */
export type OrderRowsPer = 'item' | 'order';

const ORDER_FIELDS = ['order_id', 'order_number', 'customer', 'status', 'currency'] as const;
const DATE_FIELDS = ['created_at', 'submitted_at', 'cancelled_at', 'updated_at'] as const;
const ITEM_FIELDS = ['line', 'sku', 'item', 'unit_price', 'quantity', 'line_total'] as const;
const SUMMARY_FIELDS = ['items', 'total'] as const;
const ADDRESS_FIELDS = [
	'delivery_line1',
	'delivery_line2',
	'delivery_postcode',
	'delivery_city',
	'delivery_country',
	'cancel_reason'
] as const;

/**
 * Orders as a table: amounts as plain decimals in each order's currency, times as ISO 8601.
 * Per item, an order without items still has its row (with the item cells empty), so every
 * order is in the file either way.
 */
export function orderRows(orders: readonly ExportedOrder[], per: OrderRowsPer): ExportTable {
	if (per === 'item') {
		return {
			fields: [...ORDER_FIELDS, ...ITEM_FIELDS, ...DATE_FIELDS],
			rows: orders.flatMap((exported) => {
				const lines = exported.order.items;
				if (lines.length === 0)
					return [[...head(exported), '', '', '', '', '', '', ...dates(exported)]];
				return lines.map((line, index) => [
					...head(exported),
					...lineCells(line, index, exported.order.currency),
					...dates(exported)
				]);
			})
		};
	}
	return {
		fields: [...ORDER_FIELDS, ...SUMMARY_FIELDS, ...DATE_FIELDS, ...ADDRESS_FIELDS],
		rows: orders.map((exported) => {
			const { order } = exported;
			const address = order.deliveryAddress;
			return [
				...head(exported),
				String(itemCount(order)),
				plainDecimal(orderTotalCents(order), order.currency),
				...dates(exported),
				address?.line1 ?? '',
				address?.line2 ?? '',
				address?.postcode ?? '',
				address?.city ?? '',
				address?.country ?? '',
				order.status === 'cancelled' ? (order.reason ?? '') : ''
			];
		})
	};
}

function head({ id, number, order }: ExportedOrder): string[] {
	return [id, number ?? '', order.customerName, order.status, order.currency];
}

function lineCells(line: OrderLine, index: number, currency: string): string[] {
	return [
		String(index + 1),
		line.sku ?? '',
		line.name,
		plainDecimal(line.unitPriceCents, currency),
		String(line.quantity),
		plainDecimal(lineTotalCents(line), currency)
	];
}

function dates({ order, updatedAt }: ExportedOrder): string[] {
	return [
		order.createdAt,
		order.status === 'submitted' ? order.submittedAt : '',
		order.status === 'cancelled' ? order.cancelledAt : '',
		updatedAt
	];
}
