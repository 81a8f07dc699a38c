import { LIVE_HEAD_EVENT } from '../../protocol';
import type { HeadFeed } from './head-feed';

export interface LiveStreamSource {
	workspaceId: string;
	/** Whose stream it is: a revocation of their sessions checks it at once. */
	userId: string;
	/** The workspace's head now. */
	readHead(): Promise<number>;
	/** Whether the session that opened the stream is still valid; checked at each heartbeat. */
	stillValid(): Promise<boolean>;
}

const encoder = new TextEncoder();

const STREAM_HEADERS = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-store',
	// Keeps nginx and friends from buffering the stream.
	'x-accel-buffering': 'no'
};

interface OpenStream {
	userId: string;
	/** Ends the stream unless its session is still valid. */
	check(): void;
}

/** The open `live` streams of this process, so that shutdown and revocations can end them. */
export class LiveStreams {
	readonly #open = new Map<() => void, OpenStream>();

	constructor(
		private readonly feed: HeadFeed,
		private readonly heartbeatMs: number
	) {}

	get size(): number {
		return this.#open.size;
	}

	/**
	 * A Server-Sent Events stream: `event: head` with `{"head": n}` at once and whenever the
	 * workspace's head moves, and a `: heartbeat` comment every `heartbeatMs` so proxies keep
	 * the connection and the client knows it is alive. Ends when the session ends.
	 */
	open(source: LiveStreamSource): Response {
		let end = (): void => {};
		const stream = new ReadableStream<Uint8Array>({
			start: (controller) => {
				let closed = false;
				let lastHead = -1;
				const send = (text: string) => {
					if (closed) return;
					try {
						controller.enqueue(encoder.encode(text));
					} catch {
						end();
					}
				};
				// Heads only grow: one that arrives late (or twice) says nothing new.
				const sendHead = (head: number) => {
					if (head <= lastHead) return;
					lastHead = head;
					send(`event: ${LIVE_HEAD_EVENT}\ndata: ${JSON.stringify({ head })}\n\n`);
				};
				const refresh = () => {
					source.readHead().then(sendHead, () => end());
				};
				// Subscribed before the first read: a push in between reaches us one way or the other.
				const unsubscribe = this.feed.subscribe(source.workspaceId, sendHead, refresh);
				const check = (onValid?: () => void) => {
					source.stillValid().then(
						(valid) => (valid ? onValid?.() : end()),
						() => end()
					);
				};
				// A revocation is announced (`recheck`); the heartbeat's check is the fallback.
				const heartbeat = setInterval(() => check(() => send(': heartbeat\n\n')), this.heartbeatMs);
				end = () => {
					if (closed) return;
					closed = true;
					clearInterval(heartbeat);
					unsubscribe();
					this.#open.delete(end);
					try {
						controller.close();
					} catch {
						// Already cancelled by the client.
					}
				};
				this.#open.set(end, { userId: source.userId, check: () => check() });
				refresh();
			},
			cancel: () => end()
		});
		return new Response(stream, { headers: STREAM_HEADERS });
	}

	/** A stream's answer without the stream: for HEAD. */
	headers(): Response {
		return new Response(null, { headers: STREAM_HEADERS });
	}

	/** Checks the sessions of `userId`'s open streams now (or of every stream), ending those revoked. */
	recheck(userId?: string): void {
		for (const stream of this.#open.values()) {
			if (userId === undefined || stream.userId === userId) stream.check();
		}
	}

	closeAll(): void {
		for (const end of [...this.#open.keys()]) end();
	}
}
