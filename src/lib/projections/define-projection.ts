import type { ReadEvent } from '../events';

/**
 * A read model: each record (stream) the filter admits is folded into one row, in version
 * order. Because a row depends on its own stream only, syncing that puts other records'
 * events earlier in the log never changes a row, and a `$Rewound` sets just that row back.
 */
export interface Projection<Row> {
	name: string;
	/** Bump when `evolve` or the row's shape changes: the stored checkpoint is then rebuilt. */
	version: number;
	/** Which records this projection folds, decided by stream (so rewinds follow their events). */
	filter: (streamId: string) => boolean;
	initialState: () => Row;
	/** Pure: the row after one more event of its record. */
	evolve: (row: Row, event: ReadEvent) => Row;
	/**
	 * How a read model (`ReadModelRunner`) lists the rows: kept in IndexedDB, indexed by this
	 * order, group and words, so a list reads a page of them and never holds them all.
	 */
	list?: ProjectionList<Row>;
}

export interface ProjectionList<Row> {
	/** Where the row sorts (compared as strings); undefined keeps it out of the list. */
	order: (row: Row) => string | undefined;
	/** Newest first, say: the list reads its order backwards. */
	descending?: boolean;
	/** The filter a listed row falls under (a status); each group is counted. */
	group?: (row: Row) => string;
	/** The text a search finds the row by: each of its words, from the start of the word. */
	searchText?: (row: Row) => string;
	/** What a listed row adds to the list's running sums (a balance per currency, say). */
	sums?: (row: Row) => Record<string, number>;
}

export type ProjectionDefinition<Row> = Omit<Projection<Row>, 'filter'> &
	Partial<Pick<Projection<Row>, 'filter'>>;

export function defineProjection<Row>(definition: ProjectionDefinition<Row>): Projection<Row> {
	if (!Number.isInteger(definition.version) || definition.version < 1) {
		throw new Error(`The version of projection "${definition.name}" must be a positive integer.`);
	}
	return { filter: () => true, ...definition };
}

/** One folded record: its row and the stream version it reflects. */
export interface ProjectedRecord<Row> {
	version: number;
	row: Row;
}
