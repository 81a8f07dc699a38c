import { afterEach, describe, expect, it, vi } from 'vitest';
import { AggregateRepository } from '../aggregates';
import { EventStore } from '../eventstore';
import { counterAggregate, counterList, testRegistry, type CounterState } from '../testing';
import { Switchboard, type HeldChannel } from './held-announcements';
import { ProjectionRunner } from './projection-runner';

// A tab folds its own appends as handed over, with no read, only when they directly follow what
// it has folded. This pins the case where they do not: another tab committed first, and that
// tab's announcement arrives after this tab's own later append.

const user = { userId: 'ada', deviceId: 'laptop' };
const counter = counterAggregate();
const closing: (() => Promise<void>)[] = [];

afterEach(async () => {
	for (const close of closing.splice(0)) await close();
	vi.unstubAllGlobals();
});

async function openTab(name: string, board: Switchboard) {
	const store = new EventStore({ name, registry: testRegistry });
	const ears: HeldChannel = board.takeLastOpened();
	let published: Record<string, CounterState> = {};
	const runner = new ProjectionRunner(store, counterList, (rows) => {
		published = Object.fromEntries(rows);
	});
	closing.push(async () => {
		await runner.stop();
		store.close();
	});
	await runner.start();
	return {
		ears,
		runner,
		counters: new AggregateRepository(store, counter),
		rows: () => published
	};
}

describe('ProjectionRunner in two tabs of one database', () => {
	it('keeps another tab’s record when that tab’s commit is announced after this tab’s own later append', async () => {
		const board = new Switchboard();
		vi.stubGlobal('BroadcastChannel', board.channelClass());
		const name = `rewind-test-${crypto.randomUUID()}`;
		const here = await openTab(name, board);
		const there = await openTab(name, board);

		// The other tab commits first (seq 1); its announcement is held.
		await there.counters.execute('counter-there', { type: 'Increment', by: 2 }, user);
		// This tab appends after it (seq 2) and hears of its own append at once.
		await here.counters.execute('counter-here', { type: 'Increment', by: 5 }, user);
		await here.runner.settled();
		expect(Object.keys(here.rows()).sort()).toEqual(['counter-here', 'counter-there']);

		// The other tab's announcement arrives late: the record it wrote stays in this tab's list.
		const late = board.held.findIndex((message) => message.to === here.ears);
		expect(late).toBeGreaterThanOrEqual(0);
		board.deliver(late);
		await here.runner.settled();
		expect(here.rows()).toEqual({
			'counter-there': { value: 2, increments: 1 },
			'counter-here': { value: 5, increments: 1 }
		});
	});
});
