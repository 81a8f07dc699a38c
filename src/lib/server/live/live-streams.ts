import { LIVE_HEAD_EVENT } from '../../protocol';
import type { HeadFeed } from './head-feed';

export interface LiveStreamSource {
	workspaceId: string;
	/** Whose stream it is: a revocation of their sessions checks it at once. */
	userId: string;
	/**
	 * The session the stream was opened with (its token hash): the streams of one session are
	 * checked together, with one `stillValid` for all of them.
	 */
	sessionKey: string;
	/** The workspace's head now. */
	readHead(): Promise<number>;
	/** Whether the session that opened the stream is still valid; checked at each heartbeat. */
	stillValid(): Promise<boolean>;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

const STREAM_HEADERS = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-store',
	// Keeps nginx and friends from buffering the stream.
	'x-accel-buffering': 'no'
};

interface OpenStream {
	source: LiveStreamSource;
	send(bytes: Uint8Array): void;
	end(): void;
}

/**
 * The open `live` streams of this process, so that shutdown and revocations can end them.
 *
 * Built for thousands of streams: one heartbeat timer for all of them, one session check per
 * session per beat however many streams it has open (a device with several tabs, or a person
 * on several devices, costs one query), and a head's message encoded once for every stream of
 * its workspace. A timer and a query per stream made 2,000 streams cost 133 queries a second.
 */
export class LiveStreams {
	readonly #open = new Set<OpenStream>();
	#heartbeat: ReturnType<typeof setInterval> | undefined;
	#lastHead: { head: number; bytes: Uint8Array } | undefined;

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
				const send = (bytes: Uint8Array) => {
					if (closed) return;
					try {
						controller.enqueue(bytes);
					} catch {
						end();
					}
				};
				// Heads only grow: one that arrives late (or twice) says nothing new.
				const sendHead = (head: number) => {
					if (head <= lastHead) return;
					lastHead = head;
					send(this.#headMessage(head));
				};
				const refresh = () => {
					source.readHead().then(sendHead, () => end());
				};
				// Subscribed before the first read: a push in between reaches us one way or the other.
				const unsubscribe = this.feed.subscribe(source.workspaceId, sendHead, refresh);
				const open: OpenStream = { source, send, end: () => end() };
				end = () => {
					if (closed) return;
					closed = true;
					unsubscribe();
					this.#open.delete(open);
					if (this.#open.size === 0) this.#stopHeartbeat();
					try {
						controller.close();
					} catch {
						// Already cancelled by the client.
					}
				};
				this.#open.add(open);
				this.#startHeartbeat();
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
		this.#check((stream) => userId === undefined || stream.source.userId === userId);
	}

	closeAll(): void {
		for (const stream of [...this.#open]) stream.end();
	}

	/** Each head's message is the same bytes for every stream that gets it, made once. */
	#headMessage(head: number): Uint8Array {
		if (this.#lastHead?.head !== head) {
			const text = `event: ${LIVE_HEAD_EVENT}\ndata: ${JSON.stringify({ head })}\n\n`;
			this.#lastHead = { head, bytes: encoder.encode(text) };
		}
		return this.#lastHead.bytes;
	}

	/**
	 * Checks the session of every selected stream, once per session, and ends the streams of
	 * sessions no longer valid; `onValid` runs for each stream whose session still is.
	 */
	#check(selected: (stream: OpenStream) => boolean, onValid?: (stream: OpenStream) => void): void {
		const bySession = new Map<string, OpenStream[]>();
		for (const stream of this.#open) {
			if (!selected(stream)) continue;
			const streams = bySession.get(stream.source.sessionKey);
			if (streams) streams.push(stream);
			else bySession.set(stream.source.sessionKey, [stream]);
		}
		for (const streams of bySession.values()) {
			streams[0]!.source.stillValid().then(
				(valid) => {
					for (const stream of streams) {
						if (!valid) stream.end();
						else onValid?.(stream);
					}
				},
				() => streams.forEach((stream) => stream.end())
			);
		}
	}

	#startHeartbeat(): void {
		this.#heartbeat ??= setInterval(
			() =>
				this.#check(
					() => true,
					(stream) => stream.send(HEARTBEAT)
				),
			this.heartbeatMs
		);
	}

	#stopHeartbeat(): void {
		clearInterval(this.#heartbeat);
		this.#heartbeat = undefined;
	}
}
