import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../testing/test-backends';
import type { Database } from './database';
import { readKey, SharedReads } from './shared-reads';

/** A stand-in for the database's queue: statements begin only when `open` is called. */
function gatedDatabase() {
	let gate: () => void = () => {};
	let opened = new Promise<void>((resolve) => (gate = resolve));
	let statements = 0;
	let value = 0;
	return {
		/** What `SharedReads` is handed: waits for the gate, then begins and reads `value`. */
		schedule: (begin: () => void) =>
			opened.then(() => {
				begin();
				statements++;
				return value;
			}),
		open() {
			gate();
		},
		close() {
			opened = new Promise<void>((resolve) => (gate = resolve));
		},
		write(next: number) {
			value = next;
		},
		get statements() {
			return statements;
		}
	};
}

describe('SharedReads', () => {
	it('runs identical reads that wait together once, and gives each the same rows', async () => {
		const reads = new SharedReads();
		const db = gatedDatabase();
		db.write(7);
		const waiting = Array.from({ length: 9 }, () => reads.run('page', db.schedule));
		db.open();
		expect(await Promise.all(waiting)).toEqual(Array(9).fill(7));
		expect(db.statements).toBe(1);
	});

	it('never lets a read join one that has begun: it gets a statement of its own and sees later writes', async () => {
		const reads = new SharedReads();
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		let value = 1;
		let statements = 0;
		// The first statement begins at once and stays in the database until released.
		const first = reads.run('page', (begin) => {
			begin();
			statements++;
			const seen = value;
			return held.then(() => seen);
		});
		value = 2; // committed after the first statement's snapshot
		const second = reads.run('page', (begin) => {
			begin();
			statements++;
			return Promise.resolve(value);
		});
		release();
		expect(await first).toBe(1);
		expect(await second).toBe(2);
		expect(statements).toBe(2);
	});

	it('does not share between different statements or parameters', async () => {
		const reads = new SharedReads();
		const db = gatedDatabase();
		const a = reads.run(readKey('SELECT page', ['workspace-a', 0]), db.schedule);
		const b = reads.run(readKey('SELECT page', ['workspace-b', 0]), db.schedule);
		const c = reads.run(readKey('SELECT page', ['workspace-a', 10]), db.schedule);
		db.open();
		await Promise.all([a, b, c]);
		expect(db.statements).toBe(3);
	});

	it('gives every sharer the failure, and the next read runs again', async () => {
		const reads = new SharedReads();
		const failing = (begin: () => void) =>
			Promise.resolve().then(() => {
				begin();
				throw new Error('Connection terminated unexpectedly');
			});
		const both = [reads.run('page', failing), reads.run('page', failing)];
		for (const read of both) await expect(read).rejects.toThrow('Connection terminated');
		const db = gatedDatabase();
		db.write(3);
		db.open();
		expect(await reads.run('page', db.schedule)).toBe(3);
		expect(db.statements).toBe(1);
	});

	it('forgets a read that failed before it began, so later ones do not get its failure', async () => {
		const reads = new SharedReads();
		const noConnection = () => Promise.reject(new Error('timeout exceeded when trying to connect'));
		await expect(reads.run('page', noConnection)).rejects.toThrow('timeout');
		const db = gatedDatabase();
		db.write(4);
		db.open();
		expect(await reads.run('page', db.schedule)).toBe(4);
	});

	it('starts a new shared read for those who come after a batch has begun', async () => {
		const reads = new SharedReads();
		const db = gatedDatabase();
		db.write(1);
		const early = [reads.run('page', db.schedule), reads.run('page', db.schedule)];
		db.open();
		expect(await Promise.all(early)).toEqual([1, 1]);
		db.close();
		db.write(2);
		const late = [reads.run('page', db.schedule), reads.run('page', db.schedule)];
		db.open();
		expect(await Promise.all(late)).toEqual([2, 2]);
		expect(db.statements).toBe(2);
	});
});

describe.each(testBackends())('shared reads on $kind', (backend) => {
	let db: Database;
	beforeEach(async () => {
		db = await backend.open();
		await db.query('CREATE SEQUENCE reads');
		await db.query('CREATE TABLE notes (n integer)');
	});
	afterEach(() => db.close());

	/** Keeps every connection busy for `seconds` (PGlite has one; the pool holds ten). */
	const busy = (seconds: number) =>
		Promise.all(
			Array.from({ length: backend.kind === 'pglite' ? 1 : 10 }, () =>
				db.query('SELECT pg_sleep($1::float8)', [seconds])
			)
		);

	it('runs identical shared statements that wait for the database once', async () => {
		const occupied = busy(0.3);
		// nextval tells how many times the statement ran: shared, every caller sees one value.
		const waiting = Array.from({ length: 5 }, () =>
			db.query<{ n: string | number }>(`SELECT nextval('reads') AS n`, [], { share: true })
		);
		const values = (await Promise.all(waiting)).map(([row]) => Number(row!.n));
		await occupied;
		expect(new Set(values).size).toBe(1);
		// Not shared when not asked: each runs.
		const apart = await Promise.all(
			Array.from({ length: 3 }, () =>
				db.query<{ n: string | number }>(`SELECT nextval('reads') AS n`)
			)
		);
		expect(new Set(apart.map(([row]) => Number(row!.n))).size).toBe(3);
	}, 30_000);

	it('answers a read asked for after a commit with the commit, while an identical read that began before it still runs', async () => {
		const count = `SELECT count(*)::integer AS n, pg_sleep($1::float8) IS NULL AS slept FROM notes`;
		const before = db.query<{ n: number }>(count, [0.3], { share: true });
		// Let it begin: on PostgreSQL it holds a connection while the insert commits on another.
		await new Promise((resolve) => setTimeout(resolve, 50));
		await db.query('INSERT INTO notes VALUES (1)');
		const after = await db.query<{ n: number }>(count, [0.3], { share: true });
		expect(after[0]!.n).toBe(1);
		expect((await before)[0]!.n).toBe(0);
	}, 30_000);
});
