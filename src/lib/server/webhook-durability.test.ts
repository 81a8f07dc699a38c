import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './db/database';
import { openPgliteDatabase } from './db/pglite-database';
import { silentLogger, type Logger } from './logger';
import type { SyncServer } from './sync-server';
import {
	openSharedPostgresSchema,
	startTestServer,
	startTwoServers,
	TestClient,
	testBackends,
	WebhookReceiver,
	type TestBackend
} from './testing';
import {
	eventually,
	expectSigned,
	FAST_WEBHOOKS,
	firstSeen,
	matchingEvents,
	pushEvents,
	registerWebhook,
	webhooksOf
} from './testing/webhook-helpers';

/** Two handles on one database that outlives a server: a restart is the second after the first. */
async function sameDataTwice(backend: TestBackend): Promise<{
	first: () => Promise<Database>;
	second: () => Promise<Database>;
	cleanUp: () => Promise<void>;
}> {
	const url = process.env.TEST_DATABASE_URL?.trim();
	if (backend.kind === 'postgres' && url) {
		// The first of the pair drops the schema when closed, so it serves the last server.
		const [dropping, plain] = await openSharedPostgresSchema(url);
		return {
			first: () => Promise.resolve(plain),
			second: () => Promise.resolve(dropping),
			cleanUp: () => Promise.resolve()
		};
	}
	const dir = await mkdtemp(join(tmpdir(), 'rewind-webhooks-'));
	return {
		first: () => openPgliteDatabase(dir),
		second: () => openPgliteDatabase(dir),
		cleanUp: () => rm(dir, { recursive: true, force: true })
	};
}

const start = (database: Database, logger: Logger = silentLogger) =>
	startTestServer(database, { logger, webhooks: FAST_WEBHOOKS });

describe.each(testBackends())(
	'webhook delivery that lasts, on $kind',
	{ timeout: 60_000 },
	(backend) => {
		const cleanUps: (() => Promise<void>)[] = [];
		afterEach(async () => {
			for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
		});

		const receiver = async () => {
			const started = await new WebhookReceiver().start();
			cleanUps.push(() => started.stop());
			return started;
		};

		it('a server stopped mid-delivery loses nothing: the next one resumes from the stored checkpoint', async () => {
			const data = await sameDataTwice(backend);
			cleanUps.push(data.cleanUp);
			const hook = await receiver();
			hook.answer = () => ({ status: 200, delayMs: 60 });

			const before = await start(await data.first());
			let beforeClosed = false;
			cleanUps.push(async () => {
				if (!beforeClosed) await before.close();
			});
			const owner = await new TestClient(before).signup();
			const webhook = await registerWebhook(new TestClient(before), owner.token, hook.url);
			await pushEvents(new TestClient(before), owner.token, 10);
			await eventually(() => expect(hook.acknowledged.length).toBeGreaterThanOrEqual(3));
			await before.close();
			beforeClosed = true;
			const acknowledgedBefore = hook.acknowledged.map((event) => event.position);
			const attemptsBefore = hook.deliveries.length;

			const after = await start(await data.second());
			cleanUps.push(() => after.close());
			const client = new TestClient(after);
			const expected = await matchingEvents(client, owner.token);
			const [stored] = await webhooksOf(client, owner.token);
			// Nothing counts as delivered that the receiver did not acknowledge.
			expect(acknowledgedBefore).toEqual(
				expect.arrayContaining(
					expected.filter((e) => e.position <= stored!.deliveredPosition).map((e) => e.position)
				)
			);
			expect(stored!.deliveredPosition).toBeLessThan(expected.at(-1)!.position);

			await eventually(() =>
				expect(firstSeen(hook.acknowledged)).toEqual(expected.map((event) => event.eventId))
			);
			const resumedAt = hook.deliveries[attemptsBefore]!.event.position;
			expect(resumedAt).toBe(
				expected.find((event) => event.position > stored!.deliveredPosition)!.position
			);
			const positions = hook.acknowledged.map((event) => event.position);
			expect(positions).toEqual([...positions].sort((a, b) => a - b));
			for (const delivery of hook.deliveries) expectSigned(delivery, webhook);
		});

		it('two servers on one database deliver each event once, in order', async () => {
			const servers = await startTwoServers(backend, { rateLimit: false, webhooks: FAST_WEBHOOKS });
			cleanUps.push(() => servers.close());
			const hook = await receiver();
			const first = new TestClient(servers.first);
			const second = new TestClient(servers.second);
			const owner = await first.signup();
			const webhook = await registerWebhook(first, owner.token, hook.url);
			for (let batch = 0; batch < 6; batch++) {
				await pushEvents(batch % 2 === 0 ? first : second, owner.token, 3);
			}
			const expected = await matchingEvents(first, owner.token);
			await eventually(() => expect(hook.acknowledged).toHaveLength(expected.length));
			// Every attempt, not just the acknowledged ones: no event went out twice.
			expect(hook.deliveries.map((delivery) => delivery.event)).toEqual(expected);
			for (const delivery of hook.deliveries) expectSigned(delivery, webhook);
		});

		it('a database fault pauses delivery without ending anything; it resumes where it was', async () => {
			const database = await backend.open();
			let broken = false;
			const fault = () => Promise.reject(new Error('Connection terminated unexpectedly'));
			const flaky: Database = {
				...database,
				query: (text, params) => (broken ? fault() : database.query(text, params)),
				transaction: (work) => (broken ? fault() : database.transaction(work))
			};
			const warnings: string[] = [];
			const server: SyncServer = await start(flaky, {
				...silentLogger,
				warn: (message) => warnings.push(message)
			});
			cleanUps.push(() => server.close());
			const client = new TestClient(server);
			const hook = await receiver();
			hook.answer = () => ({ status: 503 });
			const owner = await client.signup();
			await registerWebhook(client, owner.token, hook.url);
			await pushEvents(client, owner.token, 3);
			const expected = await matchingEvents(client, owner.token);
			await eventually(() => expect(hook.deliveries.length).toBeGreaterThan(0));

			broken = true;
			hook.answer = () => ({ status: 200 });
			await eventually(() =>
				expect(warnings.some((warning) => warning.includes('paused'))).toBe(true)
			);
			broken = false;
			// At least once: an attempt the receiver took just as the database broke can go again
			// (its checkpoint was never saved). Each event once by its id, in order, is the promise.
			const onceEach = () =>
				hook.acknowledged.filter(
					(event, index, all) => all.findIndex((other) => other.eventId === event.eventId) === index
				);
			await eventually(() => expect(onceEach()).toEqual(expected));
		});
	}
);
