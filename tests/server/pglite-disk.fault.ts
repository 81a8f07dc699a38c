// PGlite on a disk that fills up, twice, with pushers running. (A folder that can't be
// written at start is in database-faults.test.ts.)
// It mounts a small tmpfs for the data folder, so it needs root (or CAP_SYS_ADMIN) and runs on
// its own (`npm run test:disk-faults`, called by .ci/run), never beside the other suites.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullAll, startPushers, type PushOutcome } from './load';
import {
	buildServerEntry,
	removeServerEntry,
	startServerProcess,
	type ServerProcess
} from './server-process';
import { call, PASSWORD } from './wire';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mount = (...args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });

/** Waits until the pushers have met `count` more 503s than they had, or fails after 20 s. */
async function untilRefused(outcome: PushOutcome, count: number): Promise<void> {
	const target = outcome.unavailable + count;
	const started = Date.now();
	while (outcome.unavailable < target) {
		expect(Date.now() - started, 'pushes should meet 503s').toBeLessThan(20_000);
		await sleep(50);
	}
}

/** Waits until `count` more events are acknowledged, or fails after 20 s. */
async function untilAcknowledged(outcome: PushOutcome, count: number): Promise<void> {
	const target = outcome.acknowledged.size + count;
	const started = Date.now();
	while (outcome.acknowledged.size < target) {
		expect(Date.now() - started, 'pushes should be acknowledged again').toBeLessThan(20_000);
		await sleep(50);
	}
}

describe('a server process on PGlite whose disk fills up', () => {
	const mountPoint = mkdtempSync(join(tmpdir(), 'rewind-disk-'));
	const dataDir = join(mountPoint, 'data');
	const filler = join(mountPoint, 'filler');
	let server: ServerProcess | undefined;

	beforeAll(async () => {
		await buildServerEntry();
		// Room for PGlite's folder (about 40 MB) and a little more, so a filler can take the rest.
		mount('-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mountPoint);
	}, 60_000);

	afterAll(async () => {
		if (server && server.child.exitCode !== null) console.error(server.stderr());
		await server?.stop('SIGKILL');
		execFileSync('umount', [mountPoint]);
		rmSync(mountPoint, { recursive: true, force: true });
		removeServerEntry();
	});

	it('answers 503 with Retry-After while it cannot write, resumes by itself, keeps every acknowledged event once, and starts again on the same folder', async () => {
		server = await startServerProcess({ REWIND_DATA_DIR: dataDir, REWIND_RATE_LIMIT: '0' });
		const workspace = `ws-${crypto.randomUUID()}`;
		const signedUp = await call(server.url, 'POST', '/api/auth/signup', undefined, {
			workspace,
			name: 'ada',
			password: PASSWORD
		});
		expect(signedUp.status).toBe(201);
		const token = signedUp.body.token!;
		const pushers = startPushers(server.url, token, 4);
		await untilAcknowledged(pushers, 100);

		// A full disk: a file takes every byte that is left.
		const fd = openSync(filler, 'w');
		const megabyte = Buffer.alloc(1 << 20, 1);
		try {
			for (;;) writeSync(fd, megabyte);
		} catch (error) {
			expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
		} finally {
			closeSync(fd);
		}
		await untilRefused(pushers, 20);
		// Reads go on while writes can't.
		const pulledWhileFull = await call(server.url, 'GET', '/api/sync/pull?after=0&limit=10', token);
		expect(pulledWhileFull.status).toBe(200);
		rmSync(filler);
		await untilAcknowledged(pushers, 100);

		// And again, by shrinking the file system under it to a little more than it holds. The
		// pushers keep writing meanwhile: a size below what is used by then is refused, so try again.
		for (let attempt = 0; ; attempt++) {
			const usedKiB = Number(
				execFileSync('df', ['--output=used', '-k', mountPoint]).toString().split('\n')[1]
			);
			try {
				mount('-o', `remount,size=${usedKiB + 256}k`, mountPoint);
				break;
			} catch (error) {
				if (attempt === 20) throw error;
			}
		}
		await untilRefused(pushers, 20);
		mount('-o', 'remount,size=96m', mountPoint);
		await untilAcknowledged(pushers, 100);

		const outcome = await pushers.stop();
		expect(server.child.exitCode).toBeNull();
		expect(outcome.unexpected).toEqual([]);
		expect(outcome.unavailableWithoutRetryAfter).toBe(0);
		const pulled = await pullAll(server.url, token);
		expect(new Set(pulled).size).toBe(pulled.length);
		expect(new Set(pulled)).toEqual(outcome.acknowledged);

		// No corruption: the folder opens again after a clean stop, with every event in it.
		expect(await server.stop()).toBe(0);
		server = await startServerProcess({ REWIND_DATA_DIR: dataDir, REWIND_RATE_LIMIT: '0' });
		const login = await call(server.url, 'POST', '/api/auth/login', undefined, {
			workspace,
			name: 'ada',
			password: PASSWORD
		});
		expect(login.status).toBe(200);
		const reopened = await pullAll(server.url, login.body.token!);
		expect(reopened).toEqual(pulled);
	}, 180_000);
});
