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

/** A row on a list's page: its record, its row, and where it sorts (`ReadModelEntry`). */
export type ListedRow<Row> = ReadModelEntry<Row>;

export interface ListPage<Row> {
	rows: ListedRow<Row>[];
	/** How many rows the query matches; undefined when a search matches more than it counts. */
	total: number | undefined;
}

/** How many rows at the top of the list a search reads before it looks its words up. */
const SCAN_FIRST = 500;
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
	/** The list's counts, which give an unsearched page its total; undefined when not known. */
	tallies: ListTallies | undefined,
	query: ListQuery
): Promise<ListPage<Row>> {
	const { name } = projection;
	const searched = searchedWords(query);
	const { group, limit } = query;
	if (searched === NOTHING) return { rows: [], total: 0 };
	if (searched.length === 0) {
		const entries = await store.readModels.page<Row>(name, { group, limit });
		const total = !tallies
			? undefined
			: group === undefined
				? tallies.count
				: (tallies.groups[group] ?? 0);
		return { rows: entries, total };
	}
	const accept = (entry: ReadModelEntry<Row>) => inQuery(entry, group, searched);
	const scanned = async (budget?: number) => {
		const { found, complete } = await store.readModels.scan<Row>(
			name,
			{ group, limit },
			accept,
			budget
		);
		return { rows: found, total: complete ? found.length : undefined };
	};
	// The top of the list first: a common word fills a page there, as fast in a long list as
	// in a short one (and a short list is read whole).
	const top = await scanned(SCAN_FIRST);
	if (top.rows.length >= limit || top.total !== undefined) return top;
	const longest = searched.reduce((a, b) => (b.length > a.length ? b : a));
	const keys = await store.readModels.keysWithWord(name, longest, SEARCH_CANDIDATES + 1);
	if (keys.length > SEARCH_CANDIDATES) return scanned();
	const found = (await store.readModels.entries<Row>(name, keys)).filter(
		(entry): entry is ReadModelEntry<Row> => entry !== undefined && accept(entry)
	);
	found.sort(inListOrder);
	return { rows: found.slice(0, limit), total: found.length };
}

/**
 * The page with `changes` patched in, before they are stored: each changed row leaves the page,
 * and comes back where it now sorts if the query still takes it and it sorts within the page.
 * A row that left may leave the page a row short until it is read again (`queryList`).
 */
export function patchPage<Row>(
	projection: Projection<Row>,
	page: ListPage<Row>,
	query: ListQuery,
	changes: ReadonlyMap<string, ReadModelEntry<Row> | undefined>
): ListPage<Row> {
	const searched = searchedWords(query);
	const last = page.rows.length >= query.limit ? page.rows.at(-1) : undefined;
	const rows = page.rows.filter(({ key }) => !changes.has(key));
	for (const entry of changes.values()) {
		if (!entry || !inQuery(entry, query.group, searched)) continue;
		// A full page ends at its last row: a row that sorts after it belongs to a later page.
		if (last && inListOrder(entry, last) > 0) continue;
		rows.push(entry);
	}
	rows.sort(inListOrder);
	return { rows: rows.slice(0, query.limit), total: page.total };
}

/** A search of only marks and symbols ("(.*", "🙂"): no word of any record starts with it. */
const NOTHING: readonly string[] = [];

/** The query's search words; none without a search, `NOTHING` when its text has no words. */
function searchedWords({ search = '' }: ListQuery): readonly string[] {
	const words = searchWords(search);
	return words.length === 0 && search.trim() !== '' ? NOTHING : words;
}

function inQuery(
	entry: ReadModelEntry,
	group: string | undefined,
	searched: readonly string[]
): boolean {
	return (
		searched !== NOTHING &&
		entry.order !== undefined &&
		(group === undefined || entry.group === group) &&
		matchesWords(searched, entry.words ?? [])
	);
}

/** The order the list's index keeps (its keys are unique: `listKey`). */
function inListOrder(a: ReadModelEntry, b: ReadModelEntry): number {
	return a.order! < b.order! ? -1 : a.order! > b.order! ? 1 : 0;
}
