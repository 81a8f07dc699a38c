import { call, rewoundEvent } from './wire';

export interface PushOutcome {
	/** eventIds the server acknowledged with a 200. */
	acknowledged: Set<string>;
	/** 503 answers (each batch is sent again until it is acknowledged). */
	unavailable: number;
	unavailableWithoutRetryAfter: number;
	/** Anything else: another status, or no answer at all. */
	unexpected: string[];
}

export interface Pushers extends PushOutcome {
	/** Lets each pusher finish its batch (sent again until acknowledged), then resolves. */
	stop(): Promise<PushOutcome>;
}

/**
 * `count` clients pushing batches of 5 events to their own stream as fast as answers come.
 * A batch refused with 503 is sent again as it was, as a device would: the push is idempotent
 * by eventId, so a batch stored before its answer was lost is acknowledged again, not doubled.
 */
export function startPushers(baseUrl: string, token: string, count: number): Pushers {
	const outcome: PushOutcome = {
		acknowledged: new Set(),
		unavailable: 0,
		unavailableWithoutRetryAfter: 0,
		unexpected: []
	};
	let running = true;
	const pusher = async (index: number) => {
		const streamId = `order-load-${index}-${crypto.randomUUID()}`;
		let version = 1;
		while (running) {
			const events = Array.from({ length: 5 }, (_, i) => rewoundEvent(streamId, version + i));
			for (;;) {
				let status: number;
				try {
					const response = await call(baseUrl, 'POST', '/api/sync/push', token, {
						deviceId: `device-${index}`,
						events
					});
					status = response.status;
					if (status === 200) {
						for (const event of response.body.accepted!) outcome.acknowledged.add(event.eventId);
						break;
					}
					if (status === 503) {
						outcome.unavailable++;
						if (!response.headers.get('retry-after')) outcome.unavailableWithoutRetryAfter++;
					} else {
						outcome.unexpected.push(`${status} ${JSON.stringify(response.body)}`);
					}
				} catch (error) {
					outcome.unexpected.push(`no answer: ${(error as Error).message}`);
				}
				if (outcome.unexpected.length > 20) return;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
			version += events.length;
		}
	};
	const done = Promise.all(Array.from({ length: count }, (_, index) => pusher(index)));
	return Object.assign(outcome, {
		async stop() {
			running = false;
			await done;
			return outcome;
		}
	});
}

/** Every eventId of the caller's workspace, in log order, page by page. */
export async function pullAll(baseUrl: string, token: string): Promise<string[]> {
	const ids: string[] = [];
	let after = 0;
	for (;;) {
		const page = await call(baseUrl, 'GET', `/api/sync/pull?after=${after}&limit=1000`, token);
		if (page.status !== 200) throw new Error(`pull: ${page.status}`);
		const events = page.body.events!;
		ids.push(...events.map((event) => event.eventId));
		if (!page.body.hasMore) return ids;
		after = events.at(-1)!.position;
	}
}

const decoder = new TextDecoder();
const received = new WeakMap<ReadableStreamDefaultReader<Uint8Array>, string>();

/** Reads a live stream until what it sent so far matches `pattern`. */
export async function readLiveUntil(
	reader: ReadableStreamDefaultReader<Uint8Array>,
	pattern: RegExp
): Promise<void> {
	let text = received.get(reader) ?? '';
	while (!pattern.test(text)) {
		const { done, value } = await reader.read();
		if (done) throw new Error(`live ended after: ${text}`);
		text += decoder.decode(value, { stream: true });
		received.set(reader, text);
	}
}
