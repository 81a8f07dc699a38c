import { writable } from 'svelte/store';

export interface ToastAction {
	label: string;
	run: () => void | Promise<void>;
}

export interface Toast {
	id: number;
	message: string;
	tone: 'info' | 'success' | 'error';
	action?: ToastAction;
}

const DURATION_MS = 6_000;
let nextId = 1;

/**
 * The message shown at the bottom of the screen, one at a time: a newer one takes its place.
 * Stacked, three of them covered half a phone and a laptop's "Submit order", and an older
 * toast's Undo or Redo only says that a later change lies on top (`ChangeNotLatestError`).
 */
export const toasts = writable<Toast[]>([]);

/** When each shown toast goes away by itself, and how long it has left while held. */
const timers = new Map<
	number,
	{ timeout?: ReturnType<typeof setTimeout>; remaining: number; since: number }
>();

export function showToast(toast: Omit<Toast, 'id'>): number {
	const id = nextId++;
	toasts.update((all) => {
		for (const { id: replaced } of all) forget(replaced);
		return [{ ...toast, id }];
	});
	timers.set(id, { remaining: toast.action ? DURATION_MS * 1.5 : DURATION_MS, since: 0 });
	releaseToast(id);
	return id;
}

export function dismissToast(id: number): void {
	forget(id);
	toasts.update((all) => all.filter((toast) => toast.id !== id));
}

/**
 * Keeps a toast while the pointer or the keyboard's focus is on it: its action must not vanish
 * from under a hand reaching for it (WCAG 2.2.1, timing adjustable).
 */
export function holdToast(id: number): void {
	const timer = timers.get(id);
	if (!timer?.timeout) return;
	clearTimeout(timer.timeout);
	timer.timeout = undefined;
	timer.remaining = Math.max(timer.remaining - (Date.now() - timer.since), 0);
}

/** Lets a held toast go on counting down, from where it was held, with a second at least. */
export function releaseToast(id: number): void {
	const timer = timers.get(id);
	if (!timer || timer.timeout) return;
	timer.since = Date.now();
	timer.remaining = Math.max(timer.remaining, 1_000);
	timer.timeout = setTimeout(() => dismissToast(id), timer.remaining);
}

function forget(id: number): void {
	clearTimeout(timers.get(id)?.timeout);
	timers.delete(id);
}
