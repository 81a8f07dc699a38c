import { localDay, personalTextRedactor } from '$lib/domain';
import { saveFile } from '$lib/app/exports/save-file';
import { deviceId } from '$lib/app/identity';
import type { RewindApp } from '$lib/app/rewind-app';

/** Which records a repro bundle holds. */
export type ReproScope = 'stream' | 'prefix' | 'unsynced' | 'all';

/**
 * Writes a repro bundle of the chosen records (a slice of the log: a backup file that only a
 * test's `loadRepro` takes) and hands it to the downloads; resolves with how many events.
 */
export async function downloadReproBundle(
	app: RewindApp,
	choice: { scope: ReproScope; redact: boolean; selected: string; prefix: string }
): Promise<number> {
	const slice = await sliceOf(app, choice);
	const { header, blob } = await app.store.backup.write({
		workspace: null,
		device: deviceId(),
		slice,
		...(choice.redact ? { redact: personalTextRedactor() } : {})
	});
	saveFile(`rewind-repro-${localDay(new Date())}.ndjson`, [blob], blob.type);
	return header.counts.events;
}

async function sliceOf(
	app: RewindApp,
	{ scope, selected, prefix }: { scope: ReproScope; selected: string; prefix: string }
): Promise<(streamId: string) => boolean> {
	if (scope === 'stream') return (streamId) => streamId === selected;
	if (scope === 'prefix') return (streamId) => streamId.startsWith(prefix);
	if (scope === 'all') return () => true;
	const [pending, conflicts] = await Promise.all([app.store.readPending(), app.sync.conflicts()]);
	const streams = new Set([...pending, ...conflicts].map((entry) => entry.streamId));
	return (streamId) => streams.has(streamId);
}
