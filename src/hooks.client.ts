import type { ClientInit, HandleClientError } from '@sveltejs/kit';
import { rewindApp } from '$lib/app/rewind-app';

/**
 * Runs before the first page's code has loaded: a list page starts its read model now (its
 * stored state read, the log after it folded), overlapping the app's start.
 */
export const init: ClientInit = () => {
	const app = rewindApp();
	const path = location.pathname;
	if (path === '/' || path === '/orders') app.orderList.preload();
	else if (path === '/accounts') app.accountList.preload();
};

/** A mistyped link is a page we show (+error.svelte), not a fault of the app: only faults are logged. */
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};
