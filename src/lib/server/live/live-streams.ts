import { LIVE_HEAD_EVENT } from '../../protocol';
import type { HeadFeed } from './head-feed';

export interface LiveStreamSource {
	workspaceId: string;
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

/** The open `live` streams of this process, so that shutdown can end them. */
export class LiveStreams {
	readonly #open = new Set<() => void>();

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
				const heartbeat = setInterval(() => {
					source.stillValid().then(
						(valid) => (valid ? send(': heartbeat\n\n') : end()),
						() => end()
					);
				}, this.heartbeatMs);
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
				this.#open.add(end);
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

	closeAll(): void {
		for (const end of [...this.#open]) end();
	}
}
