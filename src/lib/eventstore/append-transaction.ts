import Dexie from 'dexie';
import { ValidationError, VersionConflictError, type ExpectedVersion } from '../errors';
import type { StoredEvent } from '../events';
import { checkExpectedVersion } from './expected-version';
import { entryFor } from './outbox';
import type { PreparedEvent } from './prepare-events';
import { nativeTransaction, onResult, type NativeConnection } from './native-transaction';
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
 * The append's one read-write transaction (see `nativeTransaction` for why it is native).
 *
 * The head read and, when `expectedVersion` is a number, the writes go out together.
 * IndexedDB runs a transaction's requests in order, so the head arrives before any write's
 * result; a head that is not the expected one aborts the transaction, writes included.
 */
export function appendTransaction(
	connection: NativeConnection,
	write: AppendWrite
): Promise<AppendWritten> {
	const { streamId, prepared, expectedVersion } = write;
	return nativeTransaction(connection, ['events', 'commands', 'outbox'], (scope) => {
		const { tx, keyRange } = scope;
		const events = tx.objectStore('events');
		let written: AppendWritten | undefined;
		const writeAfter = (head: number) => {
			const records = prepared.map((event, index) => ({
				...event,
				streamId,
				version: head + index + 1
			}));
			const adds = records.map((record) => events.add(record));
			// Keys from the generator of a store this transaction alone writes are consecutive:
			// the first one gives them all, so one callback serves the whole append.
			onResult(scope, adds[0]!, (first) => {
				const seq = first as number;
				const stored = records.map((record, index) => ({
					...record,
					seq: seq + index,
					sync: 'pending' as const
				}));
				// One outbox entry says all of them are still to push.
				tx.objectStore('outbox').add(entryFor(stored));
				written = { events: stored, version: head + prepared.length };
			});
			const command = write.command;
			if (!command) return;
			const eventIds = prepared.map((event) => event.eventId);
			const add = tx.objectStore('commands').add({ ...command, streamId, eventIds });
			add.onerror = () => {
				// The unique key says it: no read to look for the command first.
				if (add.error?.name !== 'ConstraintError') return;
				scope.fail(
					new ValidationError(
						`Command ${command.commandId} is already stored on this device; each command needs its own id.`,
						[{ path: ['commandId'], message: 'duplicate command id' }]
					)
				);
			};
		};

		const known = typeof expectedVersion === 'number' && prepared.length > 0;
		const head = events
			.index('[streamId+version]')
			.openCursor(keyRange.bound([streamId, Dexie.minKey], [streamId, Dexie.maxKey]), 'prev');
		if (known) writeAfter(expectedVersion);
		onResult(scope, head, (cursor) => {
			const last = cursor?.value as StoredEvent | undefined;
			const version = last?.version ?? 0;
			checkExpectedVersion(streamId, expectedVersion, version);
			if (write.expectedHeadEventId !== undefined && write.expectedHeadEventId !== last?.eventId)
				throw new VersionConflictError(streamId, expectedVersion, version);
			if (prepared.length === 0) written = { events: [], version };
			else if (!known) writeAfter(version);
		});
		return () => written!;
	});
}
