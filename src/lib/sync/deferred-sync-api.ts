import type { Fetch, SyncApi } from './sync-api';
import { SyncNetworkError } from './sync-errors';

type Call = (...args: unknown[]) => Promise<unknown>;

/**
 * A `SyncApi` whose code loads with its first call: signed out, a first visit calls the server
 * never, so it never carries the calls. Every method is `SyncApi`'s own, once it has loaded;
 * a load that fails (offline, not yet cached) is a `SyncNetworkError`, tried again next call.
 */
export function deferSyncApi(fetch: Fetch, baseUrl: string): SyncApi {
	let loading: Promise<SyncApi> | undefined;
	const load = () =>
		(loading ??= import('./sync-api').then(
			({ SyncApi }) => new SyncApi(fetch, baseUrl),
			(error: unknown) => {
				loading = undefined;
				throw new SyncNetworkError('The sync code could not be loaded.', { cause: error });
			}
		));
	return new Proxy({} as SyncApi, {
		// Only methods are asked for; `then` is not one, so the proxy is never taken for a promise.
		get: (_, name) =>
			name === 'then'
				? undefined
				: (...args: unknown[]) =>
						load().then((api) => (api[name as keyof SyncApi] as Call).apply(api, args))
	});
}
