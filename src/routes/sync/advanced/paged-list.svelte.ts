/**
 * A list read a page at a time, each page after the last item shown: however long the list
 * (a hundred thousand streams), only what is shown is read.
 */
export class PagedList<Item> {
	items = $state<Item[]>([]);
	loaded = $state(false);
	/** The last read came back short: nothing comes after the items. */
	done = $state(false);
	/** Reads started: a read that ends after a newer one began is dropped. */
	#reads = 0;

	constructor(
		private readonly read: (after: Item | undefined, limit: number) => Promise<Item[]>,
		private readonly pageSize: number
	) {}

	/** Reads again from the start, as many as are shown (a page at least): after a change. */
	async reload(): Promise<void> {
		const read = ++this.#reads;
		const limit = Math.max(this.pageSize, this.items.length);
		const items = await this.read(undefined, limit);
		if (read !== this.#reads) return;
		this.items = items;
		this.done = items.length < limit;
		this.loaded = true;
	}

	/** Starts over with one page: the filter changed. */
	reset(): Promise<void> {
		this.items = [];
		this.loaded = false;
		return this.reload();
	}

	/** Reads the page after the last item shown. */
	async more(): Promise<void> {
		const read = ++this.#reads;
		const next = await this.read(this.items.at(-1), this.pageSize);
		if (read !== this.#reads) return;
		this.items = [...this.items, ...next];
		this.done = next.length < this.pageSize;
	}
}
