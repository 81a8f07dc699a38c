import Dexie from 'dexie';
import { ValidationError, VersionConflictError, type ExpectedVersion } from '../errors';
import type { StoredEvent } from '../events';
import { checkExpectedVersion } from './expected-version';
import type { PreparedEvent } from './prepare-events';
import { mapWriteError } from './storage-errors';
import type { StoredCommand } from './stored-command';

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
 * The append's one read-write transaction, in IndexedDB's own API on Dexie's open connection.
 *
 * Why not `db.transaction(…)`: Dexie's transaction scope (its promise zones) costs about
 * 0.6 ms of script per transaction in Chromium, as much as the whole IndexedDB round trip,
 * which made one command twice a raw add (bench case 2). The append is the hottest write, so
 * it speaks IndexedDB directly; everything else keeps Dexie.
 *
 * The head read and, when `expectedVersion` is a number, the writes go out together.
 * IndexedDB runs a transaction's requests in order, so the head arrives before any write's
 * result; a head that is not the expected one aborts the transaction, writes included.
 */
export function appendTransaction(
	db: IDBDatabase,
	durability: IDBTransactionDurability,
	keyRange: typeof IDBKeyRange,
	write: AppendWrite
): Promise<AppendWritten> {
	const { streamId, prepared, expectedVersion } = write;
	return new Promise((resolve, reject) => {
		const tx = db.transaction(['events', 'commands'], 'readwrite', { durability });
		const events = tx.objectStore('events');
		let failure: unknown;
		let written: AppendWritten | undefined;
		const fail = (error: unknown) => {
			failure ??= error;
			try {
				tx.abort();
			} catch {
				// Already aborting or finished: the first failure is the one reported.
			}
		};
		// A throw while issuing requests (a record IndexedDB cannot store) must abort what was
		// issued before it, never let the transaction commit part of the append.
		const guarded =
			<Args extends unknown[]>(work: (...args: Args) => void) =>
			(...args: Args) => {
				try {
					work(...args);
				} catch (error) {
					fail(error);
				}
			};
		tx.oncomplete = () => resolve(written!);
		// Rejects with a typed error (or IndexedDB's own) as `append` has always thrown.
		// eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
		tx.onabort = () => reject(failure ?? mapWriteError(tx.error));

		const records: StoredEvent[] = [];
		const writeAfter = guarded((head: number) => {
			let pending = prepared.length;
			prepared.forEach((event, index) => {
				const record = { ...event, streamId, version: head + index + 1, sync: 'pending' as const };
				const add = events.add(record);
				add.onsuccess = () => {
					records[index] = { ...record, seq: add.result as number };
					if (--pending === 0) written = { events: records, version: head + prepared.length };
				};
			});
			const command = write.command;
			if (!command) return;
			const eventIds = prepared.map((event) => event.eventId);
			const add = tx.objectStore('commands').add({ ...command, streamId, eventIds });
			add.onerror = () => {
				// The unique key says it: no read to look for the command first.
				if (add.error?.name !== 'ConstraintError') return;
				failure ??= new ValidationError(
					`Command ${command.commandId} is already stored on this device; each command needs its own id.`,
					[{ path: ['commandId'], message: 'duplicate command id' }]
				);
			};
		});

		const known = typeof expectedVersion === 'number' && prepared.length > 0;
		const head = events
			.index('[streamId+version]')
			.openCursor(keyRange.bound([streamId, Dexie.minKey], [streamId, Dexie.maxKey]), 'prev');
		if (known) writeAfter(expectedVersion);
		head.onsuccess = guarded(() => {
			const last = head.result?.value as StoredEvent | undefined;
			const version = last?.version ?? 0;
			checkExpectedVersion(streamId, expectedVersion, version);
			if (write.expectedHeadEventId !== undefined && write.expectedHeadEventId !== last?.eventId)
				throw new VersionConflictError(streamId, expectedVersion, version);
			if (prepared.length === 0) written = { events: [], version };
			else if (!known) writeAfter(version);
		});
	});
}
