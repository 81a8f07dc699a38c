import { goto } from '$app/navigation';
import { page } from '$app/state';

// The address a change is on its way to: a second change made before the first has landed
// (a filter chip clicked while a search is typed) builds on it rather than on the old address.
let pending: URL | undefined;

/**
 * A list's search or filter kept in the page's address (`?q=tea`), so Back, reload and a shared
 * link show the same list. A change replaces the address instead of adding to the history, and
 * keeps focus and scroll where they are.
 */
export class UrlParam {
	readonly name: string;
	// What was set and is not in the address yet: typing never waits for the navigation.
	#unsaved = $state<string | undefined>();

	constructor(name: string) {
		this.name = name;
	}

	get value(): string {
		return this.#unsaved ?? page.url.searchParams.get(this.name) ?? '';
	}

	set value(next: string) {
		this.#unsaved = next;
		const base = pending && pending.pathname === page.url.pathname ? pending : page.url;
		// Built once and handed to goto; the page's own URL is what components read.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const url = new URL(base);
		if (next) url.searchParams.set(this.name, next);
		else url.searchParams.delete(this.name);
		pending = url;
		const landed = () => {
			if (pending === url) pending = undefined;
			if (this.#unsaved === next) this.#unsaved = undefined;
		};
		// A navigation cut short by a newer one is not a failure: the newer one carries this change.
		goto(url, { replaceState: true, keepFocus: true, noScroll: true }).then(landed, landed);
	}
}
