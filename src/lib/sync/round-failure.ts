import { SyncHttpError } from './sync-errors';
import type { SyncStatus } from './sync-status';

/**
 * What a round that failed shows: its error, and offline unless the server answered (a
 * `SyncHttpError` is an answer, a refusal; anything else means no answer came at all).
 */
export function failedRound(error: unknown): Partial<SyncStatus> {
	return {
		lastError: error instanceof Error ? error.message : String(error),
		...(error instanceof SyncHttpError ? {} : { online: false })
	};
}
