import type { EventStore, ReadModelEntry } from '../eventstore';
import type { Projection } from './define-projection';
import type { ListTallies } from './read-model-tallies';
import { matchesWords, searchWords } from './search-words';

export interface ListQuery {
	/** Only rows of this group (`list.group`); all listed rows without it. */
	group?: string;
	/** Rows with a word starting with each word of this text. */
	search?: string;
	/** How many rows to read, from the top of the list. */
	limit: number;
}

export interface ListedRow<Row> {
	key: string;
	row: Row;
}

export interface ListPage<Row> {
	rows: ListedRow<Row>[];
	/** How many rows the query matches; undefined when a search matches more than it counts. */
	total: number | undefined;
}

/**
 * A search looks up the records with its longest word (the rarest, usually) and sorts them
 * when there are this many or fewer; with more, the list itself is read in its order until a
 * page of matches is found, which with so many matches comes soon.
 */
const SEARCH_CANDIDATES = 2_000;

/** A page of a projection's list from its read model: only the rows on the page are read. */
export async function queryList<Row>(
	store: EventStore,
	projection: Projection<Row>,
	tallies: ListTallies,
	query: ListQuery
): Promise<ListPage<Row>> {
	const { name } = projection;
	const descending = projection.list?.descending ?? false;
	const searched = searchWords(query.search ?? '');
	const { group, limit } = query;
	if (searched.length === 0) {
		const entries = await store.readModels.page<Row>(name, { group, descending, limit });
		const total = group === undefined ? tallies.count : (tallies.groups[group] ?? 0);
		return { rows: entries.map(listed), total };
	}
	const accept = (entry: ReadModelEntry<Row>) =>
		entry.order !== undefined &&
		(group === undefined || entry.group === group) &&
		matchesWords(searched, entry.words ?? []);
	const longest = searched.reduce((a, b) => (b.length > a.length ? b : a));
	const keys = await store.readModels.keysWithWord(name, longest, SEARCH_CANDIDATES + 1);
	if (keys.length > SEARCH_CANDIDATES) {
		const entries = await store.readModels.scan<Row>(name, { group, descending, limit }, accept);
		return {
			rows: entries.map(listed),
			total: entries.length < limit ? entries.length : undefined
		};
	}
	const found = (await store.readModels.entries<Row>(name, keys)).filter(
		(entry): entry is ReadModelEntry<Row> => entry !== undefined && accept(entry)
	);
	found.sort((a, b) => inListOrder(a, b) * (descending ? -1 : 1));
	return { rows: found.slice(0, limit).map(listed), total: found.length };
}

/** The order an index of (order, key) keeps. */
function inListOrder(a: ReadModelEntry, b: ReadModelEntry): number {
	const byOrder = compare(a.order!, b.order!);
	return byOrder !== 0 ? byOrder : compare(a.key, b.key);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function listed<Row>({ key, row }: ReadModelEntry<Row>): ListedRow<Row> {
	return { key, row };
}
