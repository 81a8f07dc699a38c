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

/** The messages shown at the bottom of the screen; each goes away by itself. */
export const toasts = writable<Toast[]>([]);

export function showToast(toast: Omit<Toast, 'id'>): number {
	const id = nextId++;
	toasts.update((all) => [...all.slice(-2), { ...toast, id }]);
	setTimeout(() => dismissToast(id), toast.action ? DURATION_MS * 1.5 : DURATION_MS);
	return id;
}

export function dismissToast(id: number): void {
	toasts.update((all) => all.filter((toast) => toast.id !== id));
}
