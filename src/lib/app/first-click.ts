/**
 * A one-shot button's click handler that ignores the second click of a double-click. That click
 * is not a second intention: the first one changed the page (a line removed, the page scrolled
 * back, a confirm button shown where the first one was), so it lands on whatever is under the
 * pointer now, often another button. Keyboard presses (`detail` 0) and single clicks go through.
 */
export function firstClickOnly<E extends MouseEvent>(
	/** What the click does; a promise it returns must handle its own failure. */
	handler: (event: E) => unknown
): (event: E) => void {
	return (event) => {
		if (event.detail <= 1) void handler(event);
	};
}
