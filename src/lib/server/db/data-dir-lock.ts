import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLockedError } from '../errors';

const LOCK_FILE = 'rewind.lock';

/** Folders this process holds, since a lock file naming our own pid may also be a stale one. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readText(file: string): string | undefined {
	try {
		return readFileSync(file, 'utf8').trim();
	} catch {
		return undefined;
	}
}

/** This boot of the machine (Linux); a pid from another boot names a different process. */
function bootId(): string | undefined {
	return readText('/proc/sys/kernel/random/boot_id');
}

/**
 * When `pid` started, in clock ticks since boot (Linux), so that a pid reused by a later
 * process is told apart from the process that wrote it.
 */
export function processStartTime(pid: number): string | undefined {
	const stat = readText(`/proc/${pid}/stat`);
	// The command name (field 2) is in parentheses and may hold spaces: count after its end.
	const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
	return fields?.[19];
}

interface LockOwner {
	pid: number;
	/** Absent in a lock written where /proc is not, or by an older version. */
	bootId?: string;
	startTime?: string;
}

/** The lock file: the owner's pid on the first line, then its boot id and start time. */
function lockText(pid: number): string {
	return [pid, bootId() ?? '', processStartTime(pid) ?? ''].join('\n') + '\n';
}

function readOwner(file: string): LockOwner | undefined {
	const [pidLine, boot, start] = (readText(file) ?? '').split('\n');
	const pid = Number.parseInt(pidLine ?? '', 10);
	if (!Number.isInteger(pid) || pid <= 0) return undefined;
	return { pid, bootId: boot || undefined, startTime: start || undefined };
}

/** Whether the process that wrote the lock still runs: alive, same boot, same start time. */
function ownerRuns(owner: LockOwner): boolean {
	if (owner.bootId !== undefined && bootId() !== undefined && owner.bootId !== bootId()) {
		return false;
	}
	if (!isAlive(owner.pid)) return false;
	if (owner.startTime === undefined) return true;
	const startTime = processStartTime(owner.pid);
	return startTime === undefined || startTime === owner.startTime;
}

/**
 * Makes this process the only owner of `dataDir`: PGlite is one embedded database, and two
 * processes writing one folder would corrupt it. The lock file holds the owner's pid, boot id
 * and start time; a lock left by a dead process is taken over, and so is one whose pid now
 * belongs to another process (a reused pid, or an earlier life of this pid, as in a restarted
 * container). Returns the release function.
 */
export function acquireDataDirLock(dataDir: string): () => void {
	mkdirSync(dataDir, { recursive: true });
	const file = join(dataDir, LOCK_FILE);
	if (held.has(file)) throw new DataDirLockedError(dataDir, process.pid);
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, lockText(process.pid));
			closeSync(fd);
			held.add(file);
			return () => {
				if (!held.delete(file)) return;
				if (readOwner(file)?.pid === process.pid) unlinkSync(file);
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = readOwner(file);
			if (owner !== undefined && owner.pid !== process.pid && ownerRuns(owner)) {
				throw new DataDirLockedError(dataDir, owner.pid);
			}
			try {
				unlinkSync(file);
			} catch {
				// Another process took the stale lock first; the next attempt finds its pid.
			}
		}
	}
	throw new DataDirLockedError(dataDir, readOwner(file)?.pid ?? 0);
}
