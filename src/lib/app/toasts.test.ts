import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dismissToast, holdToast, releaseToast, showToast, toasts } from './toasts';

const messages = () => get(toasts).map((toast) => toast.message);

describe('toasts', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => {
		for (const { id } of get(toasts)) dismissToast(id);
		vi.useRealTimers();
	});

	it('shows one at a time: a newer message takes the place of the one before', () => {
		showToast({ tone: 'success', message: 'Undone: Add 3 × Beaker' });
		showToast({ tone: 'success', message: 'Undone: Add 3 × Flask' });
		expect(messages()).toEqual(['Undone: Add 3 × Flask']);
	});

	it('goes away by itself, later when it has an action to reach for', () => {
		showToast({ tone: 'info', message: 'Nothing to undo.' });
		vi.advanceTimersByTime(5_999);
		expect(messages()).toEqual(['Nothing to undo.']);
		vi.advanceTimersByTime(1);
		expect(messages()).toEqual([]);

		showToast({ tone: 'success', message: 'Undone', action: { label: 'Redo', run: () => {} } });
		vi.advanceTimersByTime(8_999);
		expect(messages()).toEqual(['Undone']);
		vi.advanceTimersByTime(1);
		expect(messages()).toEqual([]);
	});

	it('stays while held, and counts on from where it was once let go', () => {
		const id = showToast({ tone: 'info', message: 'Saved.' });
		vi.advanceTimersByTime(4_000);
		holdToast(id);
		vi.advanceTimersByTime(60_000);
		expect(messages()).toEqual(['Saved.']);
		releaseToast(id);
		vi.advanceTimersByTime(1_999);
		expect(messages()).toEqual(['Saved.']);
		vi.advanceTimersByTime(1);
		expect(messages()).toEqual([]);
	});

	it('gives a toast let go at its last moment a second more', () => {
		const id = showToast({ tone: 'info', message: 'Saved.' });
		vi.advanceTimersByTime(5_900);
		holdToast(id);
		releaseToast(id);
		vi.advanceTimersByTime(999);
		expect(messages()).toEqual(['Saved.']);
		vi.advanceTimersByTime(1);
		expect(messages()).toEqual([]);
	});

	it('does not let a replaced toast take its successor away', () => {
		showToast({ tone: 'info', message: 'First' });
		vi.advanceTimersByTime(3_000);
		showToast({ tone: 'info', message: 'Second' });
		vi.advanceTimersByTime(3_000);
		expect(messages()).toEqual(['Second']);
	});
});
