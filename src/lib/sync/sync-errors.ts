import { RewindError } from '../errors';

// Raised by the store while applying a pull; sync's callers catch it from here as before.
export { SyncGapError } from '../errors';

/** The server answered with an error; `status` and the body's `error` code say which. */
export class SyncHttpError extends RewindError {
	readonly code = 'sync_http';

	constructor(
		readonly status: number,
		readonly error: string,
		message: string,
		readonly body: unknown,
		readonly retryAfterMs?: number
	) {
		super(message);
	}
}

/** The request never got an answer: offline, DNS, connection reset. */
export class SyncNetworkError extends RewindError {
	readonly code = 'sync_network';
}

/**
 * A part of the sync code loaded on first use could not be downloaded (offline on a first
 * visit, before the service worker kept it). Browsers may keep a failed import failed until
 * the page loads again, so once online, reloading the page is what brings it.
 */
export class SyncCodeLoadError extends SyncNetworkError {}

/** Loads a part of the sync code on first use: a failed download is a `SyncCodeLoadError`. */
export function loadSyncCode<T>(load: () => Promise<T>): Promise<T> {
	return load().catch((error: unknown) => {
		throw new SyncCodeLoadError('The app could not load its sync code.', { cause: error });
	});
}

export function isSyncHttpError(error: unknown, status?: number): error is SyncHttpError {
	return error instanceof SyncHttpError && (status === undefined || error.status === status);
}

/**
 * Signing this device's log into a workspace other than the one it belongs to. Nothing was
 * changed: one log never mixes workspaces. `session` is the new, valid sign-in, for the app
 * to open (or create) that workspace's own log with.
 */
export class WorkspaceMismatchError extends RewindError {
	readonly code = 'workspace_mismatch';

	constructor(
		readonly boundWorkspaceId: string,
		readonly session: {
			token: string;
			userId: string;
			workspaceId: string;
			workspace: string;
			name: string;
		}
	) {
		super(
			`This device's data belongs to another workspace, so it cannot sync with ${session.workspace || 'this one'}.`
		);
	}
}
