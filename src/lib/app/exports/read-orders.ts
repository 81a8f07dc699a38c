import { orderAggregate, orderList, type ExportedOrder } from '../../domain';
import { categoryOf, idOf, type ReadEvent } from '../../events';
import type { EventStore } from '../../eventstore';
import { foldRecords } from '../../projections';

/** How many events one read of the log takes. */
const PAGE = 2_000;

/**
 * Every order on this device, folded from the log itself rather than the list's read model:
 * an export is whole even while the list is still catching up. Newest change first, as the
 * order list shows them.
 */
export async function readOrders(store: EventStore): Promise<ExportedOrder[]> {
	const events: ReadEvent[] = [];
	for (let afterSeq = 0; ;) {
		const page = await store.readLocal({ afterSeq, limit: PAGE });
		for (const event of page) {
			if (categoryOf(event.streamId) === orderAggregate.category) events.push(event);
		}
		if (page.length < PAGE) break;
		afterSeq = page.at(-1)!.seq;
	}
	const orders: ExportedOrder[] = [];
	for (const [streamId, { row }] of foldRecords(orderList, events)) {
		if (row.order.status === 'none') continue;
		orders.push({ id: idOf(streamId), order: row.order, updatedAt: row.updatedAt });
	}
	return orders.sort((a, b) =>
		a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0
	);
}
