/**
 * The commandIds of a record page's one-shot buttons (Submit, Remove, Close…). A button keeps
 * its id for as long as the page offers its action, so every press of it (a double-click, a tap
 * repeated while the page catches up, a retry after a refusal) is one intended action and
 * happens once. Once the page stops offering the action (the line is gone, the order submitted),
 * the id is forgotten: if the action is offered again (an undo brings the line back), pressing
 * it is a new intention with a new id.
 */
export class ArmedIds {
	readonly #ids = new Map<string, string>();

	/** The id of the button that does `action` (e.g. `remove:<lineId>`). */
	for(action: string): string {
		let id = this.#ids.get(action);
		if (!id) {
			id = crypto.randomUUID();
			this.#ids.set(action, id);
		}
		return id;
	}

	/** The actions the page offers now; the ids of all others are forgotten. */
	offer(actions: Iterable<string>): void {
		const offered = new Set(actions);
		for (const action of [...this.#ids.keys()]) {
			if (!offered.has(action)) this.#ids.delete(action);
		}
	}
}
