import { sameJson } from '$lib/events';

/** One place where two JSON values differ: its path, and the value on each side (absent: none). */
export interface JsonDifference {
	path: string;
	left?: unknown;
	right?: unknown;
}

/**
 * Where two JSON values differ, deepest first-found, at most `limit`: a stored row beside a
 * rebuilt one reads as "row.order.customerName", not as two screens of JSON to compare by eye.
 */
export function jsonDifferences(left: unknown, right: unknown, limit = 20): JsonDifference[] {
	const found: JsonDifference[] = [];
	walk(left, right, '', found, limit);
	return found;
}

function walk(
	left: unknown,
	right: unknown,
	path: string,
	found: JsonDifference[],
	limit: number
): void {
	if (found.length >= limit || sameJson(left, right)) return;
	if (isContainer(left) && isContainer(right) && Array.isArray(left) === Array.isArray(right)) {
		const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
		for (const key of keys) {
			const step = Array.isArray(left) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
			walk(valueAt(left, key), valueAt(right, key), step, found, limit);
		}
		return;
	}
	found.push({
		path: path || '(the whole value)',
		...(left !== undefined && { left }),
		...(right !== undefined && { right })
	});
}

function isContainer(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

function valueAt(container: Record<string, unknown>, key: string): unknown {
	return Object.hasOwn(container, key) ? container[key] : undefined;
}
