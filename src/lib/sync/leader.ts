/**
 * Runs `lead` in one tab at a time: the Web Locks API queues the others, and hands the lock to
 * the next tab when the leader closes. Where there are no locks (Node, old browsers) this
 * instance simply leads. Returns a function that gives the lead up.
 */
export function electLeader(name: string, lead: () => () => void): () => void {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	if (!locks) {
		const stop = lead();
		return stop;
	}
	let release: (() => void) | undefined;
	let stopped = false;
	void locks.request(name, () => {
		if (stopped) return Promise.resolve();
		const stop = lead();
		return new Promise<void>((resolve) => {
			release = () => {
				stop();
				resolve();
			};
		});
	});
	return () => {
		stopped = true;
		release?.();
	};
}
