/** How long a just-created database is left alone before a timed write. */
const SETTLE_MS = 100;

/**
 * Waits until a database created for one run has settled. Creating a database writes its
 * schema, and Chromium's storage goes on working on it for tens of milliseconds: a write timed
 * at once paid for that, the more the bigger the schema. Measured with raw IndexedDB adds of
 * 1,000 events into Rewind's just-created database (nine stores): 78 ms at once, 64 ms after
 * 50 ms, the same after 150, 300 and 1,000 ms. Every contestant waits the same.
 */
export function settle(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}
