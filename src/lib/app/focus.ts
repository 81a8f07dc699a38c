import { tick } from 'svelte';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';
const POLL_MS = 30;

let onArrival: string | undefined;

/**
 * Asks the next page to put focus on `selector` once it shows, instead of on its heading: after
 * creating a record, its first field.
 */
export function focusOnArrival(selector: string): void {
	onArrival = selector;
}

/** The selector the next page was asked to focus, once. */
export function takeFocusOnArrival(): string | undefined {
	const selector = onArrival;
	onArrival = undefined;
	return selector;
}

/**
 * Moves focus to the first element matching `selector` as soon as it is in the page (pages
 * fill in after their data is read), or to `fallback` if it never comes. Does nothing once the
 * person has put focus somewhere themselves. An element that takes no focus (a heading, a
 * status line) is given `tabindex="-1"`, so a screen reader reads it out. Called as a state
 * change removes the focused control, it looks once the page has been updated.
 */
export async function focusWhenShown(
	selector: string,
	{ fallback, timeout = 2000 }: { fallback?: string; timeout?: number } = {}
): Promise<HTMLElement | undefined> {
	await tick();
	const until = Date.now() + timeout;
	for (;;) {
		if (!focusIsFree()) return undefined;
		const target = document.querySelector<HTMLElement>(selector);
		if (target) return focusOn(target);
		if (Date.now() >= until) break;
		await new Promise((done) => setTimeout(done, POLL_MS));
	}
	const other = fallback ? document.querySelector<HTMLElement>(fallback) : null;
	return other ? focusOn(other) : undefined;
}

/** Nobody holds focus: it fell to the page when the focused control went away or the page changed. */
export function focusIsFree(): boolean {
	const active = document.activeElement;
	return !active || active === document.body || active === document.documentElement;
}

/** Focuses `element`, making it focusable first if it is not (a heading, `main`). */
export function focusOn(element: HTMLElement): HTMLElement {
	if (!element.matches(FOCUSABLE)) element.setAttribute('tabindex', '-1');
	element.focus();
	return element;
}
