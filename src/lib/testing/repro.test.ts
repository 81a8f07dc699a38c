import { afterEach, describe, expect, it } from 'vitest';
import { AggregateRepository } from '../aggregates';
import { deciderSpec } from '../aggregates/decider-spec';
import { BackupRefusedError, IllegalStateError } from '../errors';
import { EventStore } from '../eventstore';
import { counterAggregate } from './counter';
import { testRegistry } from './registry';
import { loadRepro, type LoadedRepro } from './repro';

const open: EventStore[] = [];
afterEach(() => {
	for (const store of open.splice(0)) store.close();
});

const user = { userId: 'ada', deviceId: 'laptop' };
/** What the fixture domain's people type: an annotation's text. */
const redactText = (value: unknown) =>
	value && typeof value === 'object' && 'text' in value ? { ...value, text: 'redacted' } : value;

async function deviceLog() {
	const store = new EventStore({ name: `device-${crypto.randomUUID()}`, registry: testRegistry });
	open.push(store);
	const counters = new AggregateRepository(store, counterAggregate());
	await counters.execute('counter-1', { type: 'Increment', by: 999 }, user);
	await counters.execute('counter-1', { type: 'Annotate', text: 'Ada’s private note' }, user);
	await counters.execute('counter-2', { type: 'Increment', by: 5 }, user);
	return store;
}

describe('loadRepro', () => {
	it('loads a slice of a log, redacted, as the given of a decider spec', async () => {
		const device = await deviceLog();
		const { blob, header } = await device.backup.write({
			workspace: null,
			device: 'laptop',
			slice: (streamId) => streamId === 'counter-1',
			redact: redactText
		});
		expect(header).toMatchObject({
			slice: { streams: 1, redacted: true },
			pulledTo: 0,
			counts: { events: 2, pending: 2, commands: 2 }
		});
		expect(await blob.text()).not.toContain('private note');

		const repro: LoadedRepro = await loadRepro(await blob.text(), testRegistry);
		open.push(repro.store);
		expect(await repro.given('counter-1')).toEqual([
			{ type: 'Incremented', data: { by: 999 } },
			{ type: 'Annotated', data: { text: 'redacted' } }
		]);
		expect(await repro.store.readStream('counter-2')).toEqual([]);
		expect((await repro.store.commandsOf('counter-1')).map((c) => c.command)).toEqual([
			{ type: 'Increment', by: 999 },
			{ type: 'Annotate', text: 'redacted' }
		]);

		deciderSpec(counterAggregate())
			.given((await repro.given('counter-1')) as never)
			.when({ type: 'Increment', by: 2 })
			.thenThrows(IllegalStateError, /stops at 1000/);
	});

	it('is refused by a restore that is not told it is a slice: a person’s log never takes one', async () => {
		const device = await deviceLog();
		const { blob } = await device.backup.write({
			workspace: null,
			device: 'laptop',
			slice: () => true
		});
		const target = new EventStore({
			name: `target-${crypto.randomUUID()}`,
			registry: testRegistry
		});
		open.push(target);
		const refusal = await target.backup
			.restore(blob, { workspace: null, redecide: () => [] })
			.catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(BackupRefusedError);
		expect(refusal).toMatchObject({ reason: 'slice' });
		expect(await target.lastSeq()).toBe(0);
	});

	it('refuses a damaged bundle as a backup is refused', async () => {
		const device = await deviceLog();
		const { blob } = await device.backup.write({ workspace: null, device: 'l', slice: () => true });
		const damaged = (await blob.text()).replace('999', '998');
		await expect(loadRepro(damaged, testRegistry)).rejects.toMatchObject({ reason: 'damaged' });
	});
});
