import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../errors';
import { acquireDataDirLock, processStartTime } from './data-dir-lock';

describe('acquireDataDirLock', () => {
	const dirs: string[] = [];
	const folder = () => {
		const dir = mkdtempSync(join(tmpdir(), 'rewind-lock-'));
		dirs.push(dir);
		return dir;
	};
	afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

	it('writes our pid, refuses a second lock in this process, and removes the file on release', () => {
		const dir = folder();
		const release = acquireDataDirLock(dir);
		expect(readFileSync(join(dir, 'rewind.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
		expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
		release();
		expect(existsSync(join(dir, 'rewind.lock'))).toBe(false);
		acquireDataDirLock(dir)();
	});

	it('refuses a folder locked by a live process, naming it', () => {
		const dir = folder();
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		try {
			writeFileSync(join(dir, 'rewind.lock'), `${other.pid}\n`);
			expect(() => acquireDataDirLock(dir)).toThrow(`process ${other.pid}`);
		} finally {
			other.kill();
		}
	});

	it('takes over a lock left by a dead process', async () => {
		const dir = folder();
		const dead = spawn(process.execPath, ['-e', '']);
		await new Promise((resolve) => dead.once('exit', resolve));
		writeFileSync(join(dir, 'rewind.lock'), `${dead.pid}\n`);
		const release = acquireDataDirLock(dir);
		expect(readFileSync(join(dir, 'rewind.lock'), 'utf8').split('\n')[0]).toBe(String(process.pid));
		release();
	});

	const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

	it('records the boot and start time, and refuses a live owner that matches them', () => {
		const dir = folder();
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		try {
			const startTime = processStartTime(other.pid!);
			expect(startTime).toMatch(/^\d+$/);
			writeFileSync(join(dir, 'rewind.lock'), `${other.pid}\n${bootId()}\n${startTime}\n`);
			expect(() => acquireDataDirLock(dir)).toThrow(`process ${other.pid}`);
		} finally {
			other.kill();
		}
		const release = acquireDataDirLock(folder());
		release();
	});

	it('takes over a lock whose pid now belongs to another process (a reused pid)', () => {
		const dir = folder();
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		try {
			const earlier = String(Number(processStartTime(other.pid!)) - 1);
			writeFileSync(join(dir, 'rewind.lock'), `${other.pid}\n${bootId()}\n${earlier}\n`);
			const release = acquireDataDirLock(dir);
			const [pid, boot, start] = readFileSync(join(dir, 'rewind.lock'), 'utf8').split('\n');
			expect([pid, boot, start]).toEqual([
				String(process.pid),
				bootId(),
				processStartTime(process.pid)
			]);
			release();
		} finally {
			other.kill();
		}
	});

	it('takes over a lock written before the last boot, whatever runs under its pid now', () => {
		const dir = folder();
		// Our parent is alive and not us: as good a live pid as any.
		writeFileSync(join(dir, 'rewind.lock'), `${process.ppid}\nanother-boot\n1\n`);
		acquireDataDirLock(dir)();
	});
});
