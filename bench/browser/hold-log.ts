import type { ReadEvent } from '../../src/lib/events';
import { EventStore } from '../../src/lib/eventstore';
import { registry } from './registry';

/** Kept referenced so the heap measured after the read still holds every event. */
const held: ReadEvent[][] = [];

/** Case 6: the whole log read in canonical order and held in memory. */
export async function holdLog(name: string): Promise<number> {
	const store = new EventStore({ name, registry });
	const events = await store.readAll();
	held.push(events);
	store.close();
	return events.length;
}
