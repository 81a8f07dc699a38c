import type { StoredEvent } from '../events';
import type { Conflict } from './conflict';

/** An event as the server has it: in the workspace's order (`position`), by whom and when. */
export type RemoteEvent = Omit<StoredEvent, 'seq' | 'sync'> &
	Required<Pick<StoredEvent, 'position' | 'recordedAt' | 'recordedBy'>>;

/** What applying a page of remote events (`store.sync.applyRemote`) did to the log. */
export interface RemoteApplied {
	/** Events of others (and our own, acknowledged through the pull) now in the log. */
	inserted: number;
	/** Our own pending events that the remote events showed were accepted. */
	acknowledged: number;
	/** Streams whose pending commands were decided again on top of the remote events. */
	rebased: string[];
	/** Commands that no longer fit and went to the conflict inbox. */
	conflicts: Conflict[];
	/** The highest remote position applied so far (`remotePosition`). */
	position: number;
}
