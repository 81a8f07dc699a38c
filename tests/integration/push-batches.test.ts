import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/lib/events';
import { cursorAfter, type EventStore } from '../../src/lib/eventstore';
import { MAX_BODY_BYTES, MAX_PUSH_EVENTS } from '../../src/lib/protocol';
import type { SyncServer } from '../../src/lib/server/sync-server';
import { markAccepted, pendingBatch } from '../../src/lib/sync/push-batch';
import {
	device,
	duplicates,
	pendingEvents,
	serverLog,
	startTestServer,
	syncedLog,
	type Device
} from './sync-harness';
import { databaseOf, lastSeqOf, storedCommands } from '../../src/lib/eventstore/testing';

let server: SyncServer;
const open: Device[] = [];

// Starting PGlite can take more than the default 10 s on a loaded machine.
beforeEach(async () => {
	server = await startTestServer();
}, 60_000);

afterEach(async () => {
	for (const d of open.splice(0)) d.store.close();
	await server.close();
});

function deposits(count: number, commandId: string): EventInput[] {
	const metadata = {
		commandId,
		correlationId: commandId,
		userId: 'local-user',
		deviceId: 'device-ada',
		occurredAt: new Date().toISOString()
	};
	return Array.from({ length: count }, (_, i) => ({
		type: 'MoneyDeposited',
		data: { amountCents: 100 + i, at: metadata.occurredAt },
		metadata
	}));
}

/**
 * Appends `events` to a stream as one stored command, the way a command's events are written;
 * with `causeCommandId`, as a reaction's command caused by that command.
 */
async function appendCommand(
	store: EventStore,
	streamId: string,
	events: EventInput[],
	causeCommandId?: string
) {
	const commandId = events[0]!.metadata.commandId;
	const version = await store.streamVersion(streamId);
	await store.append(streamId, events, {
		expectedVersion: version,
		command: {
			...(causeCommandId ? { reaction: { name: 'carry', causeCommandId } } : {}),
			commandId,
			command: { type: 'Deposit', amountCents: 100 },
			correlationId: commandId,
			userId: 'local-user',
			deviceId: 'device-ada',
			issuedAt: new Date().toISOString(),
			decidedAtVersion: version
		}
	});
	return commandId;
}

async function opened(d: Device, streamId: string) {
	await d.accounts.execute(
		streamId,
		{ type: 'OpenAccount', holderName: 'Kim', currency: 'EUR' },
		d.as()
	);
}

describe('pushing a log larger than one batch', () => {
	it('goes in batches, in order, each event once, and drops every command once its events are on the server', async () => {
		const pushes: number[] = [];
		const ada = device('ada', async (request) => {
			if (!request.url.endsWith('/api/sync/push')) return server.handle(request);
			pushes.push(((await request.clone().json()) as { events: unknown[] }).events.length);
			const response = await server.handle(request);
			// A network's latency: the device reads its next batch while this one is on the wire.
			await new Promise((resolve) => setTimeout(resolve, 50));
			return response;
		});
		open.push(ada);
		await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		await opened(ada, 'account-1');
		await opened(ada, 'account-2');
		// 1,200 deposits on two records, in commands of 1 to 9 events, so batches end mid-command.
		for (let i = 0; i < 240; i++) {
			await appendCommand(ada.store, `account-${(i % 2) + 1}`, deposits((i % 9) + 1, `c-${i}`));
		}
		const local = (await pendingEvents(ada.store)).map((event) => event.eventId);

		expect(await ada.sync.syncNow()).toBe('synced');

		// Each event went once: the next batch is read after the one on the wire, not again.
		expect(pushes.reduce((sum, size) => sum + size, 0)).toBe(local.length);
		expect(pushes.length).toBe(Math.ceil(local.length / MAX_PUSH_EVENTS));
		const remote = await serverLog(server, ada.sync.session!.token);
		expect(duplicates(remote.map((row) => row.eventId))).toEqual([]);
		// The server's order is the device's local order: a record's versions never jump.
		expect(remote.map((row) => row.eventId)).toEqual(local);
		expect((await syncedLog(ada.store)).map((row) => row.eventId)).toEqual(local);
		expect(await pendingEvents(ada.store)).toEqual([]);
		expect((await storedCommands(databaseOf(ada.store))).length).toBe(0);

		// One receipt a batch: a batch's seqs and positions run on together.
		expect(await databaseOf(ada.store).receipts.count()).toBe(pushes.length);
		// Every way of reading gives each event the server's position, even from inside a run.
		const position = new Map(remote.map((row) => [row.eventId, row.position]));
		const paged: string[] = [];
		let after = { position: remote[0]!.position, seq: 0 };
		for (;;) {
			const page = await ada.store.readAll({ after, limit: 333 });
			if (page.length === 0) break;
			for (const event of page) expect(event.position).toBe(position.get(event.eventId));
			paged.push(...page.map((event) => event.eventId));
			after = cursorAfter(page, after);
		}
		expect(paged).toEqual(local.slice(1));
		for (const event of await ada.store.readStream('account-2')) {
			expect([event.sync, event.position]).toEqual(['synced', position.get(event.eventId)]);
		}
		const recent = await ada.store.readRecent({ beforeSeq: 700, limit: 450 });
		expect(recent).toHaveLength(450);
		for (const event of recent) expect(event.position).toBe(position.get(event.eventId));
	});
	it('when a later batch fails, the batches answered before it stay acknowledged; the retry sends only the rest', async () => {
		const pushes: string[][] = [];
		let failing = true;
		const ada = device('ada', async (request) => {
			if (!request.url.endsWith('/api/sync/push')) return server.handle(request);
			const { events } = (await request.clone().json()) as { events: { eventId: string }[] };
			pushes.push(events.map((event) => event.eventId));
			if (pushes.length === 2 && failing) {
				failing = false;
				return new Response('{"error":"unavailable"}', { status: 503 });
			}
			return server.handle(request);
		});
		open.push(ada);
		await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		await opened(ada, 'account-1');
		for (let i = 0; i < 120; i++) {
			await appendCommand(ada.store, 'account-1', deposits(5, `c-${i}`));
		}
		const local = (await pendingEvents(ada.store)).map((event) => event.eventId);

		await expect(ada.sync.syncNow()).rejects.toThrow();
		// The first batch was answered before the second failed: it is acknowledged, not pending.
		const first = pushes[0]!;
		expect((await syncedLog(ada.store)).map((row) => row.eventId)).toEqual(first);
		expect((await pendingEvents(ada.store)).map((event) => event.eventId)).toEqual(
			local.filter((id) => !first.includes(id))
		);

		expect(await ada.sync.syncNow()).toBe('synced');
		expect(pushes[2]![0]).toBe(pushes[1]![0]);
		const remote = await serverLog(server, ada.sync.session!.token);
		expect(remote.map((row) => row.eventId)).toEqual(local);
		expect((await syncedLog(ada.store)).map((row) => row.eventId)).toEqual(local);
		expect(await pendingEvents(ada.store)).toEqual([]);
	});
});

describe("a reaction's command and its cause", () => {
	function ada() {
		const d = device('ada', (request) => server.handle(request));
		open.push(d);
		return d;
	}

	it('reach the server cause first, even where a rebase left the cause later in the log', async () => {
		const d = ada();
		await d.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		await opened(d, 'account-1');
		await opened(d, 'account-2');
		expect(await d.sync.syncNow()).toBe('synced');
		// As a rebase leaves them: the consequence (on account-2) first in the log, its cause after.
		await appendCommand(d.store, 'account-2', deposits(2, 'carry-1'), 'cause-1');
		await appendCommand(d.store, 'account-1', deposits(3, 'cause-1'));
		await appendCommand(d.store, 'account-1', deposits(1, 'other-1'));

		// A batch leaves the consequence's record out while its cause is pending…
		const first = await pendingBatch(d.store);
		expect(first.records.map((event) => event.metadata.commandId)).toEqual([
			'cause-1',
			'cause-1',
			'cause-1',
			'other-1'
		]);
		expect(await d.sync.syncNow()).toBe('synced');

		// …so on the server every event of the cause comes before every event of the consequence.
		const remote = await serverLog.events(server, d.sync.session!.token);
		const positions = (commandId: string) =>
			remote
				.filter((event) => event.metadata.commandId === commandId)
				.map((event) => event.position);
		expect(positions('carry-1')).toHaveLength(2);
		expect(Math.max(...positions('cause-1'))).toBeLessThan(Math.min(...positions('carry-1')));
		expect(await pendingEvents(d.store)).toEqual([]);
	});

	it('still go when each waits for the other’s cause, in the order of the log', async () => {
		const d = ada();
		await d.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		await opened(d, 'account-1');
		await opened(d, 'account-2');
		expect(await d.sync.syncNow()).toBe('synced');
		// account-1 holds a consequence of account-2's later command, and account-2 the reverse.
		await appendCommand(d.store, 'account-1', deposits(1, 'carry-a'), 'cause-b');
		await appendCommand(d.store, 'account-2', deposits(1, 'carry-b'), 'cause-a');
		await appendCommand(d.store, 'account-1', deposits(1, 'cause-a'));
		await appendCommand(d.store, 'account-2', deposits(1, 'cause-b'));
		const local = (await pendingEvents(d.store)).map((event) => event.eventId);

		expect(await d.sync.syncNow()).toBe('synced');
		const remote = await serverLog(server, d.sync.session!.token);
		expect(remote.map((row) => row.eventId).slice(-4)).toEqual(local);
		expect(await pendingEvents(d.store)).toEqual([]);
	});
});

describe('pushing within the byte limits', () => {
	it('splits batches by UTF-8 bytes, so no body passes 1 MiB and none is refused for its size', async () => {
		const pushes: { events: number; bytes: number; status: number }[] = [];
		const ada = device('ada', async (request) => {
			if (!request.url.endsWith('/api/sync/push')) return server.handle(request);
			const bytes = (await request.clone().arrayBuffer()).byteLength;
			const { events } = (await request.clone().json()) as { events: unknown[] };
			const response = await server.handle(request);
			pushes.push({ events: events.length, bytes, status: response.status });
			return response;
		});
		open.push(ada);
		await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		await opened(ada, 'account-1');
		// About 3 KB of UTF-8 each but 1,000 UTF-16 characters: "€" is three bytes, one character.
		for (let i = 0; i < 40; i++) {
			const events = deposits(10, `c-${i}-${'€'.repeat(180)}`).map((deposit) => ({
				...deposit,
				data: { ...(deposit.data as object), note: '€'.repeat(500) }
			}));
			await appendCommand(ada.store, 'account-1', events);
		}
		const local = (await pendingEvents(ada.store)).map((event) => event.eventId);

		expect(await ada.sync.syncNow()).toBe('synced');

		expect(pushes.map((push) => push.status).every((status) => status === 200)).toBe(true);
		expect(pushes.length).toBeGreaterThan(1);
		for (const push of pushes) {
			expect(push.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
			expect(push.events).toBeLessThanOrEqual(MAX_PUSH_EVENTS);
		}
		expect(pushes.reduce((sum, push) => sum + push.events, 0)).toBe(local.length);
		const remote = await serverLog(server, ada.sync.session!.token);
		expect(remote.map((row) => row.eventId)).toEqual(local);
	}, 60_000);

	it('an event the server names in a 413 goes to the conflict inbox, and the rest goes on', async () => {
		let refused = '';
		const ada = device('ada', async (request) => {
			if (!request.url.endsWith('/api/sync/push')) return server.handle(request);
			const { events } = (await request.clone().json()) as { events: { eventId: string }[] };
			if (!events.some((event) => event.eventId === refused)) return server.handle(request);
			const body = {
				error: 'payload_too_large',
				eventId: refused,
				message: 'This change is too large to store.'
			};
			return new Response(JSON.stringify(body), {
				status: 413,
				headers: { 'content-type': 'application/json' }
			});
		});
		open.push(ada);
		await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		await opened(ada, 'account-1');
		await opened(ada, 'account-2');
		await opened(ada, 'account-3');
		refused = (await ada.store.readStream('account-2'))[0]!.eventId;

		await ada.sync.syncNow();

		await expectOnlyRefused(ada, ['account-1', 'account-3'], 'account-2');
	}, 60_000);

	it('a pending event too big for any body (old data) goes to the conflict inbox, and the rest goes on', async () => {
		const ada = device('ada', (request) => server.handle(request));
		open.push(ada);
		await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		await opened(ada, 'account-1');
		await opened(ada, 'account-2');
		await opened(ada, 'account-3');
		// Written before the limits existed: over 1 MiB, so the server can only answer 413 unnamed.
		const [old] = await databaseOf(ada.store)
			.events.where('streamId')
			.equals('account-2')
			.toArray();
		await databaseOf(ada.store).events.update(old!.seq, {
			data: { ...(old!.data as object), holderName: 'K'.repeat(1_100_000) }
		});

		await ada.sync.syncNow();

		await expectOnlyRefused(ada, ['account-1', 'account-3'], 'account-2');
	}, 60_000);

	async function expectOnlyRefused(ada: Device, synced: string[], refusedStream: string) {
		const remote = await serverLog(server, ada.sync.session!.token);
		expect(remote.map((row) => row.streamId)).toEqual(synced);
		expect(await pendingEvents(ada.store)).toEqual([]);
		const [conflict, ...others] = await ada.sync.conflicts();
		expect(others).toEqual([]);
		expect(conflict).toMatchObject({ streamId: refusedStream });
		expect(conflict!.reason).toContain('too large');
	}
});

describe('discarding pending events while they are being pushed', () => {
	it('waits for the push, then refuses what reached the server: nothing comes back, nothing doubles', async () => {
		let answer!: () => void;
		const answered = new Promise<void>((resolve) => (answer = resolve));
		let stored!: () => void;
		const onServer = new Promise<void>((resolve) => (stored = resolve));
		const ada = device('ada', async (request) => {
			if (!request.url.endsWith('/api/sync/push')) return server.handle(request);
			const response = await server.handle(request);
			// The server has stored the events; its answer is still on the way back.
			stored();
			await answered;
			return response;
		});
		open.push(ada);
		await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		await opened(ada, 'account-1');

		const syncing = ada.sync.syncNow();
		await onServer;
		let settled = false;
		const discard = ada.sync.discardPending('account-1', 1).finally(() => (settled = true));
		discard.catch(() => undefined);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(settled).toBe(false);

		answer();
		await syncing;
		await expect(discard).rejects.toThrow(/already on the server/);
		await ada.sync.syncNow();
		const remote = await serverLog(server, ada.sync.session!.token);
		expect((await syncedLog(ada.store)).map((row) => row.eventId)).toEqual(
			remote.map((row) => row.eventId)
		);
		expect(await ada.store.readStream('account-1')).toHaveLength(1);
	});

	it('discards at once when nothing is being pushed', async () => {
		const ada = device('ada', (request) => server.handle(request));
		open.push(ada);
		await opened(ada, 'account-1');
		expect(await ada.sync.discardPending('account-1', 1)).toHaveLength(1);
		expect(await ada.store.readStream('account-1')).toEqual([]);
	});
});

describe('markAccepted', () => {
	it('keeps the command whose events go on past the batch, and drops the finished ones', async () => {
		const ada = device('ada', (request) => server.handle(request));
		open.push(ada);
		const first = await appendCommand(ada.store, 'account-1', deposits(3, 'first'));
		const split = await appendCommand(ada.store, 'account-1', deposits(4, 'split'));
		const batch = await pendingBatch(ada.store, { limit: 5 });
		expect(batch.records.map((event) => event.metadata.commandId)).toEqual([
			first,
			first,
			first,
			split,
			split
		]);

		const records = await databaseOf(ada.store).events.toArray();

		await markAccepted(ada.store, batch, acknowledge(batch.records), 'user-ada');

		// The events are written once: the acknowledgement sits beside them.
		expect(await databaseOf(ada.store).events.toArray()).toEqual(records);
		expect(await ada.store.pendingCount()).toBe(2);
		const commands = await storedCommands(databaseOf(ada.store));
		expect(commands.map((command) => command.commandId)).toEqual([split]);
		const pending = await pendingEvents(ada.store);
		expect(pending.map((event) => event.version)).toEqual([6, 7]);
		const synced = await syncedLog(ada.store);
		expect(synced.map((row) => row.eventId)).toEqual(batch.records.map((e) => e.eventId));
		const stored = await ada.store.readStream('account-1', { toVersion: 1 });
		expect(stored[0]).toMatchObject({ sync: 'synced', position: 1, recordedBy: 'user-ada' });
	});

	it('leaves alone an event discarded while its batch was on the wire', async () => {
		const ada = device('ada', (request) => server.handle(request));
		open.push(ada);
		await appendCommand(ada.store, 'account-1', deposits(2, 'kept'));
		await appendCommand(ada.store, 'account-2', deposits(2, 'discarded'));
		const batch = await pendingBatch(ada.store);
		await ada.store.discardPending('account-2', 1);

		await markAccepted(ada.store, batch, acknowledge(batch.records), 'user-ada');

		expect(await ada.store.readStream('account-2')).toEqual([]);
		expect((await ada.store.readStream('account-1')).map((event) => event.sync)).toEqual([
			'synced',
			'synced'
		]);
	});

	it('writes no receipt for an event discarded while its batch was on the wire', async () => {
		const ada = device('ada', (request) => server.handle(request));
		open.push(ada);
		await appendCommand(ada.store, 'account-1', deposits(2, 'kept'));
		await appendCommand(ada.store, 'account-2', deposits(2, 'discarded'));
		const batch = await pendingBatch(ada.store);
		const discardedSeqs = batch.records
			.filter((record) => record.streamId === 'account-2')
			.map((record) => record.seq);
		expect(discardedSeqs).toHaveLength(2);
		await ada.store.discardPending('account-2', 1);

		await markAccepted(ada.store, batch, acknowledge(batch.records), 'user-ada');

		// The receipts cover exactly the kept events: one for a discarded seq would claim the
		// server holds, at its position, an event this device no longer has.
		const kept = await ada.store.readStream('account-1');
		const covered = (await databaseOf(ada.store).receipts.toArray()).flatMap((receipt) =>
			Array.from({ length: lastSeqOf(receipt) - receipt.seq + 1 }, (_, i) => receipt.seq + i)
		);
		expect(covered).toEqual(kept.map((event) => event.seq));
		expect(covered).not.toContain(discardedSeqs[0]);
		expect(kept.map((event) => event.position)).toEqual([1, 2]);
	});
});

function acknowledge(records: readonly { eventId: string }[]) {
	const recordedAt = new Date().toISOString();
	return records.map((record, index) => ({
		eventId: record.eventId,
		position: index + 1,
		recordedAt
	}));
}
