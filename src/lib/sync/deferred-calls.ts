import { loadSyncCode } from './sync-errors';

type Call = (...args: unknown[]) => Promise<unknown>;

/**
 * An object whose code loads with its first call: `load` makes the real one, once. Signed out,
 * a first visit calls the server never, so it never carries the calls. Every method must
 * return a promise, as the real one's do. A load that fails (offline, not yet cached) is a
 * `SyncCodeLoadError`, tried again with the next call.
 */
export function deferCalls<T extends object>(load: () => Promise<T>): T {
	let loading: Promise<T> | undefined;
	const loaded = () =>
		(loading ??= loadSyncCode(load).catch((error: unknown) => {
			loading = undefined;
			throw error;
		}));
	return new Proxy({} as T, {
		// Only methods are asked for; `then` is not one, so the proxy is never taken for a promise.
		get: (_, name) =>
			name === 'then'
				? undefined
				: (...args: unknown[]) =>
						loaded().then((real) => (real[name as keyof T] as Call).apply(real, args))
	});
}
