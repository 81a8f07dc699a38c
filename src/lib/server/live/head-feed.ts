import type { Database } from '../db/database';
import { decodeHeadChange, HEAD_CHANNEL } from '../event-log';

type HeadListener = (head: number) => void;

/**
 * Fans the database's head notifications out to this process's `live` streams, by workspace.
 * One LISTEN serves every stream; on PostgreSQL it hears the pushes of every server process.
 *
 * The heads a workspace reaches within one turn of the event loop go out as one: its latest.
 * Heads only grow and a client pulls up to the newest, so the ones in between say nothing it
 * needs, and each costs a write on every stream of the workspace (issue 17: under load, these
 * writes were the server's largest cost).
 */
export class HeadFeed {
	readonly #listeners = new Map<string, Set<HeadListener>>();
	readonly #resyncs = new Set<() => void>();
	readonly #everyWorkspace = new Set<(workspaceId: string, head: number) => void>();
	/** The latest head of each workspace heard this turn, not yet sent. */
	readonly #pending = new Map<string, number>();
	#unlisten: (() => Promise<void>) | undefined;

	async start(db: Database): Promise<void> {
		this.#unlisten = await db.listen(
			HEAD_CHANNEL,
			(payload) => {
				const change = decodeHeadChange(payload);
				if (!change) return;
				if (this.#pending.size === 0) setImmediate(() => this.#flush());
				const pending = this.#pending.get(change.workspaceId) ?? -1;
				this.#pending.set(change.workspaceId, Math.max(pending, change.head));
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

	/** Like `subscribe`, for the heads of every workspace (the webhook deliverer's wake-up). */
	subscribeAll(onHead: (workspaceId: string, head: number) => void, onResync: () => void) {
		this.#everyWorkspace.add(onHead);
		this.#resyncs.add(onResync);
		return () => {
			this.#everyWorkspace.delete(onHead);
			this.#resyncs.delete(onResync);
		};
	}

	#flush(): void {
		const heads = [...this.#pending];
		this.#pending.clear();
		for (const [workspaceId, head] of heads) {
			for (const listener of this.#listeners.get(workspaceId) ?? []) listener(head);
			for (const listener of this.#everyWorkspace) listener(workspaceId, head);
		}
	}

	async stop(): Promise<void> {
		const unlisten = this.#unlisten;
		this.#unlisten = undefined;
		await unlisten?.();
	}
}
