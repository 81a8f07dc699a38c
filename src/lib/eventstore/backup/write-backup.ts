import type { StoredEvent } from '../../events';
import type { NativeConnection } from '../internal/native-transaction';
import type { OutboxEntry } from '../internal/outbox';
import type { StoredCommand } from '../stored-command';
import { readWholeLog } from '../internal/read-whole-log';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	type BackupCounts,
	type BackupHeader,
	type BackupLine
} from './backup-format';
import { HashedParts } from './hashed-parts';

/** Events read from IndexedDB per page while a backup is written. */
const PAGE = 2_000;

export interface BackupOptions {
	/** Whose log this is: the workspace it belongs to, null before anyone signed in. */
	workspace: BackupHeader['workspace'];
	/** This device's id, for the header. */
	device: string;
	/**
	 * Only these streams' events, pending commands and inbox entries (a repro bundle): the file
	 * says it is a slice, and a restore refuses it unless told it is one.
	 */
	slice?: (streamId: string) => boolean;
	/** Replaces what people typed in events' data and commands (names, notes) before writing. */
	redact?: (value: unknown) => unknown;
	/** Called as pages are written: events written, events in all. */
	onProgress?: (done: number, total: number) => void;
	now?: () => Date;
}

/** A backup ready to save: the file and what its header says. */
export interface BackupFile {
	header: BackupHeader;
	blob: Blob;
}

export const BACKUP_TYPE = 'application/x-ndjson';

/**
 * Writes the whole log as a backup file (`backup-format.ts`): every event in local order with
 * its sync state, each pending command after its last pending event, then the conflict inbox.
 * The log is read in one transaction, so the file is one moment of it, and written in parts.
 */
export async function writeBackup(
	connection: NativeConnection,
	options: BackupOptions
): Promise<BackupFile> {
	const body = await HashedParts.create();
	const counts: BackupCounts = { events: 0, synced: 0, pending: 0, commands: 0, conflicts: 0 };
	const { slice, redact = (value: unknown) => value } = options;
	const inSlice = slice ?? (() => true);
	const streams = new Set<string>();
	const write = (line: BackupLine) => body.line(JSON.stringify(line));
	let read = 0;
	const log = await readWholeLog(connection, PAGE, (events, entries, { total }) => {
		read += events.length;
		const chosen = slice ? events.filter((event) => inSlice(event.streamId)) : events;
		for (const event of chosen) streams.add(event.streamId);
		writeEvents(chosen, entries, counts, redact, write);
		options.onProgress?.(read, total);
	});
	for (const conflict of log.conflicts) {
		if (!inSlice(conflict.streamId)) continue;
		write({ conflict: { ...conflict, command: redactedCommand(conflict.command, redact) } });
		counts.conflicts++;
	}
	const { parts, sha256 } = body.finish();
	const header: BackupHeader = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		workspace: options.workspace,
		device: options.device,
		createdAt: (options.now?.() ?? new Date()).toISOString(),
		// A slice holds only some streams: it vouches for no position.
		pulledTo: slice ? 0 : log.pulledTo,
		counts,
		sha256,
		...(slice ? { slice: { streams: streams.size, redacted: options.redact !== undefined } } : {})
	};
	return {
		header,
		blob: new Blob([JSON.stringify(header), '\n', ...parts], { type: BACKUP_TYPE })
	};
}

function redactedCommand(
	command: StoredCommand,
	redact: (value: unknown) => unknown
): StoredCommand {
	return { ...command, command: redact(command.command) as StoredCommand['command'] };
}

/** A page's lines: each event, and after the last pending event of a command, the command. */
function writeEvents(
	events: readonly StoredEvent[],
	entries: readonly OutboxEntry[],
	counts: BackupCounts,
	redact: (value: unknown) => unknown,
	write: (line: BackupLine) => void
): void {
	// An entry's command belongs after the entry's last event (a command's events are one run,
	// or runs of which the last keeps the command).
	const commandAfter = new Map(
		entries.flatMap((entry) => (entry.command ? [[entry.last, entry.command] as const] : []))
	);
	for (const stored of events) {
		const { seq, ...event } = stored;
		write({ event: { ...event, data: redact(event.data) } });
		counts.events++;
		counts[event.sync]++;
		const command = commandAfter.get(seq);
		if (command) {
			write({ command: redactedCommand(command, redact) });
			counts.commands++;
		}
	}
}
