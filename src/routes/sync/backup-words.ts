import type { BackupHeader, RestoreOutcome } from '$lib/eventstore';
import type { BackupProgress } from '$lib/app/backup/device-backup';

function changes(count: number, locale: string): string {
	return `${count.toLocaleString(locale)} ${count === 1 ? 'change' : 'changes'}`;
}

/** The progress bar's words: what is happening, and how far it has come. */
export function progressWords({ step, done, total }: BackupProgress, locale: string): string {
	const of = `${done.toLocaleString(locale)} of ${changes(total, locale)}`;
	if (step === 'writing') return `Writing the backup: ${of}`;
	if (step === 'checking') {
		const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
		return `Checking the file: ${percent.toLocaleString(locale)} %`;
	}
	return `Restoring: ${of}`;
}

/** What a finished backup holds, said once it is in the downloads. */
export function backedUpWords(header: BackupHeader, locale: string): string {
	const { events, pending } = header.counts;
	if (events === 0) {
		return 'Backup saved to your downloads. This device holds no changes yet, so it is empty; back up again once you have made some.';
	}
	const unsynced =
		pending === 0
			? ''
			: pending === events
				? `, none of them on a server yet`
				: `, ${pending.toLocaleString(locale)} of them not yet on the server`;
	return `Backup saved to your downloads: ${changes(events, locale)}${unsynced}. Keep it somewhere other than this device.`;
}

/** What a restore did, in the order a person asks: what came in, what was here, what needs them. */
export function restoredWords(outcome: RestoreOutcome, locale: string): string[] {
	const said: string[] = [];
	if (outcome.added === 0) {
		said.push(
			`Nothing to add: all ${changes(outcome.alreadyHere, locale)} of this backup are on this device already.`
		);
	} else {
		const here =
			outcome.alreadyHere > 0
				? ` ${outcome.alreadyHere.toLocaleString(locale)} were here already.`
				: '';
		said.push(`Restored ${changes(outcome.added, locale)}.${here}`);
	}
	if (outcome.rebased > 0) {
		said.push(
			`${changes(outcome.rebased, locale)} not yet synced ${outcome.rebased === 1 ? 'was' : 'were'} made again on top of newer changes here.`
		);
	}
	const review = outcome.conflicts.length;
	if (review > 0) {
		said.push(
			`${changes(review, locale)} could not be applied as ${review === 1 ? 'it was' : 'they were'} and ${review === 1 ? 'waits' : 'wait'} for you under “To review”.`
		);
	}
	return said;
}
