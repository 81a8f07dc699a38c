import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../errors';
import { ScryptSlots } from './scrypt-slots';

function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

describe('ScryptSlots', () => {
	it('runs at most `running` at once, queues `waiting` more in order, and refuses the rest', async () => {
		const slots = new ScryptSlots(2, 2);
		const gates = [gate(), gate(), gate(), gate()];
		const started: number[] = [];
		const runs = gates.map((g, i) =>
			slots.run(async () => {
				started.push(i);
				await g.opened;
				return i;
			})
		);
		await Promise.resolve();
		expect(started).toEqual([0, 1]);
		await expect(slots.run(() => Promise.resolve('late'))).rejects.toBeInstanceOf(UnavailableError);

		gates[1]!.open();
		await runs[1];
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(started).toEqual([0, 1, 2]);
		for (const g of gates) g.open();
		expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
		expect(await slots.run(() => Promise.resolve('again'))).toBe('again');
	});
});
