import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initialiseDataDir } from './initialise-data-dir';
import { openPgliteDatabase } from './pglite-database';

const folders: string[] = [];

function newFolder(): string {
	const dir = mkdtempSync(join(tmpdir(), 'rewind-initdb-'));
	folders.push(dir);
	return dir;
}

afterEach(() => {
	for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('initialiseDataDir', () => {
	it('makes a cluster in a new folder that PGlite then opens as its own and keeps what is written', async () => {
		const dir = join(newFolder(), 'pglite');
		expect(await initialiseDataDir(dir)).toBe(true);
		expect(statSync(join(dir, 'PG_VERSION')).isFile()).toBe(true);

		const first = await openPgliteDatabase(dir);
		await first.query('CREATE TABLE kept (note text)');
		await first.query(`INSERT INTO kept VALUES ('written after the child made the folder')`);
		await first.close();
		const second = await openPgliteDatabase(dir);
		expect(await second.query('SELECT note FROM kept')).toEqual([
			{ note: 'written after the child made the folder' }
		]);
		await second.close();
	}, 60_000);

	it('leaves a folder with a cluster as it is', async () => {
		const dir = join(newFolder(), 'pglite');
		const db = await openPgliteDatabase(dir);
		await db.query('CREATE TABLE kept (n integer)');
		await db.query('INSERT INTO kept VALUES (1)');
		await db.close();
		const before = statSync(join(dir, 'PG_VERSION')).mtimeMs;

		expect(await initialiseDataDir(dir)).toBe(true);

		expect(statSync(join(dir, 'PG_VERSION')).mtimeMs).toBe(before);
		const again = await openPgliteDatabase(dir);
		expect(await again.query('SELECT n FROM kept')).toEqual([{ n: 1 }]);
		await again.close();
	}, 60_000);

	it('says false for a folder it cannot make, and opening it fails as PGlite fails', async () => {
		// A file where the folder's parent should be: no process can make the folder.
		const blocker = join(newFolder(), 'a-file');
		writeFileSync(blocker, 'not a folder');
		const dir = join(blocker, 'pglite');

		expect(await initialiseDataDir(dir)).toBe(false);
		await expect(openPgliteDatabase(dir)).rejects.toThrow();
	}, 60_000);
});
