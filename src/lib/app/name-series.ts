import { derived } from 'svelte/store';
import type { AggregateRepository, CommandContextInput } from '../aggregates';
import { seriesStreamOf, type SeriesCommand, type SeriesEvent, type SeriesState } from '../domain';
import { idOf } from '../events';
import type { WorkspacePeople } from '../sync/workspace-people';
import type { RewindApp } from './rewind-app';

/**
 * Once the device is signed in to a workspace it can write to, names its own series with the
 * prefix the server gives it, and every other series still provisional in its log: a device's
 * that never synced and came here in its backup (the phone that died) would otherwise keep
 * provisional numbers on every device for good. The server answers the same prefix for the
 * same device, so a device and the one that restored its backup name it alike, and a second
 * tab finds it named (the decider records nothing). Returns the function that stops watching.
 */
export function nameSeriesWhenSignedIn(app: RewindApp): () => void {
	const named = new Set<string>();
	let asking = false;
	let triedAfter: string | undefined = '';
	const due = derived([app.sync.status, app.numberBook], ([status, book]) => ({ status, book }));
	return due.subscribe(({ status, book }) => {
		if (asking || !status.signedIn || !status.canWrite || !status.caughtUp || !book.complete)
			return;
		const own = seriesStreamOf(app.identity().deviceId);
		const toName = [...new Set([own, ...book.unnamed()])].filter((id) => !named.has(id));
		if (toName.length === 0) return;
		// After a failure, the next try waits for the next sync that reached the server.
		if (triedAfter === status.lastSyncedAt) return;
		asking = true;
		triedAfter = status.lastSyncedAt;
		void (async () => {
			for (const seriesId of toName) {
				await nameSeries(app.series, app.sync.people, app.identity(), seriesId);
				named.add(seriesId);
			}
			// A success leaves nothing to wait for: a series that arrives later is named at once.
			triedAfter = '';
		})()
			.catch((error: unknown) => console.warn('The series could not be named yet', error))
			.finally(() => (asking = false));
	});
}

/**
 * Names a series (by default the device's own) with the prefix the server gives its device,
 * unless it is named already; what `nameSeriesWhenSignedIn` runs, whichever tab gets there.
 */
export async function nameSeries(
	series: AggregateRepository<SeriesState, SeriesCommand, SeriesEvent>,
	people: Pick<WorkspacePeople, 'seriesPrefix'>,
	identity: Pick<CommandContextInput, 'userId' | 'deviceId'>,
	streamId = seriesStreamOf(identity.deviceId)
): Promise<void> {
	const { state } = await series.load(streamId);
	if (state.status === 'named') return;
	const prefix = await people.seriesPrefix(idOf(streamId));
	// The same prefix makes the same commandId: tabs, or devices, naming it at once are one change.
	await series.execute(
		streamId,
		{ type: 'NameSeries', prefix },
		{ ...identity, commandId: `name-${streamId}-${prefix}` }
	);
}
