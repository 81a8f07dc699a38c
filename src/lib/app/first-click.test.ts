import { describe, expect, it, vi } from 'vitest';
import { firstClickOnly } from './first-click';

const click = (detail: number) => ({ detail }) as MouseEvent;

describe('firstClickOnly', () => {
	it('runs a single click and a keyboard press, never the second click of a double-click', () => {
		const handler = vi.fn();
		const onclick = firstClickOnly(handler);
		onclick(click(1));
		onclick(click(2));
		onclick(click(3));
		onclick(click(0));
		expect(handler.mock.calls.map(([event]) => (event as MouseEvent).detail)).toEqual([1, 0]);
	});
});
