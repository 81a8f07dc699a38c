import {
	NumberBook,
	orderAggregate,
	orderList,
	recordNumberText,
	seriesAggregate,
	seriesNumbers,
	type ExportedOrder
} from '../../domain';
import { categoryOf, idOf, type ReadEvent } from '../../events';
import type { EventStore } from '../../eventstore';
import { foldRecords } from '../../projections';

/** How many events one read of the log takes. */
const PAGE = 2_000;

/**
 * Every order on this device, with its number, folded from the log itself rather than the
 * list's read models: an export is whole even while the list is still catching up. Newest
 * change first, as the order list shows them.
 */
export async function readOrders(store: EventStore): Promise<ExportedOrder[]> {
	const orderEvents: ReadEvent[] = [];
	const seriesEvents: ReadEvent[] = [];
	for (let afterSeq = 0; ;) {
		const page = await store.readLocal({ afterSeq, limit: PAGE });
		for (const event of page) {
			const category = categoryOf(event.streamId);
			if (category === orderAggregate.category) orderEvents.push(event);
			else if (category === seriesAggregate.category) seriesEvents.push(event);
		}
		if (page.length < PAGE) break;
		afterSeq = page.at(-1)!.seq;
	}
	const book = new NumberBook(
		[...foldRecords(seriesNumbers, seriesEvents).values()].map(({ row }) => row)
	);
	const orders: ExportedOrder[] = [];
	for (const [streamId, { row }] of foldRecords(orderList, orderEvents)) {
		if (row.order.status === 'none') continue;
		const number = book.numberOf(streamId);
		orders.push({
			id: idOf(streamId),
			order: row.order,
			updatedAt: row.updatedAt,
			...(number ? { number: recordNumberText(number) } : {})
		});
	}
	return orders.sort((a, b) =>
		a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0
	);
}
