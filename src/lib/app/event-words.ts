import { describeStream } from '$lib/domain';
import type { ReadEvent } from '$lib/events';

type ReadStream = (streamId: string, options: { toVersion: number }) => Promise<ReadEvent[]>;

/**
 * Words for events from many records (the activity feed, the changes waiting to sync), each
 * described by its record as it was then.
 * A stream is read (up to the newest version shown) only when one of its events has no words
 * yet: words of earlier events never change when later ones are written.
 */
export class EventWords {
	#words = new Map<string, string>();
	readonly #readStream: ReadStream;
	readonly #locale: string | undefined;

	constructor(readStream: ReadStream, locale?: string) {
		this.#readStream = readStream;
		this.#locale = locale;
	}

	/** Describes every event of `events` it does not know yet; resolves with all words known. */
	async describe(events: readonly ReadEvent[]): Promise<ReadonlyMap<string, string>> {
		const newest = new Map<string, number>();
		for (const event of events) {
			if (this.#words.has(event.eventId)) continue;
			newest.set(event.streamId, Math.max(newest.get(event.streamId) ?? 0, event.version));
		}
		const streams = await Promise.all(
			[...newest].map(([streamId, toVersion]) => this.#readStream(streamId, { toVersion }))
		);
		const words = new Map(this.#words);
		for (const stream of streams) {
			for (const [eventId, text] of describeStream(stream, { locale: this.#locale })) {
				words.set(eventId, text);
			}
		}
		this.#words = words;
		return words;
	}
}
