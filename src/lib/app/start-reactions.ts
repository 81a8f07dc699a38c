import { reactionsCheckpoint } from '../reactions/checkpoint';
import { electLeader } from '../sync/leader';
import type { RewindApp } from './rewind-app';

/**
 * Runs the app's reactions in one tab at a time (the others queue for the lock and take over
 * when it closes). Their code loads once there is something to react to: the log changed, or it
 * holds events past the reactions' checkpoint (a tab closed before they ran). A first visit that
 * changes nothing loads none of it.
 */
export function startReactions(
	app: Pick<RewindApp, 'store' | 'orders' | 'accounts'>,
	deviceId: string
): () => void {
	const { store } = app;
	return electLeader(`rewind-reactions:${store.name}`, () => {
		let stop: (() => void) | undefined;
		let stopped = false;
		const load = () => {
			unsubscribe();
			if (stop || stopped) return;
			void import('./app-reactions').then(({ startAppReactions }) => {
				if (!stopped) stop ??= startAppReactions(app, deviceId);
			});
		};
		const unsubscribe = store.subscribe(load);
		// Set before any command of this session is appended, so a first change is reacted to.
		void reactionsCheckpoint(store).then(({ due }) => due && load());
		return () => {
			stopped = true;
			unsubscribe();
			stop?.();
		};
	});
}
