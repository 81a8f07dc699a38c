import type { RouteParams } from '../server-context';

export interface RouteMatch<Methods> {
	/** The route's pattern, as a key of the table. */
	route: string;
	methods: Methods;
	params: RouteParams;
}

/**
 * What a `:name` segment may hold once decoded: ids are made by the server (UUIDs), so anything
 * else (U+0000, a slash, a megabyte) names nothing and never reaches the database.
 */
const PARAM = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * The route of `path` in a table whose keys are paths with `:name` segments: an exact key
 * first, then the first pattern whose segments all match (a `:name` takes one segment that,
 * decoded, is an id of `PARAM`'s characters). Undefined when none does.
 */
export function matchRoute<Methods>(
	routes: Readonly<Record<string, Methods>>,
	path: string
): RouteMatch<Methods> | undefined {
	const exact = routes[path];
	if (exact) return { route: path, methods: exact, params: {} };
	const segments = path.split('/');
	for (const [route, methods] of Object.entries(routes)) {
		if (!route.includes('/:')) continue;
		const pattern = route.split('/');
		if (pattern.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const matches = pattern.every((part, index) => {
			const segment = segments[index]!;
			if (!part.startsWith(':')) return part === segment;
			let value: string;
			try {
				value = decodeURIComponent(segment);
			} catch {
				return false;
			}
			if (!PARAM.test(value)) return false;
			params[part.slice(1)] = value;
			return true;
		});
		if (matches) return { route, methods, params };
	}
	return undefined;
}
