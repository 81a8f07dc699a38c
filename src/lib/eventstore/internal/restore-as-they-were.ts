import type { StoredEvent } from '../../events';
import { nativeTransaction, onResult, type NativeConnection } from './native-transaction';
import { entryFor, recordsFor } from './outbox';
import { recordOf, type EventRecord } from './receipts';
import type { PendingGroup, StreamHead } from './restore-pending';

/** A stream that does not end here where the backup's group starts. */
const MOVED = Symbol('moved');

/** What a run of restored pending groups did, up to the first that must be decided again. */
export interface RestoredAsTheyWere {
	/** Events written with their own ids, pending, with their commands. */
	written: StoredEvent[];
	/** Events of groups whose command is in the conflict inbox here: the person decides. */
	skipped: number;
	/** How many groups, from the first, were dealt with; the next one must be decided again. */
	handled: number;
}

/**
 * Restores pending groups in order, in ONE native transaction (the fast path of a restore; see
 * `nativeTransaction` for why native), for as long as each lands where it was in the backup:
 * its stream's head here is the event before it there. Those are written as they were, with
 * their commands; one whose command waits in this device's inbox is skipped. It stops at the
 * first group whose stream moved on here, for the caller to decide again.
 */
export function restoreAsTheyWere(
	connection: NativeConnection,
	groups: readonly PendingGroup[]
): Promise<RestoredAsTheyWere> {
	return nativeTransaction(connection, ['events', 'outbox', 'conflicts'], (scope) => {
		const { tx } = scope;
		const events = tx.objectStore('events');
		const byVersion = events.index('[streamId+version]');
		// Where each stream's first group starts, and whether this device's stream ends right
		// there with the event the backup has before it. Point reads only: an open cursor in a
		// transaction that writes makes Chromium reset it at every write (four times slower).
		const firsts = new Map<string, PendingGroup>();
		for (const group of groups) if (!firsts.has(group.streamId)) firsts.set(group.streamId, group);
		const heads = new Map<string, StreamHead | undefined | typeof MOVED>();
		let inbox = new Set<string>();
		let waiting = 1;
		let result: RestoredAsTheyWere | undefined;

		const decide = () => {
			const outcome: RestoredAsTheyWere = { written: [], skipped: 0, handled: 0 };
			const kept: PendingGroup[] = [];
			for (const group of groups) {
				const commandId = group.command?.commandId ?? group.events[0]!.metadata.commandId;
				if (inbox.has(commandId)) {
					outcome.skipped += group.events.length;
				} else {
					const head = heads.get(group.streamId);
					const first = group.events[0]!;
					if (head === MOVED) break;
					const fits =
						(head?.version ?? 0) === first.version - 1 && head?.eventId === group.after?.eventId;
					if (!fits) break;
					kept.push(group);
					const last = group.events.at(-1)!;
					heads.set(group.streamId, { version: last.version, eventId: last.eventId });
				}
				outcome.handled++;
			}
			result = outcome;
			const records = kept.flatMap((group) => group.events.map((event) => recordOf(event)));
			if (records.length === 0) return scope.commitNow();
			const adds = records.map((record) => events.add(record));
			// Keys from the generator of a store this transaction alone writes are consecutive: the
			// first one gives them all, so the outbox records are made while the events are written.
			onResult(scope, adds[0]!, (firstKey) => {
				const first = firstKey as number;
				let seq = first;
				const outbox = tx.objectStore('outbox');
				// A stream's consecutive commands go in one record: IndexedDB charges by the record.
				const entries = kept.map((group) =>
					entryFor(
						group.events.map(() => ({ seq: seq++, streamId: group.streamId })),
						group.command
					)
				);
				for (const record of recordsFor(entries)) outbox.add(record);
				outcome.written = records.map((record, index) => ({
					...record,
					seq: first + index,
					sync: 'pending' as const
				}));
				scope.commitNow();
			});
		};
		const arrived = () => {
			if (--waiting === 0) decide();
		};
		// Every read counts itself in; the last `arrived` below lets the count reach 0 only once
		// all have been asked.
		waiting++;
		onResult(scope, tx.objectStore('conflicts').getAllKeys(), (keys) => {
			inbox = new Set(keys as string[]);
			arrived();
		});
		for (const [streamId, group] of firsts) {
			const { version } = group.events[0]!;
			let before: EventRecord | undefined;
			if (version > 1) {
				waiting++;
				onResult(scope, byVersion.get([streamId, version - 1]), (found) => {
					before = found as EventRecord | undefined;
					arrived();
				});
			}
			waiting++;
			onResult(scope, byVersion.getKey([streamId, version]), (taken) => {
				// Requests answer in order: `before` is in. The stream ends right before the group
				// (then its head is `before`, none at version 1), or it moved on.
				const endsBefore = taken === undefined && (version === 1 || before !== undefined);
				heads.set(
					streamId,
					!endsBefore ? MOVED : before && { version: before.version, eventId: before.eventId }
				);
				arrived();
			});
		}
		arrived();
		return () => result!;
	});
}
