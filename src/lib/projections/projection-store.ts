import { readable, type Readable } from 'svelte/store';
import type { EventStore } from '../eventstore';
import type { Projection } from './define-projection';
import { previewKey, ProjectionRunner } from './projection-runner';

export interface ProjectionView<Row> {
	/** One row per record, by stream id. */
	rows: ReadonlyMap<string, Row>;
	/** False until the checkpoint is loaded and the log after it folded. */
	ready: boolean;
	/**
	 * True while `rows` are only the projection's preview (its first rows, as of the last
	 * checkpoint), before the whole checkpoint is read: a list may show its first page.
	 */
	preview?: boolean;
}

export interface ProjectionStore<Row> extends Readable<ProjectionView<Row>> {
	/** Drops the checkpoint and folds the whole log again. */
	rebuild(): Promise<void>;
	/**
	 * Starts loading now, for a subscriber that is about to come (the page whose code is still
	 * downloading): the checkpoint read overlaps the app's start instead of following it.
	 * The rows are kept for `holdMs` even if nobody subscribes.
	 */
	preload(holdMs?: number): void;
}

const PRELOAD_HOLD_MS = 10_000;

/**
 * A Svelte store of a projection's rows. The first subscriber starts one shared runner, the
 * last one stops it; on the server (no IndexedDB) it stays empty and touches nothing.
 */
export function projectionStore<Row>(
	store: EventStore,
	projection: Projection<Row>
): ProjectionStore<Row> {
	let runner: ProjectionRunner<Row> | undefined;
	const empty: ProjectionView<Row> = { rows: new Map(), ready: false };

	let last = empty;
	const { subscribe } = readable(empty, (set) => {
		if (typeof indexedDB === 'undefined') return;
		// A subscriber coming back sees the rows it had, but not as current until the runner reloads.
		if (last.ready) set({ rows: last.rows, ready: false });
		const current = new ProjectionRunner(store, projection, (rows, preview) => {
			if (preview) {
				// Only before the first load: rows already shown are not traded for fewer.
				if (!last.ready) set({ rows, ready: false, preview: true });
				return;
			}
			last = { rows, ready: true };
			set(last);
		});
		runner = current;
		void current.start();
		return () => {
			if (runner === current) runner = undefined;
			// A checkpoint not saved (the database closed meanwhile) costs time at the next load, never rows.
			current.stop().catch((error: unknown) => {
				console.warn(`Projection ${projection.name}: its last checkpoint was not saved`, error);
			});
		};
	});

	return {
		subscribe,
		preload(holdMs = PRELOAD_HOLD_MS) {
			const release = subscribe(() => undefined);
			setTimeout(release, holdMs);
		},
		async rebuild() {
			if (runner) return runner.rebuild();
			await store.deleteCheckpoints([projection.name, previewKey(projection.name)]);
		}
	};
}
