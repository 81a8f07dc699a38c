import { createSHA256 } from 'hash-wasm';
import { BackupRefusedError } from '../../errors';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	backupHeaderSchema,
	backupLineSchema,
	type BackupCounts,
	type BackupHeader
} from './backup-format';
import { readLines, wholeLines } from './read-lines';

/** Whose log a backup may be restored into: the workspace it belongs to, null before sign-in. */
export type BackupWorkspace = BackupHeader['workspace'];

/**
 * Reads a whole backup file and refuses it (`BackupRefusedError`, with a sentence for the
 * person) unless it is a backup of this format, of `workspace`, complete, and unchanged since
 * it was written (its SHA-256), with every line in shape. Resolves with its header. Streams
 * the file (`onProgress` as it goes); writes nothing, so a refused file has changed nothing.
 */
export async function checkBackup(
	file: Blob,
	workspace: BackupWorkspace,
	onProgress?: (bytesRead: number, bytes: number) => void
): Promise<BackupHeader> {
	let bytesRead = 0;
	let header: BackupHeader | undefined;
	const hash = await createSHA256();
	const seen: BackupCounts = { events: 0, synced: 0, pending: 0, commands: 0, conflicts: 0 };
	let lineNumber = 1;
	let badLine: { number: number; why: string } | undefined;
	let lastPendingCommand: string | undefined;
	const check = (text: string) => {
		lineNumber++;
		if (badLine) return;
		const why = lineProblem(text, seen, lastPendingCommand);
		if (typeof why === 'string') badLine = { number: lineNumber, why };
		else lastPendingCommand = why.pendingCommand;
	};
	const { unfinished } = await readLines(file, {
		header(text) {
			header = headerOf(text);
			checkWorkspace(header, workspace);
		},
		bytes(chunk) {
			bytesRead += chunk.length;
			onProgress?.(bytesRead, file.size);
		},
		lines(lines) {
			const body = wholeLines(lines);
			// The checksum is of the lines as written (each ended by "\n"), whatever line ends a
			// copy, an editor or another system gave the file on its way back.
			if (body.length > 0) hash.update(`${body.join('\n')}\n`);
			body.forEach(check);
		}
	});
	// A file whose last line lost its line break is whole; one cut inside a line is not.
	const last = wholeLines([unfinished])[0];
	const cut = last !== undefined && isCutLine(last);
	if (last !== undefined && !cut) {
		hash.update(`${last}\n`);
		check(last);
	}
	const expected = header!.counts;
	const counted = Object.keys(expected) as (keyof BackupCounts)[];
	// Cut short: every line read is whole and in shape, but the last is unfinished or missing.
	if (!badLine && (cut || counted.some((key) => seen[key] < expected[key]))) {
		const held =
			seen.events < expected.events
				? `it holds ${seen.events.toLocaleString()} of the ${expected.events.toLocaleString()} changes it should`
				: 'its last lines are missing';
		throw new BackupRefusedError(
			'truncated',
			`This backup is incomplete: ${held}. It may not have finished downloading or copying. ` +
				'Nothing was restored.'
		);
	}
	if (hash.digest('hex') !== header!.sha256) {
		throw new BackupRefusedError(
			'damaged',
			'This backup is damaged: its contents are not what was written when it was made (the ' +
				'checksum differs). Nothing was restored.'
		);
	}
	if (badLine || counted.some((key) => seen[key] !== expected[key])) {
		throw new BackupRefusedError(
			'damaged',
			`This backup is damaged: ${badLine ? `line ${badLine.number} ${badLine.why}` : 'it does not hold what its first line says'}. Nothing was restored.`
		);
	}
	return header!;
}

/** Whether a last line without its line break was cut inside: it is not whole JSON. */
function isCutLine(text: string): boolean {
	try {
		JSON.parse(text);
		return false;
	} catch {
		return true;
	}
}

function headerOf(text: string | undefined): BackupHeader {
	let json: unknown;
	try {
		json = text === undefined ? undefined : JSON.parse(text);
	} catch {
		// Not JSON: not a backup, said below.
	}
	const format = json as Partial<BackupHeader> | undefined;
	if (format?.format === BACKUP_FORMAT && typeof format.version === 'number') {
		if (format.version > BACKUP_VERSION) {
			throw new BackupRefusedError(
				'format_version',
				`This backup was made by a newer version of Rewind (backup format ${format.version}; ` +
					`this version reads format ${BACKUP_VERSION}). Update the app, then restore it.`
			);
		}
	}
	const parsed = backupHeaderSchema.safeParse(json);
	if (!parsed.success) {
		throw new BackupRefusedError(
			'not_a_backup',
			'This file is not a Rewind backup. Choose a file made with “Back up this device”.'
		);
	}
	return parsed.data;
}

function checkWorkspace(header: BackupHeader, workspace: BackupWorkspace): void {
	if (header.workspace?.id === workspace?.id) return;
	const theirs = header.workspace;
	const message = !theirs
		? 'This backup was made before signing in, and this device is signed into ' +
			`“${workspace!.name}”. Restore it on a device that is not signed in, then sign in there.`
		: !workspace
			? `This backup is of the workspace “${theirs.name}”. Sign into it on this device first, then restore.`
			: `This backup is of the workspace “${theirs.name}”, and this device is signed into ` +
				`“${workspace.name}”. Sign into “${theirs.name}” to restore it.`;
	throw new BackupRefusedError('other_workspace', message);
}

/**
 * What is wrong with a body line (words after "line N"), or, when nothing is, the command id a
 * following command line must have (that of the pending event just read).
 */
function lineProblem(
	text: string,
	seen: BackupCounts,
	pendingCommand: string | undefined
): string | { pendingCommand: string | undefined } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return 'is not JSON';
	}
	const parsed = backupLineSchema.safeParse(json);
	if (!parsed.success) return 'is not an event, a command or a conflict';
	const line = parsed.data;
	if ('event' in line) {
		const { event } = line;
		seen.events++;
		seen[event.sync]++;
		if (event.sync === 'synced' && (!event.position || !event.recordedAt || !event.recordedBy)) {
			return 'is a synced change without its server position';
		}
		return { pendingCommand: event.sync === 'pending' ? event.metadata.commandId : undefined };
	}
	if ('command' in line) {
		seen.commands++;
		if (line.command.commandId !== pendingCommand) return 'is a command without its changes';
		return { pendingCommand: undefined };
	}
	seen.conflicts++;
	return { pendingCommand: undefined };
}

/**
 * What a file's first line says it is, unchecked: enough to say whose backup it is before
 * checking all of it. Undefined when the first line is not a backup header.
 */
export async function peekBackup(file: Blob): Promise<BackupHeader | undefined> {
	const start = await file.slice(0, 64 * 1024).text();
	try {
		const parsed = backupHeaderSchema.safeParse(JSON.parse(start.split('\n', 1)[0]!));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}
