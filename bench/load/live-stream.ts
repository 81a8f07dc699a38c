import { request, type ClientRequest } from 'node:http';

export interface LiveStream {
	/** Resolves once the server answered 200 with the stream. */
	opened: Promise<void>;
	/** The last head the stream announced (-1 before the first). */
	readonly head: number;
	/** Whether the server ended the stream or the connection broke. */
	readonly ended: boolean;
	close(): void;
}

/**
 * `GET /api/sync/live` on a connection of its own (a stream holds its socket for as long as it
 * is open), calling `onHead` with each `event: head` as it arrives.
 */
export function openLiveStream(
	baseUrl: string,
	token: string,
	onHead: (head: number, at: number) => void = () => {}
): LiveStream {
	let head = -1;
	let ended = false;
	let req: ClientRequest | undefined;
	const opened = new Promise<void>((resolve, reject) => {
		req = request(
			`${baseUrl}/api/sync/live`,
			{ headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
			(res) => {
				if (res.statusCode !== 200) {
					ended = true;
					res.resume();
					reject(new Error(`live: ${res.statusCode}`));
					return;
				}
				resolve();
				let buffer = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					buffer += chunk;
					let end: number;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const message = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						const data = /^data: (.*)$/m.exec(message)?.[1];
						if (!data || !message.startsWith('event: head')) continue;
						head = (JSON.parse(data) as { head: number }).head;
						onHead(head, performance.now());
					}
				});
				res.on('close', () => (ended = true));
				res.on('error', () => (ended = true));
			}
		);
		req.on('error', (error) => {
			ended = true;
			reject(error);
		});
		req.end();
	});
	return {
		opened,
		get head() {
			return head;
		},
		get ended() {
			return ended;
		},
		close() {
			ended = true;
			req?.destroy();
		}
	};
}
