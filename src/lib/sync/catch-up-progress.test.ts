import { describe, expect, it } from 'vitest';
import { CatchUpCounter } from './catch-up-progress';

describe('CatchUpCounter', () => {
	it('counts a workspace that has the server to itself exactly', () => {
		const counter = new CatchUpCounter();
		expect(counter.page(1000, 1000, 2500)).toEqual({ done: 1000, total: 2500 });
		expect(counter.page(1000, 2000, 2500)).toEqual({ done: 2000, total: 2500 });
		expect(counter.page(500, 2500, 2500)).toEqual({ done: 2500, total: 2500 });
	});

	it('brings the total down to the truth when other workspaces share the positions', () => {
		const counter = new CatchUpCounter();
		// 1,500 events of this workspace between positions 1 and 3,000.
		expect(counter.page(1000, 2000, 3000)).toEqual({ done: 1000, total: 2000 });
		expect(counter.page(500, 3000, 3000)).toEqual({ done: 1500, total: 1500 });
	});

	it('grows the total when others append while it pulls', () => {
		const counter = new CatchUpCounter();
		expect(counter.page(1000, 1000, 1500)).toEqual({ done: 1000, total: 1500 });
		expect(counter.page(500, 1500, 1700)).toEqual({ done: 1500, total: 1700 });
	});
});
