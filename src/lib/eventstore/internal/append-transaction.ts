import Dexie from 'dexie';
import {
	CommandAlreadyStoredError,
	VersionConflictError,
	type ExpectedVersion
} from '../../errors';
import type { StoredEvent } from '../../events';
import { checkExpectedVersion } from './expected-version';
import { entryFor } from './outbox';
import type { PreparedEvent } from './prepare-events';
import { nativeTransaction, onResult, type NativeConnection } from './native-transaction';
import type { EventRecord } from './receipts';
import { mapWriteError } from './storage-errors';
import type { StoredCommand } from '../stored-command';

export interface AppendWrite {
	streamId: string;
	prepared: readonly PreparedEvent[];
	expectedVersion: ExpectedVersion;
	expectedHeadEventId?: string;
	command?: Omit<StoredCommand, 'eventIds' | 'streamId'>;
}

export interface AppendWritten {
	events: StoredEvent[];
	version: number;
}

/**
 * The append's one read-write transaction (see `nativeTransaction` for why it is native).
 *
 * When `expectedVersion` is a number, the head check and the writes go out together: IndexedDB
 * runs a transaction's requests in order, and any answer that is not the expected head aborts
 * the transaction, writes included. The check is a point read of the expected head (by
 * `[streamId+version]`), and the unique index refuses an event at a version that is taken: a
 * reverse cursor for the head cost as much as the writes (bench case 2). Only a refusal reads
 * the real head, for the conflict's numbers. Otherwise the head is read first.
 */
export function appendTransaction(
	connection: NativeConnection,
	write: AppendWrite
): Promise<AppendWritten> {
	const { streamId, prepared, expectedVersion } = write;
	return nativeTransaction(connection, ['events', 'outbox'], (scope) => {
		const { tx, keyRange } = scope;
		const events = tx.objectStore('events');
		const byVersion = events.index('[streamId+version]');
		let written: AppendWritten | undefined;
		// Set once a refusal is being looked into: the transaction then ends in an abort.
		let explaining = false;

		/** Throws unless a stream whose newest event is `last` is the one the writer expects. */
		const checkHead = (last: EventRecord | undefined): number => {
			const version = last?.version ?? 0;
			checkExpectedVersion(streamId, expectedVersion, version);
			if (write.expectedHeadEventId !== undefined && write.expectedHeadEventId !== last?.eventId)
				throw new VersionConflictError(streamId, expectedVersion, version);
			return version;
		};
		/** The stream's newest event, walking back past the ones this append has added. */
		const readHead = (then: (last: EventRecord | undefined) => void) => {
			const ours = new Set(prepared.map((event) => event.eventId));
			const cursor = byVersion.openCursor(headRange(keyRange, streamId), 'prev');
			onResult(scope, cursor, (at) => {
				const record = at?.value as EventRecord | undefined;
				if (at && ours.has(record!.eventId)) at.continue();
				else then(record);
			});
		};

		const writeAfter = (head: number, refused?: (error: DOMException | null) => void) => {
			const records = prepared.map((event, index) => ({
				...event,
				streamId,
				version: head + index + 1
			}));
			// The command id check goes first, so that when the last event is written every other
			// answer is in: from there nothing can go wrong that a request could still report.
			if (write.command) checkCommandIsNew(write.command.commandId);
			const adds = records.map((record) => events.add(record));
			if (refused) {
				for (const add of adds) {
					add.onerror = (event) => {
						if (add.error?.name !== 'ConstraintError') return;
						// Kept alive to find out why; the refusal aborts it once that is known.
						event.preventDefault();
						refused(add.error);
					};
				}
			}
			// Keys from the generator of a store this transaction alone writes are consecutive:
			// the last one gives them all, so one callback serves the whole append.
			onResult(scope, adds.at(-1)!, (lastKey) => {
				// A refused event: the keys are not consecutive, and the transaction will abort.
				if (explaining) return;
				const first = (lastKey as number) - records.length + 1;
				const stored = records.map((record, index) => ({
					...record,
					seq: first + index,
					sync: 'pending' as const
				}));
				// One outbox entry says all of them are still to push, and what decided them.
				const entry = tx.objectStore('outbox').add(entryFor(stored, commandOf(stored)));
				if (write.command) {
					const { commandId } = write.command;
					entry.onerror = () => {
						if (entry.error?.name !== 'ConstraintError') return;
						scope.fail(new CommandAlreadyStoredError(commandId, streamId));
					};
				}
				written = { events: stored, version: head + prepared.length };
				// The last request: committing now saves the round trip for its answer (bench case 2).
				scope.commitNow();
			});
		};
		const commandOf = (stored: readonly StoredEvent[]): StoredCommand | undefined =>
			write.command && {
				...write.command,
				streamId,
				eventIds: stored.map((event) => event.eventId)
			};
		// Running a command again is not a second change (DESIGN.md, invariant 7): a point read of
		// the events' command index (pending or synced) in the same transaction as the writes. A
		// pending command whose events carry another id in their metadata is caught by the
		// outbox's unique index instead, when its entry is added.
		const checkCommandIsNew = (commandId: string) => {
			onResult(scope, events.index('metadata.commandId').get(commandId), (found) => {
				const first = found as EventRecord | undefined;
				if (first) scope.fail(new CommandAlreadyStoredError(commandId, first.streamId));
			});
		};

		if (typeof expectedVersion !== 'number' || prepared.length === 0) {
			onResult(scope, byVersion.openCursor(headRange(keyRange, streamId), 'prev'), (cursor) => {
				const version = checkHead(cursor?.value as EventRecord | undefined);
				if (prepared.length === 0) written = { events: [], version };
				else writeAfter(version);
			});
			return () => written!;
		}

		// Reads the real head once, if anything says the stream is not as expected.
		const explain = (refusal?: DOMException | null) => {
			if (explaining) return;
			explaining = true;
			readHead((last) => {
				checkHead(last);
				// The head is as expected, so the unique key refused was an event id.
				scope.fail(mapWriteError(refusal));
			});
		};
		if (expectedVersion > 0 || write.expectedHeadEventId !== undefined) {
			onResult(scope, byVersion.get([streamId, expectedVersion]), (found) => {
				const head = found as EventRecord | undefined;
				const expected = write.expectedHeadEventId ?? head?.eventId;
				if (head === undefined || head.eventId !== expected) explain();
			});
		}
		writeAfter(expectedVersion, explain);
		return () => written!;
	});
}

function headRange(keyRange: typeof IDBKeyRange, streamId: string): IDBKeyRange {
	return keyRange.bound([streamId, Dexie.minKey], [streamId, Dexie.maxKey]);
}
