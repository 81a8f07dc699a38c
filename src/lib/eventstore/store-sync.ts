import Dexie from 'dexie';
import { SyncGapError } from '../errors';
import type { EventRegistry, ReadEvent, StoredEvent } from '../events';
import type { Conflict } from './conflict';
import { acknowledge, type Acknowledgement } from './internal/acknowledgement';
import type { RewindDatabase } from './internal/database';
import type { NativeConnection } from './internal/native-transaction';
import { isPending, pendingRanges } from './internal/outbox';
import { rebaseInPlace, takePending } from './internal/rebase-in-place';
import { receiptFor, receiptRuns, recordOf, type EventRecord } from './internal/receipts';
import { markSynced, outboxOf } from './internal/sync-state-store';
import type { Redecide } from './rebase';
import type { StoredCommand } from './stored-command';

export type { Acknowledgement } from './internal/acknowledgement';

/** An event as the server has it: in the workspace's order (`position`), by whom and when. */
export type RemoteEvent = Omit<StoredEvent, 'seq' | 'sync'> &
	Required<Pick<StoredEvent, 'position' | 'recordedAt' | 'recordedBy'>>;

export interface RemoteApplied {
	/** Events of others (and our own, acknowledged through the pull) now in the log. */
	inserted: number;
	/** Our own pending events that the remote events showed were accepted. */
	acknowledged: number;
	/** Streams whose pending commands were decided again on top of the remote events. */
	rebased: string[];
	/** Commands that no longer fit and went to the conflict inbox. */
	conflicts: Conflict[];
	/** The highest remote position applied so far (`remotePosition`). */
	position: number;
}

/** What the facet works with: the store's own database, connection and change feed. */
export interface StoreSyncParts {
	db: RewindDatabase;
	registry: EventRegistry;
	connection: () => Promise<NativeConnection>;
	readStream: (streamId: string) => Promise<ReadEvent[]>;
	announce: (streamIds: string[], rewritten: boolean) => void;
}

/** Where the highest applied remote position is kept (the key predates this facet). */
const REMOTE_POSITION = 'sync:pull-cursor';

/**
 * The event store's side of sync (`store.sync`): everything sync may do to the pending state,
 * each a transaction of its own. Sync reads and writes the store's tables only through these.
 */
export class StoreSync {
	readonly #parts: StoreSyncParts;

	constructor(parts: StoreSyncParts) {
		this.#parts = parts;
	}

	/**
	 * Records what the server accepted of pushed pending events (in seq order), in one native
	 * transaction. An event discarded or rebased since it was read is left alone.
	 */
	async acknowledge(acks: readonly Acknowledgement[]): Promise<void> {
		const { connection, announce } = this.#parts;
		if (acks.length === 0) return;
		announce(await acknowledge(await connection(), acks), false);
	}

	/** The highest server position applied to this log by `applyRemote`; 0 before any. */
	async remotePosition(): Promise<number> {
		return ((await this.#parts.db.meta.get(REMOTE_POSITION))?.value as number | undefined) ?? 0;
	}

	/**
	 * Applies remote events (a pulled page, in position order) in ONE transaction: inserts them,
	 * acknowledges our own pending ones among them, and where they land on a stream with pending
	 * events, takes those out and decides their commands again on top (`rebase`, with
	 * `redecide`). A command that no longer fits goes to the conflict inbox with its reason, and
	 * the highest position applied is recorded. Either all of this commits or none of it: a crash
	 * leaves every pending event pending, synced, or in the inbox, never lost. Throws
	 * `SyncGapError`, having applied nothing, when an event does not continue its stream.
	 */
	async applyRemote(
		events: readonly RemoteEvent[],
		redecide: Redecide,
		now: () => Date = () => new Date()
	): Promise<RemoteApplied> {
		const { db, announce } = this.#parts;
		const touched = new Set<string>();
		const result = await db.transaction(
			'rw',
			[db.events, db.outbox, db.receipts, db.snapshots, db.rewrites, db.conflicts, db.meta],
			async (): Promise<RemoteApplied> => {
				let acknowledged = 0;
				const toRebase = new Map<string, StoredCommand[]>();
				const causedBy = new Map<string, { userId: string; at: string }>();
				let position = await this.remotePosition();

				const known = new Map(
					(
						await db.events
							.where('eventId')
							.anyOf(events.map((e) => e.eventId))
							.toArray()
					).map((event) => [event.eventId, event])
				);
				// Read once: what the loop below takes out of the outbox is never looked up again.
				const outbox = await db.outbox.toArray();
				const heads = new Map<string, number>();
				const fresh: { record: Omit<EventRecord, 'seq'>; event: RemoteEvent }[] = [];
				for (const event of events) {
					position = Math.max(position, event.position);
					const existing = known.get(event.eventId);
					if (existing) {
						// Ours, pushed before but its answer lost: acknowledged now, before any rebase
						// below could mistake it for unsent. Position order puts it before later events.
						if (isPending(outbox, existing.seq)) {
							await markSynced(db, [{ ...event, seq: existing.seq }]);
							acknowledged++;
							touched.add(event.streamId);
						}
						continue;
					}
					let head = heads.get(event.streamId);
					if (head === undefined) {
						const commands = await takePending(db, event.streamId);
						if (commands.length > 0) toRebase.set(event.streamId, commands);
						head = await headOf(db, event.streamId);
					}
					if (event.version !== head + 1)
						throw new SyncGapError(event.streamId, head, event.version);
					heads.set(event.streamId, event.version);
					fresh.push({ record: recordOf(event), event });
					causedBy.set(event.streamId, { userId: event.recordedBy, at: event.recordedAt });
					touched.add(event.streamId);
				}
				const seqs = await db.events.bulkAdd(
					fresh.map(({ record }) => record as EventRecord),
					{ allKeys: true }
				);
				await db.receipts.bulkAdd(
					receiptRuns(fresh.map(({ event }, index) => receiptFor(seqs[index]!, event)))
				);

				const conflicts: Conflict[] = [];
				for (const [streamId, commands] of toRebase) {
					for (const { command, reason } of await this.#rebase(streamId, commands, redecide)) {
						const conflict: Conflict = {
							commandId: command.commandId,
							streamId,
							command,
							reason,
							...(causedBy.has(streamId) ? { causedBy: causedBy.get(streamId)! } : {}),
							createdAt: now().toISOString()
						};
						await db.conflicts.put(conflict);
						conflicts.push(conflict);
					}
				}
				if (toRebase.size > 0) {
					await db.rewrites.add({ streamIds: [...toRebase.keys()], at: now().toISOString() });
				}
				await db.meta.put({ key: REMOTE_POSITION, value: position });
				return {
					inserted: fresh.length,
					acknowledged,
					rebased: [...toRebase.keys()],
					conflicts,
					position
				};
			}
		);
		announce([...touched], result.rebased.length > 0);
		return result;
	}

	/**
	 * The server refused one of our pending events outright: its command goes to the conflict
	 * inbox with `reason`, and the stream's other pending commands are decided again without
	 * it, all in one transaction. Undefined when the event is not pending (any more).
	 */
	async quarantine(
		eventId: string,
		reason: string,
		redecide: Redecide,
		now: () => Date = () => new Date()
	): Promise<Conflict | undefined> {
		const { db, announce } = this.#parts;
		const event = await db.events.where('eventId').equals(eventId).first();
		if (!event || !isPending(await outboxOf(db, event.streamId), event.seq)) return undefined;
		const { streamId } = event;
		const conflict = await db.transaction(
			'rw',
			[db.events, db.outbox, db.receipts, db.snapshots, db.rewrites, db.conflicts],
			async () => {
				const commands = await takePending(db, streamId);
				const refusedIndex = commands.findIndex(
					(command) => command.commandId === event.metadata.commandId
				);
				const [refusedCommand] = commands.splice(refusedIndex, 1);
				const entry: Conflict = {
					commandId: refusedCommand!.commandId,
					streamId,
					command: refusedCommand!,
					reason,
					createdAt: now().toISOString()
				};
				await db.conflicts.put(entry);
				for (const { command, reason: why } of await this.#rebase(streamId, commands, redecide)) {
					await db.conflicts.put({
						commandId: command.commandId,
						streamId,
						command,
						reason: why,
						createdAt: now().toISOString()
					});
				}
				await db.rewrites.add({ streamIds: [streamId], at: now().toISOString() });
				return entry;
			}
		);
		announce([streamId], true);
		return conflict;
	}

	/**
	 * Decides an inbox entry's command again on the record as it is now. If it fits, its events
	 * join the pending ones and the entry leaves the inbox, in one transaction; if not, the entry
	 * stays with the new reason. Undefined when the entry is no longer in the inbox.
	 */
	async retryConflict(
		commandId: string,
		redecide: Redecide
	): Promise<{ applied: true } | { applied: false; reason: string } | undefined> {
		const { db, announce } = this.#parts;
		const outcome = await db.transaction(
			'rw',
			[db.events, db.outbox, db.receipts, db.conflicts, db.snapshots],
			async () => {
				const conflict = await db.conflicts.get(commandId);
				if (!conflict) return undefined;
				const [refused] = await this.#rebase(conflict.streamId, [conflict.command], redecide);
				if (refused) {
					await db.conflicts.put({ ...conflict, reason: refused.reason });
					return { applied: false as const, reason: refused.reason };
				}
				await db.conflicts.delete(commandId);
				return { applied: true as const, streamId: conflict.streamId };
			}
		);
		if (!outcome) return undefined;
		if (!outcome.applied) return outcome;
		announce([outcome.streamId], false);
		return { applied: true };
	}

	/** What is waiting in the conflict inbox, oldest first. */
	async conflicts(): Promise<Conflict[]> {
		const conflicts = await this.#parts.db.conflicts.toArray();
		return conflicts.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	}

	/** How many entries the conflict inbox holds. */
	conflictCount(): Promise<number> {
		return this.#parts.db.conflicts.count();
	}

	/** The streams the conflict inbox holds back: their pending events wait for the user. */
	async heldStreams(): Promise<Set<string>> {
		return new Set((await this.#parts.db.conflicts.toArray()).map((conflict) => conflict.streamId));
	}

	/** Takes the entry out of the inbox: the user let the change go. Only they may; sync never does. */
	async discardConflict(commandId: string): Promise<void> {
		const { db, announce } = this.#parts;
		const conflict = await db.conflicts.get(commandId);
		await db.conflicts.delete(commandId);
		if (conflict) announce([conflict.streamId], false);
	}

	/**
	 * Makes `userId` the author of the anonymous user's pending work (events, their commands,
	 * inbox entries), in one transaction; returns how many streams changed. Only pending work:
	 * it never left the device, so nobody else has seen it.
	 */
	async adoptAnonymous(anonymousUserId: string, userId: string): Promise<number> {
		const { db, announce } = this.#parts;
		const streams = await db.transaction('rw', [db.events, db.outbox, db.conflicts], async () => {
			const touched = new Set<string>();
			for (const [from, to] of pendingRanges(await db.outbox.toArray(), 0)) {
				await db.events
					.where('seq')
					.between(from, to, true, true)
					.filter((event) => event.metadata.userId === anonymousUserId)
					.modify((event) => {
						event.metadata.userId = userId;
						touched.add(event.streamId);
					});
			}
			await db.outbox
				.filter((entry) => entry.command?.userId === anonymousUserId)
				.modify((entry) => {
					entry.command!.userId = userId;
				});
			await db.conflicts
				.filter((conflict) => conflict.command.userId === anonymousUserId)
				.modify((conflict) => {
					conflict.command.userId = userId;
				});
			return [...touched];
		});
		announce(streams, true);
		return streams.length;
	}

	/** A setting of this device's sync (session, workspace, members…), shared by every tab. */
	async readSetting<T>(key: string): Promise<T | undefined> {
		return (await this.#parts.db.meta.get(key))?.value as T | undefined;
	}

	/** Stores a setting, or with undefined forgets it. */
	async writeSetting(key: string, value: unknown): Promise<void> {
		if (value === undefined) await this.#parts.db.meta.delete(key);
		else await this.#parts.db.meta.put({ key, value });
	}

	#rebase(streamId: string, commands: readonly StoredCommand[], redecide: Redecide) {
		const { db, registry, readStream } = this.#parts;
		return rebaseInPlace(db, registry, readStream, streamId, commands, redecide);
	}
}

async function headOf(db: RewindDatabase, streamId: string): Promise<number> {
	const last = await db.events
		.where('[streamId+version]')
		.between([streamId, Dexie.minKey], [streamId, Dexie.maxKey])
		.last();
	return last?.version ?? 0;
}
