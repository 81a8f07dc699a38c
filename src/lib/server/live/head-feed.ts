import type { Database } from '../db/database';
import { decodeHeadChange, HEAD_CHANNEL } from '../event-log';

type HeadListener = (head: number) => void;

/**
 * Fans the database's head notifications out to this process's `live` streams, by workspace.
 * One LISTEN serves every stream; on PostgreSQL it hears the pushes of every server process.
 */
export class HeadFeed {
	readonly #listeners = new Map<string, Set<HeadListener>>();
	readonly #resyncs = new Set<() => void>();
	#unlisten: (() => Promise<void>) | undefined;

	async start(db: Database): Promise<void> {
		this.#unlisten = await db.listen(
			HEAD_CHANNEL,
			(payload) => {
				const change = decodeHeadChange(payload);
				if (!change) return;
				for (const listener of this.#listeners.get(change.workspaceId) ?? []) listener(change.head);
			},
			// Notifications sent while the connection was down are lost: every stream re-reads its head.
			() => this.#resyncs.forEach((resync) => resync())
		);
	}

	/** Calls `onHead` with each new head of the workspace, `onResync` when heads may have been missed. */
	subscribe(workspaceId: string, onHead: HeadListener, onResync: () => void): () => void {
		let listeners = this.#listeners.get(workspaceId);
		if (!listeners) this.#listeners.set(workspaceId, (listeners = new Set()));
		listeners.add(onHead);
		this.#resyncs.add(onResync);
		return () => {
			listeners.delete(onHead);
			if (listeners.size === 0) this.#listeners.delete(workspaceId);
			this.#resyncs.delete(onResync);
		};
	}

	async stop(): Promise<void> {
		const unlisten = this.#unlisten;
		this.#unlisten = undefined;
		await unlisten?.();
	}
}
