// Where there are no Web Locks (Node, old browsers), one queue per name in this process.
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `work` while no push of this log is under way, in any tab, and keeps pushes out until
 * it is done. A discard of pending events takes it: events that may be on their way to the
 * server must not be discarded, or the server would keep what the user let go and the next
 * pull would bring it back. Uses the Web Locks API across tabs; where it is missing, a queue
 * in this process.
 */
export function withPushLock<T>(name: string, work: () => Promise<T>): Promise<T> {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	if (locks) return locks.request(name, work);
	const run = (queues.get(name) ?? Promise.resolve()).then(work, work);
	const settled = run.then(
		() => undefined,
		() => undefined
	);
	queues.set(name, settled);
	void settled.then(() => {
		if (queues.get(name) === settled) queues.delete(name);
	});
	return run;
}
