import type { ReadModelEntry } from '../eventstore';
import type { ProjectedRecord, Projection } from './define-projection';
import { listKey } from './list-key';
import { searchWords } from './search-words';

/** How a folded record is stored in its read model: its row, and where its list finds it. */
export function readModelEntry<Row>(
	projection: Projection<Row>,
	key: string,
	{ version, row }: ProjectedRecord<Row>
): ReadModelEntry<Row> {
	const list = projection.list;
	const order = list?.order(row);
	if (!list || order === undefined) return { key, version, row };
	return {
		key,
		version,
		row,
		order: listKey(order, key, list.descending ?? false),
		group: list.group?.(row) ?? '',
		words: list.searchText ? searchWords(list.searchText(row)) : []
	};
}
