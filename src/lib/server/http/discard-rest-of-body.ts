import type { IncomingMessage } from 'node:http';

const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;
const MAX_DISCARD_MS = 30_000;

/**
 * After a request is answered without reading its whole body (a 413, or a 401 before the body),
 * reads the rest and throws it away: closing a connection with unread bytes makes the kernel
 * reset it, and the client sees the reset instead of the answer; a body left unread also
 * stalls the next request on a kept-alive connection. Bounded, like nginx's lingering close: a
 * body still arriving after 64 MiB or 30 s has its connection closed.
 */
export function discardRestOfBody(request: IncomingMessage): void {
	if (request.complete || request.destroyed) return;
	let discarded = 0;
	const stop = () => {
		clearTimeout(timer);
		request.socket?.destroy();
	};
	const timer = setTimeout(stop, MAX_DISCARD_MS);
	timer.unref();
	// The web stream over the body may still listen (and pause the request when its queue is full).
	request.removeAllListeners('data');
	request.on('data', (chunk: Buffer) => {
		discarded += chunk.byteLength;
		if (discarded > MAX_DISCARDED_BYTES) stop();
	});
	request.once('end', () => clearTimeout(timer));
	request.once('close', () => clearTimeout(timer));
	request.resume();
}
