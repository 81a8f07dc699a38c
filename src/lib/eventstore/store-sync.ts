import type { ReadEvent } from '../events';
import type { Conflict } from './conflict';
import { acknowledge, type Acknowledgement } from './internal/acknowledgement';
import { commandsIn } from './internal/outbox';
import type { NativeConnection } from './internal/native-transaction';
import type { RebaseParts } from './internal/rebase-in-place';
import { readRemotePosition } from './internal/remote-position';
import type { Redecide } from './rebase';
import type { RemoteApplied, RemoteEvent } from './remote-event';
import type { StoredCommand } from './stored-command';

export type { Acknowledgement } from './internal/acknowledgement';
export type { RemoteApplied, RemoteEvent } from './remote-event';

/** What the facet works with: the store's own database, connection and change feed. */
export interface StoreSyncParts extends RebaseParts {
	connection: () => Promise<NativeConnection>;
	/** Tells the change feed; `events`, when given, are what the commit appended, in seq order. */
	announce: (streamIds: string[], rewritten: boolean, events?: readonly ReadEvent[]) => void;
}

/**
 * The event store's side of sync (`store.sync`): everything sync may do to the pending state,
 * each a transaction of its own. Sync reads and writes the store's tables only through these.
 * The long transactions live in `internal/`, a file each; here each is named and announced.
 * Those that rebase, and the adoption of anonymous work, load with their first use (a pull, a
 * refusal, a retry, a sign-in), like `store.backup`: a first visit signed out never runs them.
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
		// Rewritten: the events read differently now (synced, with the server's time), so every
		// projection folds their streams again and equals a fold of the log (invariant 3).
		announce(await acknowledge(await connection(), acks), true);
	}

	/**
	 * A rebase validates the events it decides, inside its transaction, and remote events may
	 * need upcasting: a registry that loads its schemas on demand must have them before the
	 * transaction opens (an await inside would let IndexedDB commit it early).
	 */
	async #schemas(): Promise<void> {
		await this.#parts.registry.prepare?.();
	}

	/** The highest server position applied to this log by `applyRemote`; 0 before any. */
	remotePosition(): Promise<number> {
		return readRemotePosition(this.#parts.db);
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
		const [{ applyRemoteEvents }] = await Promise.all([
			import('./internal/apply-remote'),
			this.#schemas()
		]);
		const { applied, touched, appended, resynced } = await applyRemoteEvents(
			this.#parts,
			events,
			redecide,
			now
		);
		const { registry } = this.#parts;
		this.#parts.announce(
			touched,
			applied.rebased.length > 0,
			appended?.map((event) => registry.read(event))
		);
		// Our own events the page acknowledged read differently now, as after a push's answer.
		if (applied.rebased.length === 0 && resynced.length > 0) this.#parts.announce(resynced, true);
		return applied;
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
		const [{ quarantineEvent }] = await Promise.all([
			import('./internal/quarantine'),
			this.#schemas()
		]);
		const outcome = await quarantineEvent(this.#parts, eventId, reason, redecide, now);
		if (!outcome) return undefined;
		this.#parts.announce([...new Set([outcome.entry.streamId, ...outcome.streams])], true);
		return outcome.entry;
	}

	/**
	 * Decides an inbox entry's command again on the record as it is now. If it fits, its events
	 * join the pending ones and the entry leaves the inbox, in one transaction; if not, the entry
	 * stays with the new reason. Undefined when the entry is no longer in the inbox. `amend`
	 * changes the command first, as the person chose (an undo's "Restore anyway").
	 */
	async retryConflict(
		commandId: string,
		redecide: Redecide,
		amend?: (command: StoredCommand) => StoredCommand
	): Promise<{ applied: true } | { applied: false; reason: string } | undefined> {
		const [{ retryInboxEntry }] = await Promise.all([
			import('./internal/retry-conflict'),
			this.#schemas()
		]);
		const outcome = await retryInboxEntry(this.#parts, commandId, redecide, amend);
		if (!outcome?.applied) return outcome;
		this.#parts.announce([outcome.streamId], false);
		return { applied: true };
	}

	/**
	 * Puts a command that was refused before it wrote anything (a reaction's, refused by the
	 * record's rules) in the conflict inbox, for the person to see and retry. Putting the same
	 * command again replaces its entry: a reaction that runs twice leaves one.
	 */
	async holdRefused(conflict: Conflict): Promise<void> {
		await this.#parts.db.conflicts.put(conflict);
		this.#parts.announce([conflict.streamId], false);
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

	/**
	 * The streams the conflict inbox holds back: their pending events wait for the user (not for
	 * a reaction's refused command, which nobody put in order). A reaction's consequence waits
	 * with its cause, so it never reaches the server before it (the
	 * cause may still be refused, and its consequences must then go with it).
	 */
	async heldStreams(): Promise<Set<string>> {
		const { db } = this.#parts;
		const conflicts = await db.conflicts.toArray();
		const held = new Set(
			conflicts
				.filter((conflict) => !conflict.command.reaction)
				.map((conflict) => conflict.streamId)
		);
		if (held.size === 0) return held;
		const commands = commandsIn(await db.outbox.toArray());
		const pendingOn = new Map(commands.map((command) => [command.commandId, command.streamId]));
		for (let grew = true; grew;) {
			grew = false;
			for (const { reaction, streamId } of commands) {
				const causeStream = reaction && pendingOn.get(reaction.causeCommandId);
				if (!causeStream || !held.has(causeStream) || held.has(streamId)) continue;
				held.add(streamId);
				grew = true;
			}
		}
		return held;
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
		const { adoptAnonymousWork } = await import('./internal/adopt-anonymous');
		const streams = await adoptAnonymousWork(this.#parts.db, anonymousUserId, userId);
		this.#parts.announce(streams, true);
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
}
