import type { AggregateRepository, CommandContextInput } from '../aggregates';
import { seriesStreamOf, type SeriesCommand, type SeriesEvent, type SeriesState } from '../domain';
import type { WorkspacePeople } from '../sync/workspace-people';
import type { RewindApp } from './rewind-app';

/**
 * Once the device is signed in to a workspace it can write to, asks the server for its series
 * prefix and names the series with it, once: the server answers the same prefix for the same
 * device, and a second tab doing the same finds the series named (the decider records nothing).
 * Until then the numbers show a provisional prefix. Returns the function that stops watching.
 */
export function nameSeriesWhenSignedIn(app: RewindApp): () => void {
	let named = false;
	let asking = false;
	let triedAfter: string | undefined = '';
	return app.sync.status.subscribe((status) => {
		if (named || asking || !status.signedIn || !status.canWrite || !status.caughtUp) return;
		// After a failure, the next try waits for the next sync that reached the server.
		if (triedAfter === status.lastSyncedAt) return;
		asking = true;
		triedAfter = status.lastSyncedAt;
		void nameSeries(app.series, app.sync.people, app.identity())
			.then(() => (named = true))
			.catch((error: unknown) => console.warn('The series could not be named yet', error))
			.finally(() => (asking = false));
	});
}

/**
 * Names the device's series with the prefix the server gives it, unless it is named already;
 * what `nameSeriesWhenSignedIn` runs, once per sign-in, whichever tab gets there.
 */
export async function nameSeries(
	series: AggregateRepository<SeriesState, SeriesCommand, SeriesEvent>,
	people: Pick<WorkspacePeople, 'seriesPrefix'>,
	identity: Pick<CommandContextInput, 'userId' | 'deviceId'>
): Promise<void> {
	const streamId = seriesStreamOf(identity.deviceId);
	const { state } = await series.load(streamId);
	if (state.status === 'named') return;
	const prefix = await people.seriesPrefix(identity.deviceId);
	// The same prefix makes the same commandId: tabs naming it at once are one change.
	await series.execute(
		streamId,
		{ type: 'NameSeries', prefix },
		{ ...identity, commandId: `name-${streamId}-${prefix}` }
	);
}
