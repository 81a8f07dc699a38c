/**
 * A journal of streams whose pending tail was removed or replaced (discard, rebase). Anything
 * that cached a fold of the log (a projection checkpoint) refolds the streams written here since.
 */
export interface Rewrite {
	id?: number;
	streamIds: string[];
	at: string;
}
