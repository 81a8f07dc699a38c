import { afterEach, describe, expect, it } from 'vitest';
import { BackupRefusedError } from '../../errors';
import { dumpDatabase, databaseOf, StoreTracker } from '../testing';
import { FixtureServer, increment, logOf, redecide, totalsOf, WORKSPACE } from './backup-fixture';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

async function seeded() {
	const store = stores.open();
	const server = new FixtureServer();
	await increment(store, 'counter-1', 1);
	await increment(store, 'counter-1', 2);
	await increment(store, 'counter-2', 3);
	await server.accept(store, 2);
	await server.pullOthers(store, 'counter-2', 10);
	await increment(store, 'counter-3', 4, 'Fragile');
	await server.pullOthers(store, 'counter-3', 20);
	await increment(store, 'counter-1', 5);
	return { store, server };
}

async function backupOf(store: ReturnType<StoreTracker['open']>) {
	return store.backup.write({ workspace: WORKSPACE, device: 'device-1' });
}

describe('store.backup', () => {
	it('restores into a fresh log the same log, inbox, pending commands and totals', async () => {
		const { store } = await seeded();
		const { blob, header } = await backupOf(store);
		expect(header.counts).toEqual({ events: 6, synced: 4, pending: 2, commands: 2, conflicts: 1 });

		const fresh = stores.open();
		const outcome = await fresh.backup.restore(blob, { workspace: WORKSPACE, redecide });
		expect(outcome).toMatchObject({ added: 6, alreadyHere: 0, rebased: 0 });
		expect(outcome.conflicts).toHaveLength(1);
		expect(await logOf(fresh)).toEqual(await logOf(store));
		expect(await totalsOf(fresh)).toEqual(await totalsOf(store));
	});

	it('restoring twice adds nothing the second time', async () => {
		const { store } = await seeded();
		const { blob } = await backupOf(store);
		const fresh = stores.open();
		await fresh.backup.restore(blob, { workspace: WORKSPACE, redecide });
		const once = await dumpDatabase(databaseOf(fresh));

		const again = await fresh.backup.restore(blob, { workspace: WORKSPACE, redecide });
		expect(again).toMatchObject({ added: 0, alreadyHere: 6, rebased: 0, conflicts: [] });
		expect(await dumpDatabase(databaseOf(fresh))).toBe(once);
	});

	it('decides a restored pending command again where its record moved on here', async () => {
		const { store } = await seeded();
		const { blob } = await backupOf(store);
		const other = stores.open();
		const server = new FixtureServer();
		server.position = 1_000;
		// This device has the same synced history, then its own change on counter-1.
		const synced = (await store.readAll()).filter((event) => event.sync === 'synced');
		await other.sync.applyRemote(
			synced.map(({ seq: _seq, sync: _sync, ...event }) => event as never),
			redecide
		);
		await increment(other, 'counter-1', 100);

		const outcome = await other.backup.restore(blob, { workspace: WORKSPACE, redecide });
		expect(outcome.rebased).toBe(1);
		const counter1 = await other.readStream('counter-1');
		expect(counter1.map((event) => (event.data as { by: number }).by)).toEqual([1, 2, 100, 5]);
		expect(counter1.map((event) => event.sync)).toEqual(['synced', 'synced', 'pending', 'pending']);

		const again = await other.backup.restore(blob, { workspace: WORKSPACE, redecide });
		expect(again).toMatchObject({ added: 0, rebased: 0 });
		expect(await other.readStream('counter-1')).toHaveLength(4);
	});

	it('refuses a backup of another workspace, or one made before signing in, changing nothing', async () => {
		const { store } = await seeded();
		const { blob } = await backupOf(store);
		const fresh = stores.open();
		const before = await dumpDatabase(databaseOf(fresh));
		const restore = (workspace: typeof WORKSPACE | null) =>
			fresh.backup.restore(blob, { workspace, redecide });

		await expect(restore({ id: 'workspace-2', name: 'Warehouse' })).rejects.toThrow(
			/workspace “Market stall”, and this device is signed into “Warehouse”/
		);
		await expect(restore(null)).rejects.toMatchObject({ reason: 'other_workspace' });
		expect(await dumpDatabase(databaseOf(fresh))).toBe(before);
	});

	it('refuses a file that is not a backup, or one from a newer format', async () => {
		const fresh = stores.open();
		const refusal = (text: string) =>
			fresh.backup.check(new Blob([text]), WORKSPACE).catch((error: unknown) => error);

		expect(await refusal('name,total\nJam,3\n')).toMatchObject({ reason: 'not_a_backup' });
		expect(await refusal('')).toMatchObject({ reason: 'not_a_backup' });
		const newer = await refusal('{"format":"rewind-backup","version":2}\n');
		expect(newer).toBeInstanceOf(BackupRefusedError);
		expect(newer).toMatchObject({ reason: 'format_version' });
		expect((newer as Error).message).toMatch(/newer version of Rewind/);
	});

	it('restores a file whose line ends a copy or an editor changed: CRLF, no last line break, blank lines at the end', async () => {
		const { store } = await seeded();
		const text = await (await backupOf(store)).blob.text();
		const variants = {
			crlf: text.replaceAll('\n', '\r\n'),
			'no last line break': text.slice(0, -1),
			'blank lines at the end': `${text}\n\r\n\n`
		};
		for (const [how, changed] of Object.entries(variants)) {
			const fresh = stores.open();
			const outcome = await fresh.backup.restore(new Blob([changed]), {
				workspace: WORKSPACE,
				redecide
			});
			expect(outcome, how).toMatchObject({ added: 6, alreadyHere: 0 });
			expect(await logOf(fresh), how).toEqual(await logOf(store));
		}
	});

	it('says a file cut short is incomplete, in words that hold whichever lines are missing', async () => {
		const { store } = await seeded();
		const lines = (await (await backupOf(store)).blob.text()).split('\n');
		const fresh = stores.open();
		const refusal = (text: string) =>
			fresh.backup.check(new Blob([text]), WORKSPACE).catch((error: unknown) => error);
		// The last line is the conflict: every change is there, the file still ends too soon.
		const noConflict = await refusal(`${lines.slice(0, -2).join('\n')}\n`);
		expect(noConflict).toMatchObject({ reason: 'truncated' });
		expect((noConflict as Error).message).toMatch(/its last lines are missing/);
		// Cut inside the third line.
		const cut = await refusal(`${lines.slice(0, 3).join('\n')}\n${lines[3]!.slice(0, 20)}`);
		expect(cut).toMatchObject({ reason: 'truncated' });
		expect((cut as Error).message).toMatch(/it holds \d+ of the 6 changes it should/);
		// A line changed, not cut: damaged.
		const changed = await refusal(lines.join('\n').replace('"by":5', '"by":6'));
		expect(changed).toMatchObject({ reason: 'damaged' });
	});
});
