import { cursorAfter, LOG_START, type EventStore } from '../../eventstore';

const PAGE = 2_000;

/**
 * The whole log as NDJSON parts, one event a line in canonical order (synced by position,
 * then pending), each in its latest shape with its metadata, sync state and position. Read
 * page by page, one part a page.
 */
export async function activityLogParts(
	store: EventStore
): Promise<{ parts: string[]; count: number }> {
	const parts: string[] = [];
	let count = 0;
	for (let after = LOG_START; ;) {
		const page = await store.readAll({ after, limit: PAGE });
		if (page.length > 0) parts.push(page.map((event) => `${JSON.stringify(event)}\n`).join(''));
		count += page.length;
		if (page.length < PAGE) return { parts, count };
		after = cursorAfter(page, after);
	}
}
