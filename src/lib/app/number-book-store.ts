import { derived, readable, type Readable } from 'svelte/store';
import { NumberBook, type SeriesNumbersRow } from '../domain';
import type { ReadModelStore } from '../projections';

/** More series than a workspace has devices: the book reads every one of them. */
const ALL_SERIES = 10_000;

/**
 * The workspace's numbers as one book, read again whenever a series changes: pages join it to
 * the rows they show, since an order's number lives on its device's series, not on the order.
 */
export function numberBookStore(series: ReadModelStore<SeriesNumbersRow>): Readable<NumberBook> {
	const all = series.list(readable({ limit: ALL_SERIES }));
	return derived(
		[all, series],
		([{ rows, loaded }, { ready }]) =>
			new NumberBook(
				rows.map(({ row }) => row),
				loaded && ready
			)
	);
}
