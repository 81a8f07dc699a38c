import type { OrderLine } from './state';

export function lineTotalCents(line: Pick<OrderLine, 'unitPriceCents' | 'quantity'>): number {
	return line.unitPriceCents * line.quantity;
}

/** The order's total in cents: the sum of price × quantity over its lines. */
export function orderTotalCents(order: { items: readonly OrderLine[] }): number {
	return order.items.reduce((total, line) => total + lineTotalCents(line), 0);
}

/** How many items the order holds, counting quantities: 3 mugs and a pot are 4 items. */
export function itemCount(order: { items: readonly OrderLine[] }): number {
	return order.items.reduce((count, line) => count + line.quantity, 0);
}
