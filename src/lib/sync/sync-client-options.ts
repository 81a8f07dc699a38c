import type { EventStore } from '../eventstore';
import type { CommandRebaser } from './command-rebaser';
import type { ReconnectSignalSources } from './reconnect-signals';
import type { BackoffOptions } from './retry-schedule';
import type { Fetch } from './sync-api';

/** What a `SyncClient` is made of; everything but the log, rebaser, device and server has a default. */
export interface SyncClientOptions {
	store: EventStore;
	/** Decides pending commands again when others' events land before them. */
	rebaser: CommandRebaser;
	deviceId: string;
	/** The user id of work done before signing in; it becomes the signed-in user's. */
	anonymousUserId?: string;
	/** Where the server is; the page's own origin in the app. */
	baseUrl: string;
	fetch?: Fetch;
	now?: () => Date;
	/** How failed rounds are retried; `DEFAULT_RETRY` says why its numbers are what they are. */
	backoff?: BackoffOptions;
	random?: () => number;
	/** Where `online`, `focus` and `visibilitychange` come from; the browser's window and document by default. */
	signals?: ReconnectSignalSources;
	/** What this device is called in the person's list of sessions; from the user agent by default. */
	device?: string;
}
