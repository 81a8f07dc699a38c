/** Errors by kind, e.g. `push 429` or `pull no answer`: counted, never thrown mid-run. */
export class ErrorTally {
	readonly #counts = new Map<string, number>();

	add(kind: string): void {
		this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + 1);
	}

	get total(): number {
		let sum = 0;
		for (const count of this.#counts.values()) sum += count;
		return sum;
	}

	/** `{kind: count}`, most frequent first. */
	toJSON(): Record<string, number> {
		return Object.fromEntries([...this.#counts].sort((a, b) => b[1] - a[1]));
	}
}
