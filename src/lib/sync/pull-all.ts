import type { EventStore } from '../eventstore';
import type { CommandRebaser } from './command-rebaser';
import { MAX_PULL_LIMIT } from '../protocol/limits';
import { applyPulled } from './apply-pulled';
import { CatchUpCounter, type CatchUpProgress } from './catch-up-progress';
import type { SyncSession } from './session';
import type { SyncApi } from './sync-api';

export interface PullAllOptions {
	store: EventStore;
	api: SyncApi;
	/** Decides pending commands again when others' events land before them. */
	rebaser: CommandRebaser;
	now: () => Date;
}

/**
 * Pulls until caught up, applying each page (and rebasing the pending commands it lands
 * before) as it arrives, the next page fetched meanwhile; returns who wrote the pulled events. A pull of more than one page
 * reports its progress, each page once it is on the device.
 */
export async function pullAll(
	{ store, api, rebaser, now }: PullAllOptions,
	session: SyncSession,
	progress: (catchUp: CatchUpProgress) => void
): Promise<Set<string>> {
	const authors = new Set<string>();
	const counter = new CatchUpCounter();
	let reporting = false;
	let cursor = await store.sync.remotePosition();
	let next = api.pull(session.token, cursor, MAX_PULL_LIMIT);
	for (;;) {
		const page = await next;
		const reached = page.events.at(-1)?.position ?? cursor;
		if (page.hasMore) {
			// The next page is on its way while this one is applied: the wire and IndexedDB
			// work at once. If applying fails, the page fetched ahead is dropped unread.
			next = api.pull(session.token, reached, MAX_PULL_LIMIT);
			next.catch(() => undefined);
		}
		if (page.events.length > 0) {
			await applyPulled(store, page.events, rebaser, now);
			for (const event of page.events) authors.add(event.recordedBy);
		}
		cursor = reached;
		const catchUp = counter.page(page.events.length, reached, page.head);
		reporting ||= page.hasMore;
		if (reporting) progress(catchUp);
		if (!page.hasMore) return authors;
	}
}
