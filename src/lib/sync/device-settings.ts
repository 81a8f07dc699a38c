import type { EventStore } from '../eventstore';

// The only place the sync client reads the store's tables itself: when the store gains a
// sync-facing API for settings and the conflict inbox, this file is the one to re-point.

/** A value sync keeps on the device under one of `sync-meta.ts`'s keys. */
export async function readSetting<T>(store: EventStore, key: string): Promise<T | undefined> {
	return (await store.db.meta.get(key))?.value as T | undefined;
}

export async function writeSetting(store: EventStore, key: string, value: unknown): Promise<void> {
	await store.db.meta.put({ key, value });
}

/** The streams the conflict inbox holds: their pending events wait, unpushed. */
export async function heldStreams(store: EventStore): Promise<Set<string>> {
	return new Set((await store.db.conflicts.toArray()).map((conflict) => conflict.streamId));
}

export function conflictCount(store: EventStore): Promise<number> {
	return store.db.conflicts.count();
}

/** The log's name: tabs of the same log share a leader, a push lock and a channel. */
export function logName(store: EventStore): string {
	return store.db.name;
}
