/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `rewind-${version}`;
// With server rendering off every page is the same shell; the client router draws the route.
const SHELL = '/orders';
const ASSETS = [...build, ...files, SHELL];
// How long a navigation waits for the network before the cached shell answers instead.
const NETWORK_TIMEOUT_MS = 2_500;

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(ASSETS))
			.then(() => worker.skipWaiting())
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)))
			)
			.then(() => worker.clients.claim())
	);
});

worker.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
	if (url.pathname.startsWith('/api/')) return;

	if (request.mode === 'navigate') {
		event.respondWith(navigate(request));
		return;
	}
	if (ASSETS.includes(url.pathname)) {
		event.respondWith(cached(request));
	}
});

/** A page load: the network when it answers soon, otherwise the cached shell. */
async function navigate(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	try {
		const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
		if (response.ok) return response;
	} catch {
		// Offline or too slow: the shell below keeps the app usable.
	}
	return (await cache.match(SHELL)) ?? Response.error();
}

/** Built files never change under the same name, so the cache answers first. */
async function cached(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	return (await cache.match(request)) ?? fetch(request);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('timeout')), ms);
		promise.then(
			(value) => (clearTimeout(timer), resolve(value)),
			(error: unknown) => (
				clearTimeout(timer),
				reject(error instanceof Error ? error : new Error(String(error)))
			)
		);
	});
}
