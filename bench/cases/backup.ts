import { call, type BrowserContext } from '../lib/bench-page';
import { measure, type Contestant } from '../lib/measure';
import { medianOf, ratioTarget, withRatios, type CaseResult } from '../lib/report';

const RAW_READ = 'raw IndexedDB cursor read';
const RAW_WRITE = 'raw IndexedDB transaction write';
const LOGS = ['never synced', 'all synced'] as const;
type Log = (typeof LOGS)[number];
const backupOf = (log: Log) => `Rewind backup, ${log} (store.backup.write)`;
const restoreOf = (log: Log) => `Rewind restore, ${log}, into a fresh database`;

/**
 * Case 14: a backup of the whole log written, and restored into a fresh database, each against
 * the raw IndexedDB read (or write) of the same event records in the same browser; for a log
 * never synced (every event pending, with its command) and one the server has all of.
 */
export async function backupCase({ page, options }: BrowserContext): Promise<CaseResult> {
	const total = options.sizes.backup;
	const { durability } = options;
	const names: Record<Log, string> = { 'never synced': '', 'all synced': '' };
	let bytes: number[] = [];
	const check = (what: string, count: number) => {
		if (count !== total) throw new Error(`${what} handled ${count} events, not ${total}`);
	};
	const timed = (name: string, work: () => Promise<{ ms: number; count: number }>): Contestant => ({
		name,
		run: async () => {
			const { ms, count } = await work();
			check(name, count);
			return ms;
		}
	});
	const contestants = [
		timed(RAW_READ, () => call(page, 'rawCursorRead', names['never synced'])),
		timed(RAW_WRITE, () => call(page, 'rawWrite', names['never synced'], durability)),
		...LOGS.flatMap((log) => [
			timed(backupOf(log), async () => {
				const { ms, events } = await call(page, 'backupWrite', names[log]);
				return { ms, count: events };
			}),
			timed(restoreOf(log), async () => {
				const { ms, added } = await call(page, 'backupRestore', names[log], durability);
				return { ms, count: added };
			})
		])
	];
	const summaries = await measure(contestants, {
		// Each round seeds two logs and writes their backups: a round of 100,000 takes a minute.
		warmup: 1,
		runs: options.catchUpRuns,
		before: async (round) => {
			for (const log of LOGS) {
				names[log] = `bench-backup-${log.replace(' ', '-')}-${round}-${Date.now()}`;
				await call(page, 'seedLog', names[log], total, durability, log === 'all synced');
			}
			bytes = (
				await call(
					page,
					'prepareBackups',
					LOGS.map((log) => names[log])
				)
			).map((file) => file.bytes);
		},
		after: async () => {
			for (const log of LOGS) await call(page, 'deleteDatabase', names[log]);
		}
	});
	const results = withRatios(summaries, 'ms', RAW_READ);
	const ratio = (name: string, baseline: string) =>
		medianOf(results, name) / medianOf(results, baseline);
	const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
	return {
		id: 14,
		title: `Backup and restore, ${total.toLocaleString('en')} events`,
		contestants: results,
		targets: LOGS.flatMap((log) => [
			ratioTarget(`backup, ${log} ≤ 2× raw cursor read`, ratio(backupOf(log), RAW_READ), 2),
			ratioTarget(`restore, ${log} ≤ 2× raw transaction write`, ratio(restoreOf(log), RAW_WRITE), 2)
		]),
		notes: [
			`Two logs of the same ${total.toLocaleString('en')} realistic events (orders of 10 events, accounts of 8): one never synced, as a person who never signed in keeps it (each command's events pending in the outbox, with the command: the case where the backup is the only other copy), and one the server has all of. Backup files: ${bytes.map(mib).join(' and ')}.`,
			'Backup: `store.backup.write` reads the whole log in one read-only transaction and writes the NDJSON file in hashed parts, made but not saved (the download is the browser’s). Baseline: one raw cursor over the same events store, keeping every value.',
			'Restore: `store.backup.restore` into a fresh database reads the file twice (the check of every line and its SHA-256, then the merge) and writes the events with their outbox entries and commands (never synced) or their receipts (all synced). Baseline: the same event records written into a fresh database with the events table’s indexes, in one raw transaction.'
		]
	};
}
