import { seriesStreamOf } from '../domain';
import type { RewindApp } from './rewind-app';

/**
 * Once the device is signed in to a workspace it can write to, asks the server for its series
 * prefix and names the series with it, once: the server answers the same prefix for the same
 * device, and a second tab doing the same finds the series named (the decider records nothing).
 * Until then the numbers show a provisional prefix. Returns the function that stops watching.
 */
export function nameSeriesWhenSignedIn(app: RewindApp): () => void {
	const streamId = seriesStreamOf(app.identity().deviceId);
	let named = false;
	let asking = false;
	let triedAfter: string | undefined = '';
	return app.sync.status.subscribe((status) => {
		if (named || asking || !status.signedIn || !status.canWrite || !status.caughtUp) return;
		// After a failure, the next try waits for the next sync that reached the server.
		if (triedAfter === status.lastSyncedAt) return;
		asking = true;
		triedAfter = status.lastSyncedAt;
		void nameSeries(app, streamId)
			.then(() => (named = true))
			.catch((error: unknown) => console.warn('The series could not be named yet', error))
			.finally(() => (asking = false));
	});
}

async function nameSeries(app: RewindApp, streamId: string): Promise<void> {
	const { state } = await app.series.load(streamId);
	if (state.status === 'named') return;
	const prefix = await app.sync.people.seriesPrefix(app.identity().deviceId);
	await app.series.execute(
		streamId,
		{ type: 'NameSeries', prefix },
		{ ...app.identity(), commandId: `name-${streamId}-${prefix}` }
	);
}
