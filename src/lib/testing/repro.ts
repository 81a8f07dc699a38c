import type { DomainEvent } from '../aggregates';
import type { EventRegistry, ReadEvent } from '../events';
import { EventStore, type BackupHeader, type Redecide } from '../eventstore';

/** A repro bundle loaded into a store of its own, for a spec to start from. */
export interface LoadedRepro {
	/** A fresh store holding exactly what the bundle holds: its events, pending commands, inbox. */
	store: EventStore;
	header: BackupHeader;
	/** A stream's events as a decider spec's `given` takes them (type and data, latest shape). */
	given(streamId: string): Promise<DomainEvent[]>;
	/** A stream's events as the store reads them, metadata and sync state included. */
	events(streamId: string): Promise<ReadEvent[]>;
}

/** In a fresh store nothing moved on under a restored command: deciding one again is a bug. */
const nothingToDecide: Redecide = (command) => {
	throw new Error(`A repro bundle's command ${command.commandId} landed on a moved record.`);
};

/**
 * Loads a repro bundle (the inspector's "Download a repro bundle": a slice of a device's log
 * with its pending commands, names and notes maybe redacted) into a fresh store, checked as a
 * backup is (format, SHA-256, every line), so a test replays what the device held:
 * `deciderSpec(orders).given(await repro.given(streamId)).when(…)`, or the store itself for a
 * projection, an undo or a sync. Close `store` when done.
 */
export async function loadRepro(
	bundle: Blob | string,
	registry: EventRegistry,
	name = `repro-${crypto.randomUUID()}`
): Promise<LoadedRepro> {
	const file = typeof bundle === 'string' ? new Blob([bundle]) : bundle;
	const store = new EventStore({ name, registry });
	try {
		const header = await store.backup.peek(file);
		const { header: checked } = await store.backup.restore(file, {
			workspace: header?.workspace ?? null,
			redecide: nothingToDecide,
			slice: true
		});
		const events = (streamId: string) => store.readStream(streamId);
		return {
			store,
			header: checked,
			events,
			given: async (streamId) => (await events(streamId)).map(({ type, data }) => ({ type, data }))
		};
	} catch (error) {
		store.close();
		throw error;
	}
}
