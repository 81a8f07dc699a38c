import type { ClientInit, HandleClientError } from '@sveltejs/kit';
import { rewindApp } from '$lib/app/rewind-app';
import { siteDataAllowed } from '$lib/app/storage/storage-report';

/**
 * Runs before the first page's code has loaded: a list page starts its read model now (its
 * stored state read, the log after it folded), overlapping the app's start.
 */
export const init: ClientInit = () => {
	// A browser that blocks site data gets the page that says so (the root layout), no app.
	if (!siteDataAllowed()) return;
	registerServiceWorker();
	const app = rewindApp();
	const path = location.pathname;
	if (path === '/' || path === '/orders') app.orderList.preload();
	else if (path === '/accounts') app.accountList.preload();
};

/** The offline cache, once the page has loaded (as SvelteKit's own registration waits too). */
function registerServiceWorker(): void {
	if (!('serviceWorker' in navigator)) return;
	const register = () => {
		navigator.serviceWorker
			.register('/service-worker.js', { type: import.meta.env.DEV ? 'module' : 'classic' })
			.catch((error: unknown) => console.warn('The offline cache could not be installed', error));
	};
	if (document.readyState === 'complete') register();
	else addEventListener('load', register, { once: true });
}

/** A mistyped link is a page we show (+error.svelte), not a fault of the app: only faults are logged. */
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};
