import { BackupRefusedError } from '../../errors';
import type { StoredEvent } from '../../events';
import type { Conflict } from '../conflict';
import { applyRemoteEvents } from '../internal/apply-remote';
import { recordPulledTo, restoreConflicts } from '../internal/restore-conflicts';
import { restorePending, type PendingGroup, type StreamHead } from '../internal/restore-pending';
import type { Redecide } from '../rebase';
import type { RemoteEvent } from '../remote-event';
import type { StoreSyncParts } from '../store-sync';
import type { BackupEvent, BackupHeader, BackupLine } from './backup-format';
import { checkBackup, type BackupWorkspace } from './check-backup';
import { readLines, wholeLines } from './read-lines';

/** Events applied per transaction while a backup is restored. */
const PAGE = 2_000;

export interface RestoreOptions {
	/** The workspace of this device's log: a backup of another is refused. */
	workspace: BackupWorkspace;
	/** Decides a restored pending command again where its record moved on here (sync's rebaser). */
	redecide: Redecide;
	/**
	 * Called as the file is checked (bytes read, bytes in all), then as it is applied (events
	 * done, events in the file).
	 */
	onProgress?: (step: 'checking' | 'restoring', done: number, total: number) => void;
	/**
	 * Takes a slice of a log (a repro bundle, names maybe redacted) too: only for a store made
	 * to replay it (`src/lib/testing`), never a person's log.
	 */
	slice?: boolean;
	now?: () => Date;
}

/** What restoring a backup did to this device's log. */
export interface RestoreOutcome {
	header: BackupHeader;
	/** Events of the file new to this device, synced and pending. */
	added: number;
	/** Events (or pending commands' events) this device held already: each is kept once. */
	alreadyHere: number;
	/** Restored pending commands decided again on what this device holds (a rebase). */
	rebased: number;
	/** Commands now in the conflict inbox: restored from the file, or refused by a rebase. */
	conflicts: Conflict[];
}

/**
 * Restores a backup (DESIGN.md, "Data that outlives the browser"): checks all of it first
 * (`checkBackup`; a refused file changes nothing), then applies it a page at a time in file
 * order. Synced events go in as a pull would put them (each once by `eventId`; this device's
 * pending work on their streams is rebased over them); pending commands come back pending, as
 * they were where their stream is as it was, else decided again over what is here; inbox entries
 * come back to the inbox. Restoring the same file twice adds nothing the second time.
 */
export async function restoreBackup(
	parts: StoreSyncParts,
	file: Blob,
	options: RestoreOptions
): Promise<RestoreOutcome> {
	const now = options.now ?? (() => new Date());
	const header = await checkBackup(file, options.workspace, (done, size) =>
		options.onProgress?.('checking', done, size)
	);
	if (header.slice && !options.slice) {
		throw new BackupRefusedError(
			'slice',
			'This file is a repro bundle (part of a log, for developers), not a backup. Choose a ' +
				'file made with “Back up this device”.'
		);
	}
	const total = header.counts.events;
	const outcome: RestoreOutcome = { header, added: 0, alreadyHere: 0, rebased: 0, conflicts: [] };
	let done = 0;
	options.onProgress?.('restoring', 0, total);

	let synced: RemoteEvent[] = [];
	let groups: PendingGroup[] = [];
	let grouped = 0;
	let open: PendingGroup | undefined;
	const conflicts: Conflict[] = [];
	// Each stream's last event in the file so far: where a pending command started from.
	const previous = new Map<string, StreamHead>();

	// A page is written while the next is read from the file: each write begins once the one
	// before has committed, so pages land in file order, and at most two are held at once.
	let writing: Promise<void> = Promise.resolve();
	const inTurn = async (write: () => Promise<void>) => {
		await writing;
		writing = write();
		// Its failure surfaces where it is awaited: before the next page's write, or at the end.
		writing.catch(() => undefined);
	};
	const applySynced = async () => {
		if (synced.length === 0) return;
		const page = synced;
		synced = [];
		await inTurn(() => writeSynced(page));
	};
	const writeSynced = async (page: RemoteEvent[]) => {
		const { applied, touched, appended, resynced } = await applyRemoteEvents(
			parts,
			page,
			options.redecide,
			now,
			false
		);
		announce(parts, touched, applied.rebased.length > 0, appended);
		if (applied.rebased.length === 0 && resynced.length > 0)
			announce(parts, resynced, true, undefined);
		outcome.added += applied.inserted;
		outcome.alreadyHere += page.length - applied.inserted;
		outcome.conflicts.push(...applied.conflicts);
		progress(page.length);
	};
	const closeGroup = () => {
		if (!open) return;
		groups.push(open);
		grouped += open.events.length;
		open = undefined;
	};
	const applyPending = async () => {
		closeGroup();
		if (groups.length === 0) return;
		const page = groups;
		groups = [];
		const count = grouped;
		grouped = 0;
		await inTurn(() => writePending(page, count));
	};
	const writePending = async (page: PendingGroup[], count: number) => {
		const restored = await restorePending(parts, page, options.redecide, now);
		const rewritten = restored.rebased > 0;
		const streams = [
			...new Set([...restored.restored.map((event) => event.streamId), ...restored.rebasedStreams])
		];
		announce(parts, streams, rewritten, rewritten ? undefined : restored.restored);
		outcome.added += count - restored.skipped;
		outcome.alreadyHere += restored.skipped;
		outcome.rebased += restored.rebased;
		outcome.conflicts.push(...restored.conflicts);
		progress(count);
	};
	const progress = (events: number) => {
		done += events;
		options.onProgress?.('restoring', done, total);
	};
	const takeLine = async (line: BackupLine) => {
		if ('event' in line) {
			const { event } = line;
			if (event.sync === 'synced') {
				await applyPending();
				synced.push(remoteEventOf(event));
				if (synced.length >= PAGE) await applySynced();
			} else {
				await applySynced();
				if (open && !continues(open, event)) closeGroup();
				if (grouped >= PAGE) await applyPending();
				open ??= {
					streamId: event.streamId,
					events: [],
					command: undefined,
					after: previous.get(event.streamId)
				};
				open.events.push(event);
			}
			previous.set(event.streamId, { version: event.version, eventId: event.eventId });
		} else if ('command' in line) {
			// The check made sure it follows a pending event of its own.
			open!.command = line.command;
			closeGroup();
		} else {
			conflicts.push(line.conflict);
		}
	};
	const takeLines = async (lines: readonly string[]) => {
		for (const text of wholeLines(lines)) await takeLine(JSON.parse(text) as BackupLine);
	};
	// The check read the same file: a last line without its line break is a whole one.
	const { unfinished } = await readLines(file, { header() {}, lines: takeLines });
	await takeLines([unfinished]);
	await applySynced();
	await applyPending();
	await writing;
	const inbox = await restoreConflicts(parts.db, conflicts);
	if (inbox.length > 0) parts.announce([...new Set(inbox.map((entry) => entry.streamId))], false);
	outcome.conflicts.push(...inbox);
	await recordPulledTo(parts.db, header.pulledTo);
	return outcome;
}

/**
 * Tells the store's listeners what a page changed, as a pull does: the events it appended, to
 * fold as they are, or none when a rebase rewrote streams and they fold again from the log.
 */
function announce(
	parts: StoreSyncParts,
	streams: string[],
	rewritten: boolean,
	appended: readonly StoredEvent[] | undefined
): void {
	const { registry } = parts;
	parts.announce(
		streams,
		rewritten,
		appended?.map((event) => registry.read(event))
	);
}

/** Whether a pending event belongs to the command whose events are being gathered. */
function continues(group: PendingGroup, event: BackupEvent): boolean {
	const last = group.events.at(-1)!;
	return (
		event.streamId === group.streamId &&
		event.metadata.commandId === last.metadata.commandId &&
		event.version === last.version + 1
	);
}

function remoteEventOf(event: BackupEvent): RemoteEvent {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { sync, ...remote } = event;
	return remote as RemoteEvent;
}
