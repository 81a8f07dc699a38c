import { describe, expect, it } from 'vitest';
import { counterEvent, testBackends, useTestServer } from './testing';

describe.each(testBackends())('concurrent pushes on $kind', (backend) => {
	const { client } = useTestServer(backend);

	const pullAll = (token: string) => client.pullAll(token);

	it('50 writers racing on one stream: one wins each version, the rest get 409, no gaps', async () => {
		const session = await client.signup();
		const writers = Array.from({ length: 50 }, (_, writer) => ({
			writer,
			eventId: crypto.randomUUID()
		}));
		const winners = new Map<number, string>();
		let conflicts = 0;

		// Every writer tries to append its one event at the version it believes is next, and on a
		// 409 tries again right after the version the server reported.
		await Promise.all(
			writers.map(async ({ eventId }) => {
				let version = 1;
				for (;;) {
					const response = await client.push(session.token, [
						counterEvent('counter-race', version, { eventId })
					]);
					if (response.status === 200) {
						expect(winners.has(version)).toBe(false);
						winners.set(version, eventId);
						return;
					}
					expect(response.status).toBe(409);
					conflicts++;
					const [conflict] = response.body.conflicts!;
					expect(conflict).toMatchObject({
						streamId: 'counter-race',
						expectedVersion: version - 1
					});
					expect(conflict!.actualVersion).toBeGreaterThanOrEqual(version);
					version = conflict!.actualVersion + 1;
				}
			})
		);

		const stored = await pullAll(session.token);
		expect(stored.map((event) => event.version)).toEqual(
			Array.from({ length: 50 }, (_, i) => i + 1)
		);
		expect(new Set(stored.map((event) => event.eventId))).toEqual(
			new Set(writers.map((writer) => writer.eventId))
		);
		for (const event of stored) expect(winners.get(event.version)).toBe(event.eventId);
		expect(conflicts).toBeGreaterThanOrEqual(49);
	}, 60_000);

	it('the same batch pushed 10 times at once is stored once and acknowledged alike', async () => {
		const session = await client.signup();
		const batch = Array.from({ length: 20 }, (_, i) => counterEvent('counter-dup', i + 1));
		const responses = await Promise.all(
			Array.from({ length: 10 }, () => client.push(session.token, batch))
		);
		for (const response of responses) {
			expect(response.status).toBe(200);
			expect(response.body).toEqual(responses[0]!.body);
		}
		expect(await pullAll(session.token)).toHaveLength(20);
	}, 30_000);

	it('a reader pulling while 20 writers append never skips a position', async () => {
		const session = await client.signup();
		let writing = true;
		const seen: number[] = [];
		let after = 0;

		const reader = (async () => {
			// Keeps pulling small pages until the writers are done and it has caught up.
			for (;;) {
				const stillWriting = writing;
				const page = await client.pullPage(session.token, after, 7);
				for (const event of page.events) seen.push(event.position);
				if (page.events.length > 0) after = page.events.at(-1)!.position;
				if (!stillWriting && !page.hasMore) return;
			}
		})();

		await Promise.all(
			Array.from({ length: 20 }, async (_, writer) => {
				for (let batch = 0; batch < 10; batch++) {
					const events = Array.from({ length: 3 }, (_, i) =>
						counterEvent(`counter-w${writer}`, batch * 3 + i + 1)
					);
					expect((await client.push(session.token, events)).status).toBe(200);
				}
			})
		);
		writing = false;
		await reader;

		const all = (await pullAll(session.token)).map((event) => event.position);
		expect(all).toHaveLength(600);
		expect(seen).toEqual(all);
	}, 60_000);

	it('devices pulling the same page at once while others push: each answer holds every event acknowledged before it was asked', async () => {
		// Identical pulls waiting together share one statement (SharedReads); a pull must never
		// get an answer older than the pushes acknowledged before it was sent.
		const owner = await client.signup();
		const devices = await Promise.all(
			Array.from({ length: 4 }, (_, i) => client.join(owner.token, `device-${i}`))
		);
		let acknowledged = 0;
		let pushing = true;
		const stale: string[] = [];

		const readers = devices.map(async (device) => {
			while (pushing) {
				const known = acknowledged;
				const pages = await Promise.all(
					Array.from({ length: 5 }, () => client.pullPage(device.token, 0, 1000))
				);
				for (const page of pages) {
					if (page.head < known) stale.push(`head ${page.head} after ${known} was acknowledged`);
					expect(page.events.map((event) => event.position).at(-1) ?? 0).toBe(page.head);
				}
			}
		});
		await Promise.all(
			Array.from({ length: 3 }, async (_, writer) => {
				for (let version = 1; version <= 15; version++) {
					const response = await client.push(owner.token, [
						counterEvent(`counter-shared-${writer}`, version)
					]);
					expect(response.status).toBe(200);
					acknowledged = Math.max(acknowledged, response.body.head!);
				}
			})
		);
		pushing = false;
		await Promise.all(readers);

		expect(stale).toEqual([]);
		const last = await client.pullPage(devices[0]!.token, 0, 1000);
		expect(last.events).toHaveLength(45);
		expect(last.head).toBe(acknowledged);
	}, 60_000);
});
