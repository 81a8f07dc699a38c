import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StorageGuard } from './storage-guard';

/** A browser whose answers a test sets: lasting storage granted on asking, or not. */
function browser(grantOnAsk: boolean) {
	let persisted = false;
	const calls = { persist: 0 };
	const memory = new Map<string, string>();
	const listeners = new Set<() => void>();
	const guard = new StorageGuard({
		env: {
			siteDataAllowed: () => true,
			storage: {
				persisted: () => Promise.resolve(persisted),
				persist: () => {
					calls.persist++;
					persisted = grantOnAsk;
					return Promise.resolve(grantOnAsk);
				},
				estimate: () => Promise.resolve({ usage: 1_000, quota: 1_000_000_000 })
			}
		},
		memory: {
			getItem: (key) => memory.get(key) ?? null,
			setItem: (key, value) => void memory.set(key, value)
		},
		oldestPending: () => Promise.resolve('2026-03-01T10:00:00.000Z'),
		subscribe: (listener) => {
			listeners.add(listener);
			return () => listeners.delete(listener);
		}
	});
	const commit = () => listeners.forEach((listener) => listener());
	return { guard, calls, memory, commit, listeners };
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

describe('StorageGuard', () => {
	it('reads the state on start, and asks for lasting storage at the first change only', async () => {
		const { guard, calls, commit } = browser(true);
		const stop = guard.start();
		await vi.waitFor(() => expect(get(guard.report)?.persistence).toBe('best-effort'));
		expect(get(guard.oldestPending)).toBe('2026-03-01T10:00:00.000Z');
		expect(calls.persist).toBe(0);

		commit();
		await vi.waitFor(() => expect(get(guard.report)?.persistence).toBe('granted'));
		commit();
		commit();
		expect(calls.persist).toBe(1);
		stop();
	});

	it('asks once per browser profile, even when the browser said no', async () => {
		const first = browser(false);
		const stop = first.guard.start();
		await vi.waitFor(() => expect(get(first.guard.report)).toBeDefined());
		first.commit();
		await vi.waitFor(() => expect(first.calls.persist).toBe(1));
		expect(first.guard.asked).toBe(true);
		first.commit();
		expect(first.calls.persist).toBe(1);
		stop();
	});

	it('reads the room again after changes, at most once in ten seconds', async () => {
		const { guard, commit } = browser(false);
		guard.dismissFirstVisit();
		const refresh = vi.spyOn(guard, 'refresh');
		const stop = guard.start();
		await vi.waitFor(() => expect(get(guard.report)).toBeDefined());
		refresh.mockClear();
		commit();
		commit();
		vi.advanceTimersByTime(9_999);
		expect(refresh).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(refresh).toHaveBeenCalledTimes(1);
		stop();
	});

	it('remembers that the first-visit warning was seen', () => {
		const { guard } = browser(false);
		expect(guard.firstVisitSeen).toBe(false);
		guard.dismissFirstVisit();
		expect(guard.firstVisitSeen).toBe(true);
	});

	it('stops listening when stopped', () => {
		const { guard, listeners } = browser(false);
		const stop = guard.start();
		expect(listeners.size).toBe(1);
		stop();
		expect(listeners.size).toBe(0);
	});
});
