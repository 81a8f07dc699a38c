import { describe, expect, it } from 'vitest';
import type { BackupHeader, RestoreOutcome } from '$lib/eventstore';
import { backedUpWords, progressWords, restoredWords } from './backup-words';

const header = (events: number, pending: number) =>
	({
		counts: { events, pending, synced: events - pending, commands: pending, conflicts: 0 }
	}) as BackupHeader;
const outcome = (part: Partial<RestoreOutcome>): RestoreOutcome => ({
	header: header(0, 0),
	added: 0,
	alreadyHere: 0,
	rebased: 0,
	conflicts: [],
	...part
});

describe('backup words', () => {
	it('say how far a backup, a check and a restore have come', () => {
		expect(progressWords({ step: 'writing', done: 2000, total: 12500 }, 'en-GB')).toBe(
			'Writing the backup: 2,000 of 12,500 changes'
		);
		expect(progressWords({ step: 'checking', done: 1, total: 3 }, 'en-GB')).toBe(
			'Checking the file: 33 %'
		);
		expect(progressWords({ step: 'restoring', done: 0, total: 1 }, 'de-DE')).toBe(
			'Restoring: 0 of 1 change'
		);
	});

	it('say what a backup holds, and what is not yet on the server', () => {
		expect(backedUpWords(header(1234, 0), 'en-GB')).toBe(
			'Backup saved to your downloads: 1,234 changes. Keep it somewhere other than this device.'
		);
		expect(backedUpWords(header(3, 1), 'en-GB')).toContain(
			'3 changes, 1 of them not yet on the server.'
		);
		expect(backedUpWords(header(0, 0), 'en-GB')).toMatch(/holds no changes yet, so it is empty/);
	});

	it('say what a restore added, what was here, and what needs the person', () => {
		expect(restoredWords(outcome({ added: 7 }), 'en-GB')).toEqual(['Restored 7 changes.']);
		expect(restoredWords(outcome({ alreadyHere: 7 }), 'en-GB')).toEqual([
			'Nothing to add: all 7 changes of this backup are on this device already.'
		]);
		const conflict = { commandId: 'c', streamId: 's' } as RestoreOutcome['conflicts'][number];
		expect(
			restoredWords(
				outcome({ added: 5, alreadyHere: 2, rebased: 1, conflicts: [conflict] }),
				'en-GB'
			)
		).toEqual([
			'Restored 5 changes. 2 were here already.',
			'1 change not yet synced was made again on top of newer changes here.',
			'1 change could not be applied as it was and waits for you under “To review”.'
		]);
	});
});
