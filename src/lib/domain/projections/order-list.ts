import { categoryOf } from '../../events/stream-id';
import { eventTime } from '../../events/envelope';
import { defineProjection } from '../../projections/define-projection';
import { orderAggregate } from '../orders/aggregate';
import type { OrderEvent } from '../orders/events';
import type { OrderState } from '../orders/state';

export interface OrderListRow {
	order: OrderState;
	/** When the order last changed: the server's time once synced, else the device's. */
	updatedAt: string;
	updatedBy: string;
}

/** One row per order, for the order list: the order's own fold plus when it last changed. */
export const orderList = defineProjection<OrderListRow>({
	name: 'order-list',
	version: 1,
	filter: (streamId) => categoryOf(streamId) === orderAggregate.category,
	initialState: () => ({ order: orderAggregate.initialState(), updatedAt: '', updatedBy: '' }),
	list: {
		// The most recently changed first (ISO times in UTC sort as strings).
		order: ({ order, updatedAt }) => (order.status === 'none' ? undefined : updatedAt),
		descending: true,
		group: ({ order }) => order.status,
		searchText: ({ order }) =>
			order.status === 'none'
				? ''
				: [order.customerName, ...order.items.map((item) => item.name)].join(' ')
	},
	evolve: (row, event) => ({
		order: orderAggregate.evolve(row.order, event as unknown as OrderEvent),
		updatedAt: eventTime(event),
		updatedBy: event.metadata.userId
	})
});
