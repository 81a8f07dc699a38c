/**
 * The commandIds of a record page's one-shot buttons (Submit, Remove, Close…) for one version of
 * the record on screen: each button is armed with its id when that version is shown, so every
 * click on it (a double-click, a tap that repeats while the page catches up) is one intended
 * action and happens once. A new version on screen is a new view with new intentions: make a new
 * `ArmedIds` for it (`$derived(new ArmedIds(events.length))`).
 */
export class ArmedIds {
	readonly #ids = new Map<string, string>();

	constructor(
		/** The version of the record the buttons were shown for. */
		readonly version: number
	) {}

	/** The id of the button that does `action` (e.g. `remove:<lineId>`) on this version. */
	for(action: string): string {
		let id = this.#ids.get(action);
		if (!id) {
			id = crypto.randomUUID();
			this.#ids.set(action, id);
		}
		return id;
	}
}
