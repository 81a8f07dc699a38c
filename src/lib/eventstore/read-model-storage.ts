import Dexie from 'dexie';
import type { RewindDatabase } from './internal/database';

/** One record's row in a read model, as a projection hands it over. */
export interface ReadModelEntry<Row = unknown> {
	/** The record: its stream id. */
	key: string;
	/** The record's stream version the row reflects. */
	version: number;
	row: Row;
	/**
	 * Where the row sorts in its list, read forwards (a list shown newest first inverts it),
	 * unique; undefined when the list does not show it.
	 */
	order?: string;
	/** The filter it falls under (a status); undefined when the list does not show it. */
	group?: string;
	/** The words a search finds it by, each lowercased. */
	words?: readonly string[];
}

/** How an entry is stored: beside its model's name, its words prefixed with the model's too. */
export interface ReadModelRecord extends Omit<ReadModelEntry, 'words'> {
	model: string;
	terms?: string[];
}

/** How far a read model has folded the log, and the running sums of its rows. */
export interface ReadModelState {
	/** The projection's version: another one means the rows were made by other code. */
	version: number;
	/** Every event with a local seq up to here is folded in. */
	seq: number;
	/** Every rewrite up to this id is folded in. */
	rewriteId: number;
	/**
	 * Which commit wrote these rows, a fresh id each time: a fold that read the rows before
	 * another tab's commit cannot land, even when that commit moved neither seq nor rewrite (a
	 * refold) or came after a reset that started the count again.
	 */
	commit: string;
	/** Sums over the listed rows (how many in each group, a total balance…), kept as rows change. */
	tallies: Record<string, number>;
}

export interface ReadModelPage {
	/** Only the rows in this group; every listed row without it. */
	group?: string;
	limit: number;
}

/** How many rows a scan reads at once. */
const SCAN_CHUNK = 250;

/** Between the model's name and a word in the shared multi-entry index. */
const WORD_SEPARATOR = '\u0000';

/**
 * The rows of read models, in the event store's database so that a workspace's data lives in
 * one place. Each commit of a model's rows is conditional on the state it was folded from
 * (`commit`): tabs folding the same log may race, and only one of them writes each step.
 */
export class ReadModelStorage {
	constructor(private readonly db: RewindDatabase) {}

	async state(model: string): Promise<ReadModelState | undefined> {
		const stored = (await this.db.checkpoints.get(stateName(model))) as
			(ReadModelState & { name: string }) | undefined;
		return stored && withoutName(stored);
	}

	/**
	 * The stored state and these records' rows, read together: a fold must start from rows that
	 * belong to the state it commits against (`commit`), never from rows of another moment.
	 */
	async read<Row>(
		model: string,
		keys: readonly string[]
	): Promise<{ state: ReadModelState | undefined; entries: (ReadModelEntry<Row> | undefined)[] }> {
		const { db } = this;
		return db.transaction('r', [db.checkpoints, db.readModelRows], async () => ({
			state: await this.state(model),
			entries: await this.entries<Row>(model, keys)
		}));
	}

	/** The stored rows of these records, in the same order; undefined where none. */
	async entries<Row>(
		model: string,
		keys: readonly string[]
	): Promise<(ReadModelEntry<Row> | undefined)[]> {
		const found = await this.db.readModelRows.bulkGet(keys.map((key) => [model, key]));
		return found.map((record) => record && entryOf<Row>(record));
	}

	/**
	 * Writes the rows and the new state if the stored state is still `expected` (undefined: none
	 * stored), in one transaction; returns false, writing nothing, if it moved meanwhile.
	 */
	async commit(
		model: string,
		expected: ReadModelState | undefined,
		next: ReadModelState,
		changes: { put: readonly ReadModelEntry[]; remove: readonly string[] }
	): Promise<boolean> {
		const { db } = this;
		return db.transaction('rw', [db.checkpoints, db.readModelRows], async () => {
			const current = await this.state(model);
			if (!sameState(current, expected)) return false;
			if (changes.put.length > 0) {
				await db.readModelRows.bulkPut(changes.put.map((entry) => recordOf(model, entry)));
			}
			if (changes.remove.length > 0) {
				await db.readModelRows.bulkDelete(changes.remove.map((key) => [model, key]));
			}
			await db.checkpoints.put({ name: stateName(model), ...next });
			return true;
		});
	}

	/** Deletes every row of the model and its state: the next fold starts from the log's start. */
	async reset(model: string): Promise<void> {
		const { db } = this;
		await db.transaction('rw', [db.checkpoints, db.readModelRows], async () => {
			await db.readModelRows
				.where('[model+key]')
				.between([model, Dexie.minKey], [model, Dexie.maxKey])
				.delete();
			await db.checkpoints.delete(stateName(model));
		});
	}

	/** A page of the listed rows in their order, from an index: only the page is read. */
	async page<Row>(model: string, query: ReadModelPage): Promise<ReadModelEntry<Row>[]> {
		const rows = await this.#ordered(model, query.group).limit(query.limit).toArray();
		return rows.map((record) => entryOf<Row>(record));
	}

	/**
	 * The listed rows in their order that `accept` takes, until `limit` are found or `budget`
	 * rows are read, a few hundred at a time: a search whose words are common finds a page of
	 * them near the top of the list. `complete` when the whole list was read.
	 */
	async scan<Row>(
		model: string,
		query: ReadModelPage,
		accept: (entry: ReadModelEntry<Row>) => boolean,
		budget = Infinity
	): Promise<{ found: ReadModelEntry<Row>[]; complete: boolean }> {
		const found: ReadModelEntry<Row>[] = [];
		let after: string | undefined;
		for (let read = 0; read < budget;) {
			const chunk = await this.#ordered(model, query.group, after).limit(SCAN_CHUNK).toArray();
			read += chunk.length;
			for (const record of chunk) {
				const entry = entryOf<Row>(record);
				if (accept(entry)) found.push(entry);
				if (found.length >= query.limit) return { found, complete: false };
			}
			if (chunk.length < SCAN_CHUNK) return { found, complete: true };
			after = chunk.at(-1)!.order;
		}
		return { found, complete: false };
	}

	/**
	 * The records with a word that starts with `prefix`, at most `limit` index entries read
	 * (a record with two such words counts twice): a search's candidates.
	 */
	async keysWithWord(model: string, prefix: string, limit: number): Promise<string[]> {
		const keys = await this.db.readModelRows
			.where('terms')
			.startsWith(`${model}${WORD_SEPARATOR}${prefix}`)
			.limit(limit)
			.primaryKeys();
		return [...new Set(keys.map(([, key]) => key))];
	}

	/** The listed rows (of a group) in their order, after the order `after` if given. */
	#ordered(model: string, group: string | undefined, after?: string) {
		const rows = this.db.readModelRows;
		const from = after ?? Dexie.minKey;
		return group === undefined
			? rows
					.where('[model+order]')
					.between([model, from], [model, Dexie.maxKey], after === undefined)
			: rows
					.where('[model+group+order]')
					.between([model, group, from], [model, group, Dexie.maxKey], after === undefined);
	}
}

/** Read models' states live beside the projections' checkpoints, under a name of their own. */
function stateName(model: string): string {
	return `read-model:${model}`;
}

function withoutName({ version, seq, rewriteId, commit, tallies }: ReadModelState): ReadModelState {
	return { version, seq, rewriteId, commit, tallies };
}

/** Whether two states are the same commit's (or both none). */
export function sameState(a: ReadModelState | undefined, b: ReadModelState | undefined): boolean {
	if (!a || !b) return a === b;
	return a.commit === b.commit;
}

/** A stored record as its read model hands it out: its words without the model's prefix. */
export function entryOf<Row>({ model, terms, ...entry }: ReadModelRecord): ReadModelEntry<Row> {
	const words = terms?.map((term) => term.slice(model.length + WORD_SEPARATOR.length));
	return { ...(entry as Omit<ReadModelEntry<Row>, 'words'>), ...(words && { words }) };
}

function recordOf(model: string, { words, ...entry }: ReadModelEntry): ReadModelRecord {
	const record: ReadModelRecord = { model, ...entry };
	// A row that is not listed is found by no search either.
	if (words && entry.order !== undefined) {
		record.terms = words.map((word) => `${model}${WORD_SEPARATOR}${word}`);
	}
	return record;
}
