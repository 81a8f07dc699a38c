import type { ValidationIssue } from '../../errors';

/** jsonb refuses deeper nesting with a server error; nothing in an event needs a fraction of it. */
export const MAX_JSON_DEPTH = 64;

// UTF-16 surrogates without their partner, and U+0000: JSON.parse accepts them, PostgreSQL stores neither.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes('\0') || LONE_SURROGATE.test(text);

/**
 * The first value in parsed JSON that PostgreSQL would refuse with an error, as an issue to
 * answer 400 with, or undefined. Checked up front so that such input is a client's mistake
 * (4xx), never a database error (5xx). Every push body is walked, so the walk that finds
 * nothing (nearly always) keeps no paths; only a body with a problem is walked again for its path.
 */
export function findUnstorableValue(value: unknown): ValidationIssue | undefined {
	return anyUnstorable(value) ? locateUnstorable(value) : undefined;
}

/** Without recursion (the input chooses the depth) and without a path per value. */
function anyUnstorable(root: unknown): boolean {
	const values: unknown[] = [root];
	const depths: number[] = [0];
	while (values.length > 0) {
		const current = values.pop();
		const depth = depths.pop()!;
		if (typeof current === 'string') {
			if (unstorable(current)) return true;
		} else if (typeof current === 'object' && current !== null) {
			if (depth >= MAX_JSON_DEPTH) return true;
			if (Array.isArray(current)) {
				for (const item of current) {
					values.push(item);
					depths.push(depth + 1);
				}
			} else {
				for (const key of Object.keys(current)) {
					if (unstorable(key)) return true;
					values.push((current as Record<string, unknown>)[key]);
					depths.push(depth + 1);
				}
			}
		}
	}
	return false;
}

function locateUnstorable(value: unknown): ValidationIssue | undefined {
	const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
	while (stack.length > 0) {
		const { value: current, path } = stack.pop()!;
		if (typeof current === 'string') {
			if (unstorable(current))
				return { path, message: 'a string holds U+0000 or a lone surrogate' };
		} else if (typeof current === 'object' && current !== null) {
			if (path.length >= MAX_JSON_DEPTH) {
				return { path, message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
			}
			if (Array.isArray(current)) {
				current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
			} else {
				for (const [key, item] of Object.entries(current)) {
					if (unstorable(key)) return { path, message: 'a key holds U+0000 or a lone surrogate' };
					stack.push({ value: item, path: [...path, key] });
				}
			}
		}
	}
	return undefined;
}
