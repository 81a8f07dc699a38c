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

function readOwner(file: string): number | undefined {
	try {
		const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Makes this process the only owner of `dataDir`: PGlite is one embedded database, and two
 * processes writing one folder would corrupt it. The lock file holds the owner's pid; a lock
 * left by a dead process (or by an earlier life of this pid, as in a restarted container) is
 * taken over. Returns the release function.
 */
export function acquireDataDirLock(dataDir: string): () => void {
	mkdirSync(dataDir, { recursive: true });
	const file = join(dataDir, LOCK_FILE);
	if (held.has(file)) throw new DataDirLockedError(dataDir, process.pid);
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, `${process.pid}\n`);
			closeSync(fd);
			held.add(file);
			return () => {
				if (!held.delete(file)) return;
				if (readOwner(file) === process.pid) unlinkSync(file);
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = readOwner(file);
			if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
				throw new DataDirLockedError(dataDir, owner);
			}
			try {
				unlinkSync(file);
			} catch {
				// Another process took the stale lock first; the next attempt finds its pid.
			}
		}
	}
	throw new DataDirLockedError(dataDir, readOwner(file) ?? 0);
}
