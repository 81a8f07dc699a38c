/** Where the browser says that trying the server again is worth it. */
export interface ReconnectSignalSources {
	/** Fires `online` and `focus`: `window` in a browser. */
	window?: EventTarget;
	/** Fires `visibilitychange`: `document` in a browser. */
	document?: EventTarget & { visibilityState?: DocumentVisibilityState };
}

/**
 * Calls `poke` when the network comes back, when the window gains focus and when the page
 * becomes visible: each is a moment the person looks, or the server may be reachable again,
 * so waiting out a backoff would only keep a stale status on screen. Returns `stop`.
 */
export function watchReconnectSignals(
	poke: () => void,
	sources: ReconnectSignalSources = browserSources()
): () => void {
	const { window: win, document: doc } = sources;
	const onVisible = () => {
		if (doc?.visibilityState === 'visible') poke();
	};
	win?.addEventListener('online', poke);
	win?.addEventListener('focus', poke);
	doc?.addEventListener('visibilitychange', onVisible);
	return () => {
		win?.removeEventListener('online', poke);
		win?.removeEventListener('focus', poke);
		doc?.removeEventListener('visibilitychange', onVisible);
	};
}

function browserSources(): ReconnectSignalSources {
	return typeof window === 'undefined' ? {} : { window, document };
}
