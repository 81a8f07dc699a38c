import { readable, type Readable } from 'svelte/store';
import type { EventStore } from '../eventstore';
import type { Projection } from './define-projection';
import { patchPage, queryList, type ListPage, type ListQuery } from './read-model-query';
import { ReadModelRunner, type FoldProgress, type RowChanges } from './read-model-runner';
import { readTallies, type ListTallies } from './read-model-tallies';
import type { ReadModelVerification, VerifyOptions } from './verify-read-model';

export interface ReadModelStatus {
	/** False until the stored state is read: before, `tallies` are empty, not zero. */
	loaded: boolean;
	/** True once the rows are caught up with the log. */
	ready: boolean;
	tallies: ListTallies;
	/** Set while a long fold runs (a first start, a rebuild, a long catch-up). */
	progress?: FoldProgress;
	/** Why the last fold failed, until one succeeds (`retry()`); the rows stop where it stopped. */
	failure?: unknown;
}

export interface ListView<Row> extends ListPage<Row> {
	/** False until the first page is read. */
	loaded: boolean;
}

export interface ReadModelStore<Row> extends Readable<ReadModelStatus> {
	/** A page of the list for each query the store gives, read again after every change. */
	list(query: Readable<ListQuery>): Readable<ListView<Row>>;
	/** The rows of these records (those that have one), read again after every change. */
	rows(keys: Readable<readonly string[]>): Readable<ReadonlyMap<string, Row>>;
	/** The projection whose rows these are. */
	readonly projection: Projection<Row>;
	/** Drops the rows and folds the whole log again; progress shows in the status. */
	rebuild(): Promise<void>;
	/**
	 * Once the rows are saved up to the end of the log, checks them against a fresh fold of the
	 * whole log (`verifyReadModel`); writes nothing.
	 */
	verify(options?: VerifyOptions): Promise<ReadModelVerification<Row>>;
	/** After a failure: goes on folding from where it stopped. */
	retry(): Promise<void>;
	/**
	 * Starts the fold now, for a subscriber about to come (the page whose code is still
	 * downloading). It is kept for `holdMs` even if nobody subscribes.
	 */
	preload(holdMs?: number): void;
}

/** Any read model's store, whatever its rows; for code that handles read models generically. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyReadModelStore = ReadModelStore<any>;

const PRELOAD_HOLD_MS = 10_000;
const NO_TALLIES = readTallies();
const EMPTY_LIST: ListView<never> = { rows: [], total: undefined, loaded: false };

/**
 * Svelte stores over a projection's read model. The first subscriber of any of them starts
 * one shared runner, the last one stops it; on the server (no IndexedDB) they stay empty.
 */
export function readModelStore<Row>(
	store: EventStore,
	projection: Projection<Row>
): ReadModelStore<Row> {
	let shared: ReadModelRunner<Row> | undefined;
	let users = 0;

	/** The shared runner, started if nobody held it, and the function that lets it go. */
	function acquire(): [ReadModelRunner<Row>, () => void] | undefined {
		if (typeof indexedDB === 'undefined') return undefined;
		if (!shared) {
			shared = new ReadModelRunner(store, projection);
			// A failed load is reported by the runner; the lists stay as they are.
			shared.start().catch(() => undefined);
		}
		const runner = shared;
		users++;
		let released = false;
		return [
			runner,
			() => {
				if (released) return;
				released = true;
				if (--users > 0 || shared !== runner) return;
				shared = undefined;
				// Rows not saved (the database closed meanwhile) are folded again at the next start.
				runner.stop().catch((error: unknown) => {
					console.warn(`Read model ${projection.name}: its last rows were not saved`, error);
				});
			}
		];
	}

	/** Runs `work` on the shared runner, holding it meanwhile; undefined with no IndexedDB. */
	async function whileHeld<T>(
		work: (runner: ReadModelRunner<Row>) => Promise<T>
	): Promise<T | undefined> {
		const held = acquire();
		if (!held) return undefined;
		try {
			return await work(held[0]);
		} finally {
			held[1]();
		}
	}

	/** A readable that reads `read` again whenever the runner changes or `input` does. */
	function following<Input, Output>(
		input: Readable<Input>,
		initial: Output,
		read: (runner: ReadModelRunner<Row>, input: Input) => Promise<Output>,
		patch: (
			runner: ReadModelRunner<Row>,
			output: Output,
			input: Input,
			changes: RowChanges<Row>
		) => Output
	): Readable<Output> {
		return readable(initial, (set) => {
			const held = acquire();
			if (!held) return;
			const [runner, release] = held;
			let current: { value: Input } | undefined;
			let shown = initial;
			let generation = 0;
			let reading = false;
			let again = false;
			let stopped = false;
			// One read at a time; changes during a read make one more read, not one each.
			const refresh = async () => {
				if (reading) {
					again = true;
					return;
				}
				reading = true;
				try {
					do {
						again = false;
						const started = generation;
						const output = await read(runner, current!.value);
						// A patch that came during the read is newer than what was read: read again.
						if (generation !== started) again = true;
						else if (!stopped) set((shown = output));
					} while (again && !stopped);
				} catch (error) {
					console.error(`Read model ${projection.name}`, error);
				} finally {
					reading = false;
				}
			};
			const stopInput = input.subscribe((value) => {
				current = { value };
				void refresh();
			});
			const stopRunner = runner.onChange((changes) => {
				if (!changes) return void refresh();
				if (!current || stopped) return;
				generation++;
				set((shown = patch(runner, shown, current.value, changes)));
			});
			return () => {
				stopped = true;
				stopInput();
				stopRunner();
				release();
			};
		});
	}

	const status = readable<ReadModelStatus>(
		{ loaded: false, ready: false, tallies: NO_TALLIES },
		(set) => {
			const held = acquire();
			if (!held) return;
			const [runner, release] = held;
			const emit = () =>
				set({
					loaded: runner.loaded,
					ready: runner.ready,
					tallies: readTallies(runner.state?.tallies),
					...(runner.progress && { progress: runner.progress }),
					...(runner.failure !== undefined && { failure: runner.failure })
				});
			emit();
			const stop = runner.onChange(emit);
			return () => {
				stop();
				release();
			};
		}
	);

	return {
		subscribe: status.subscribe,
		list: (query) =>
			following<ListQuery, ListView<Row>>(
				query,
				EMPTY_LIST,
				async (runner, value) => {
					// Before the state is read, the list's counts are not known (not zero).
					const tallies = runner.loaded ? readTallies(runner.state?.tallies) : undefined;
					const page = await queryList(store, projection, tallies, value);
					// What is folded but not saved yet lies over what the read found.
					const unsaved = runner.unsaved;
					const shown = unsaved.size > 0 ? patchPage(projection, page, value, unsaved) : page;
					return { ...shown, loaded: true };
				},
				(runner, view, value, changes) => {
					if (!view.loaded) return view;
					const patched = patchPage(projection, view, value, changes);
					// The fold's counts are already current: an unsearched page takes its total there.
					if (runner.loaded && !value.search?.trim()) {
						const { count, groups } = readTallies(runner.state?.tallies);
						patched.total = value.group === undefined ? count : (groups[value.group] ?? 0);
					}
					return { ...patched, loaded: true };
				}
			),
		rows: (keys) =>
			following(
				keys,
				new Map<string, Row>() as ReadonlyMap<string, Row>,
				async (runner, value) => {
					const entries = await store.readModels.entries<Row>(projection.name, value);
					const rows = new Map<string, Row>();
					value.forEach((key, index) => {
						// What is folded but not saved yet lies over what the read found.
						const entry = runner.unsaved.has(key) ? runner.unsaved.get(key) : entries[index];
						if (entry) rows.set(key, entry.row);
					});
					return rows;
				},
				(_, rows, value, changes) => {
					const wanted = value.filter((key) => changes.has(key));
					if (wanted.length === 0) return rows;
					const patched = new Map(rows);
					for (const key of wanted) {
						const entry = changes.get(key);
						if (entry) patched.set(key, entry.row);
						else patched.delete(key);
					}
					return patched;
				}
			),
		projection,
		rebuild: async () => void (await whileHeld((runner) => runner.rebuild())),
		retry: async () => void (await whileHeld((runner) => runner.retry())),
		async verify(options) {
			const verification = await whileHeld(async (runner) => {
				// Only an inspector checks: the check's code loads with the first check, not the app.
				const [{ verifyReadModel }] = await Promise.all([
					import('./verify-read-model'),
					runner.settled()
				]);
				return verifyReadModel(store, projection, options);
			});
			if (!verification) throw new Error('Read models need IndexedDB.');
			return verification;
		},
		preload(holdMs = PRELOAD_HOLD_MS) {
			const held = acquire();
			if (held) setTimeout(held[1], holdMs);
		}
	};
}
