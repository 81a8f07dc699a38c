import type { PushRequest } from '../../src/lib/protocol';
import type { Credentials } from '../browser/api';
import { originPage } from '../lib/app-page';
import type { AppServer } from '../lib/app-server';
import { call, type BrowserContext } from '../lib/bench-page';
import { launchDiskProfile } from '../lib/chromium';
import { measure } from '../lib/measure';
import { medianOf, ratioTarget, withRatios, type CaseResult } from '../lib/report';
import { wireBatch } from '../server/wire-batch';

const RAW = 'raw fetch of the pull pages + raw IndexedDB put';
const REWIND = 'Rewind: sign-in → every order listed';
const PUSH_BATCH = 500;

/**
 * Puts a workspace of `total` realistic events on the server through the push endpoint, as
 * one device that wrote them; returns the sign-in and how many orders it holds.
 */
export async function seedWorkspace(
	app: AppServer,
	total: number
): Promise<{ credentials: Credentials; orders: number }> {
	const credentials = {
		workspace: `bench-${crypto.randomUUID()}`,
		name: 'ada',
		password: 'correct horse battery'
	};
	const signup = await fetch(`${app.url}/api/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(credentials)
	});
	if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
	const { token } = (await signup.json()) as { token: string };
	const orders = new Set<string>();
	for (let pushed = 0; pushed < total; pushed += PUSH_BATCH) {
		const events = wireBatch(Math.min(PUSH_BATCH, total - pushed), 'device-seed');
		for (const { streamId } of events) if (streamId.startsWith('order-')) orders.add(streamId);
		const response = await fetch(`${app.url}/api/sync/push`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ deviceId: 'device-seed', events } satisfies PushRequest)
		});
		if (response.status !== 200) {
			throw new Error(`seed push: ${response.status} ${(await response.text()).slice(0, 300)}`);
		}
	}
	return { credentials, orders: orders.size };
}

/**
 * Case 11: a new device catches up a workspace the server holds, from sign-in until every
 * order is listed, against the same pull pages fetched and put into IndexedDB bare.
 */
export async function newDeviceCase(ctx: BrowserContext, app: AppServer): Promise<CaseResult> {
	const total = ctx.options.sizes.newDevice;
	const { credentials, orders } = await seedWorkspace(app, total);
	const profile = await launchDiskProfile();
	const context = profile.context;
	try {
		const page = await originPage(context, app.url, ctx.pageUrl);
		const checked = (events: number) => {
			if (events !== total) throw new Error(`the device holds ${events} events, not ${total}`);
		};
		const summaries = await measure(
			[
				{
					name: RAW,
					run: async () => {
						const { ms, events } = await call(
							page,
							'rawCatchUp',
							credentials,
							ctx.options.durability
						);
						checked(events);
						return ms;
					}
				},
				{
					name: REWIND,
					run: async () => {
						const { ms, events } = await call(
							page,
							'newDeviceCatchUp',
							credentials,
							orders,
							ctx.options.durability
						);
						checked(events);
						return ms;
					}
				}
			],
			{ warmup: 1, runs: ctx.options.catchUpRuns }
		);
		const contestants = withRatios(summaries, 'ms', RAW);
		const ratio = medianOf(contestants, REWIND) / medianOf(contestants, RAW);
		return {
			id: 11,
			title: `New device catches up ${total.toLocaleString('en')} events`,
			contestants,
			targets: [ratioTarget('catch-up ≤ 1.5× raw fetch + put', ratio, 1.5)],
			notes: [
				`The server (node build, PGlite) holds a workspace of ${total.toLocaleString('en')} events (${orders.toLocaleString('en')} orders), pushed by another device. Rewind: a fresh database, the order and account lists subscribed as the app has them, SyncClient.login() and syncNow(), until the order list is ready with every order. Raw: the same login and pull pages (the contract's largest) with fetch, each page put into a bare store with Rewind's indexes in one transaction.`
			]
		};
	} finally {
		await profile.close();
	}
}
