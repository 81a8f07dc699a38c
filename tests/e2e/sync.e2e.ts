import type { BrowserContext, Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
	addItem,
	balance,
	createOrder,
	eventually,
	focusPage,
	itemNames,
	moveMoney,
	openAccount,
	PHONE,
	screenshot,
	useBrowser
} from './harness';

// Sync in real Chromium against the built server: two devices (browser contexts) in one
// workspace, offline and back, a conflict resolved from the inbox, a tab closed with unsynced
// work, and two tabs of one device that must never push the same event twice.

const browser = useBrowser();
const PASSWORD = 'correct horse battery';

interface WireRow {
	eventId: string;
	streamId: string;
	version: number;
	position: number;
	type: string;
	metadata: { commandId: string; userId: string };
	recordedBy: string;
}

/** A workspace name no other test (or earlier run on the same server) uses. */
const uniqueWorkspace = () => `Stall ${crypto.randomUUID().slice(0, 8)}`;

async function openSync(page: Page): Promise<void> {
	await page.goto('/sync');
	await page.getByRole('heading', { name: 'Sync', level: 1 }).waitFor();
}

/** Creates a workspace from the Sync page's form. */
async function createWorkspace(page: Page, workspace: string, name: string): Promise<void> {
	await openSync(page);
	await page.getByRole('tab', { name: 'Create a workspace' }).click();
	await page.getByRole('textbox', { name: 'Workspace' }).fill(workspace);
	await page.getByRole('textbox', { name: 'Your name' }).fill(name);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Create workspace' }).click();
	await page.getByRole('heading', { name: 'Your account' }).waitFor();
}

/** Makes an invite code from the Sync page. */
async function inviteCode(page: Page): Promise<string> {
	await openSync(page);
	await page.getByRole('button', { name: 'Make an invite code' }).click();
	const code = page.locator('input.code');
	await code.waitFor();
	return code.inputValue();
}

async function joinWorkspace(page: Page, invite: string, name: string): Promise<void> {
	await openSync(page);
	await page.getByRole('tab', { name: 'Join with an invite' }).click();
	await page.getByRole('textbox', { name: 'Invite code' }).fill(invite);
	await page.getByRole('textbox', { name: 'Your name' }).fill(name);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Join workspace' }).click();
	await page.getByRole('heading', { name: 'Your account' }).waitFor();
}

/** Two devices, each its own browser context, signed in to one new workspace. */
async function twoDevices(): Promise<{
	ada: Page;
	grace: Page;
	adaContext: BrowserContext;
	graceContext: BrowserContext;
}> {
	const adaContext = await browser.newContext();
	const graceContext = await browser.newContext();
	const ada = await adaContext.newPage();
	const grace = await graceContext.newPage();
	await createWorkspace(ada, uniqueWorkspace(), 'Ada');
	const code = await inviteCode(ada);
	await joinWorkspace(grace, code, 'Grace');
	return { ada, grace, adaContext, graceContext };
}

type StoreName = 'events' | 'outbox' | 'receipts' | 'meta' | 'conflicts';

/**
 * Reads whole object stores of the app's IndexedDB database, with no app code, in ONE
 * transaction: a snapshot, so an acknowledgement cannot land between two of the reads.
 */
function readStores<T extends unknown[][]>(page: Page, stores: StoreName[]): Promise<T> {
	return page.evaluate(
		(names) =>
			new Promise<T>((resolve, reject) => {
				const open = indexedDB.open('rewind');
				open.onerror = () => reject(new Error(String(open.error)));
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(names, 'readonly');
					const requests = names.map((name) => tx.objectStore(name).getAll());
					tx.onerror = () => reject(new Error(String(tx.error)));
					tx.oncomplete = () => {
						db.close();
						resolve(requests.map((request): unknown[] => request.result as unknown[]) as T);
					};
				};
			}),
		stores
	);
}

async function readStore<T>(page: Page, store: StoreName): Promise<T[]> {
	const [rows] = await readStores<[T[]]>(page, [store]);
	return rows;
}

async function sessionToken(page: Page): Promise<string> {
	const meta = await readStore<{ key: string; value: { token: string } }>(page, 'meta');
	const session = meta.find((entry) => entry.key === 'sync:session');
	if (!session) throw new Error('this page is not signed in');
	return session.value.token;
}

/** The workspace's whole log, from the server, with the device's token: no app code involved. */
async function serverLog(token: string): Promise<WireRow[]> {
	const events: WireRow[] = [];
	for (let after = 0; ;) {
		const response = await fetch(`${inject('baseURL')}/api/sync/pull?after=${after}&limit=1000`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(response.status).toBe(200);
		const page = (await response.json()) as { events: WireRow[]; hasMore: boolean };
		events.push(...page.events);
		if (!page.hasMore) return events;
		after = page.events.at(-1)!.position;
	}
}

interface LocalEvent {
	seq: number;
	eventId: string;
	streamId: string;
	version: number;
}

/**
 * The device's log in one snapshot: the synced events as [eventId, streamId, version,
 * position] by position (events with a receipt), the pending ones (in an outbox run), and
 * how many events are neither, which must always be none.
 */
async function deviceLog(page: Page) {
	const [events, runs, receipts] = await readStores<
		[
			LocalEvent[],
			{ seq: number; last: number }[],
			{ seq: number; last?: number; position: number }[]
		]
	>(page, ['events', 'outbox', 'receipts']);
	const bySeq = new Map(events.map((event) => [event.seq, event]));
	// A receipt covers the seqs `seq` to `last` (or just `seq`), with consecutive positions.
	const synced = receipts
		.flatMap(({ seq, last, position }) =>
			Array.from({ length: (last ?? seq) - seq + 1 }, (_, i) => ({
				event: bySeq.get(seq + i)!,
				position: position + i
			}))
		)
		.sort((a, b) => a.position - b.position)
		.map(({ event, position }) => [event.eventId, event.streamId, event.version, position]);
	const pending = events.filter((event) =>
		runs.some((run) => event.seq >= run.seq && event.seq <= run.last)
	);
	return { synced, pending, unaccounted: events.length - synced.length - pending.length };
}

/** The events in the device's outbox runs, in local order. */
async function pendingEvents(page: Page): Promise<LocalEvent[]> {
	return (await deviceLog(page)).pending;
}

async function pendingCount(page: Page): Promise<number> {
	return (await pendingEvents(page)).length;
}

const asRows = (log: WireRow[]) =>
	log.map((event) => [event.eventId, event.streamId, event.version, event.position]);

/**
 * Waits until the device holds exactly the server's log, with nothing pending. The device is
 * read first and the server after: the server's log only grows, so a push answered between
 * the two reads makes them differ instead of agreeing on a log that is already out of date.
 */
async function expectConverged(token: string, ...pages: Page[]): Promise<WireRow[]> {
	let log: WireRow[] = [];
	for (const page of pages) {
		await expect
			.poll(async () => {
				const device = await deviceLog(page);
				log = await serverLog(token);
				const same = JSON.stringify(device.synced) === JSON.stringify(asRows(log));
				return {
					pending: device.pending.length,
					unaccounted: device.unaccounted,
					log: same ? 'same' : { local: device.synced, server: asRows(log) }
				};
			})
			.toEqual({ pending: 0, unaccounted: 0, log: 'same' });
	}
	expect(new Set(log.map((event) => event.eventId)).size).toBe(log.length);
	return log;
}

describe('two devices in one workspace', () => {
	it('both edit offline, come back online and converge on the same log as the server', async () => {
		const { ada, grace, adaContext, graceContext } = await twoDevices();
		const orderId = await createOrder(ada, 'Kim Market');
		await addItem(ada, { name: 'Ceramic mug', price: '12.50' });
		// Grace's device gets it live.
		await grace.goto(`/orders/${orderId}`);
		await eventually(() => itemNames(grace), ['Ceramic mug']);

		await adaContext.setOffline(true);
		await graceContext.setOffline(true);
		await addItem(ada, { name: 'Linen apron', price: '30.00' });
		await addItem(grace, { name: 'Tea towel', price: '8.00', quantity: 3 });
		expect(await pendingCount(ada)).toBe(1);
		expect(await pendingCount(grace)).toBe(1);

		await adaContext.setOffline(false);
		await graceContext.setOffline(false);
		await expect.poll(() => itemNames(ada)).toHaveLength(3);
		await expect.poll(() => itemNames(grace)).toEqual(await itemNames(ada));
		expect([...(await itemNames(ada))].sort()).toEqual(['Ceramic mug', 'Linen apron', 'Tea towel']);

		const log = await expectConverged(await sessionToken(ada), ada, grace);
		const order = log.filter((event) => event.streamId === `order-${orderId}`);
		expect(order.map((event) => event.version)).toEqual([1, 2, 3, 4]);
		expect(order.map((event) => event.type)).toEqual([
			'OrderCreated',
			'ItemAdded',
			'ItemAdded',
			'ItemAdded'
		]);
		// Whatever the device said, the server says who recorded each event.
		for (const event of log) expect(event.recordedBy).toBe(event.metadata.userId);
	});

	it('a change that no longer fits appears in the inbox and is resolved there', async () => {
		const { ada, grace, graceContext } = await twoDevices();
		const orderId = await createOrder(ada, 'Lou Fair');
		await addItem(ada, { name: 'Ceramic mug', price: '12.50' });
		await grace.goto(`/orders/${orderId}`);
		await eventually(() => itemNames(grace), ['Ceramic mug']);

		// Grace adds an item offline while Ada submits the order.
		await graceContext.setOffline(true);
		await addItem(grace, { name: 'Late teapot', price: '20.00' });
		await ada.getByRole('button', { name: 'Submit order' }).click();
		await expect.poll(() => ada.locator('.subtitle .badge').textContent()).toBe('Submitted');
		// The submission must reach the server first: if Grace's item got there before it, her
		// item would rightly be kept and Ada's submission rebased on top, with nothing to review.
		await expect.poll(() => pendingCount(ada)).toBe(0);
		await graceContext.setOffline(false);

		// Grace's order shows Ada's submission; her item waits in the inbox.
		await expect.poll(() => grace.locator('.subtitle .badge').textContent()).toBe('Submitted');
		await expect.poll(() => itemNames(grace)).toEqual(['Ceramic mug']);
		await openSync(grace);
		const inbox = grace.getByRole('region', { name: /To review/ });
		const entry = inbox.getByRole('listitem');
		await expect.poll(() => entry.count()).toBe(1);
		await expect
			.poll(() => entry.textContent())
			.toMatch(/already been submitted, so it can't be changed/);
		await expect.poll(() => entry.textContent()).toMatch(/Ada changed this record/);
		// The account card does not call this "Everything is synced".
		await expect
			.poll(async () => (await grace.locator('.state').innerText()).replace(/\s+/g, ' '))
			.toMatch(/Everything else is synced; 1 change waits for you under To review\./);

		// With the keyboard alone, focus never falls to the page. Retrying cannot help: it says
		// so, the entry stays, and so does focus.
		const focused = () => grace.evaluate(() => document.activeElement?.textContent?.trim());
		await entry.getByRole('button', { name: 'Retry' }).focus();
		await grace.keyboard.press('Enter');
		await expect.poll(() => entry.textContent()).toMatch(/Still doesn't fit/);
		expect(await readStore(grace, 'conflicts')).toHaveLength(1);
		expect(await focused()).toBe('Retry');

		// Discard… asks first, with focus on the choice that loses nothing; Keep it goes back.
		await entry.getByRole('button', { name: 'Discard…' }).focus();
		await grace.keyboard.press('Enter');
		await expect.poll(focused).toBe('Keep it');
		await grace.keyboard.press('Enter');
		await expect.poll(focused).toBe('Discard…');
		await grace.keyboard.press('Enter');
		await expect.poll(focused).toBe('Keep it');
		await grace.keyboard.press('Shift+Tab');
		expect(await focused()).toBe('Discard change');
		await grace.keyboard.press('Enter');
		await inbox.getByText('Nothing to review').waitFor();
		// The entry is gone: focus is on the inbox's heading, not lost.
		await expect.poll(focused).toMatch(/^To review/);
		expect(await readStore(grace, 'conflicts')).toEqual([]);

		const log = await expectConverged(await sessionToken(grace), ada, grace);
		expect(log.filter((event) => event.streamId === `order-${orderId}`).map((e) => e.type)).toEqual(
			['OrderCreated', 'ItemAdded', 'OrderSubmitted']
		);
	});
	it('an undo refused because someone changed the record since is made from the inbox with Restore anyway', async () => {
		const { ada, grace, adaContext } = await twoDevices();
		const orderId = await createOrder(ada, 'Bea Rossi');
		await addItem(ada, { name: 'Lamp', price: '30.00' });
		await expect.poll(() => pendingCount(ada)).toBe(0);
		await grace.goto(`/orders/${orderId}`);
		await eventually(() => itemNames(grace), ['Lamp']);

		// Ada undoes offline; meanwhile Grace adds a candle, which the server has first.
		await adaContext.setOffline(true);
		await focusPage(ada);
		await ada.keyboard.press('Control+z');
		await expect.poll(() => itemNames(ada)).toEqual([]);
		await addItem(grace, { name: 'Candle', price: '4.00' });
		await expect.poll(() => pendingCount(grace)).toBe(0);
		await adaContext.setOffline(false);

		// The undo would take Grace's candle away too: it waits for Ada, named as Grace's doing.
		await openSync(ada);
		const entry = ada.getByRole('region', { name: /To review/ }).getByRole('listitem');
		await expect.poll(() => entry.count()).toBe(1);
		await expect
			.poll(() => entry.textContent())
			.toMatch(/Someone else changed this record after you did/);
		await expect.poll(() => entry.textContent()).toMatch(/Grace changed this record/);
		expect(await entry.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
		expect(await entry.getByRole('button', { name: 'Retry' }).count()).toBe(0);

		await entry.getByRole('button', { name: 'Restore anyway' }).click();
		await expect.poll(() => entry.count()).toBe(0);
		await ada.goto(`/orders/${orderId}`);
		await expect.poll(() => itemNames(ada)).toEqual([]);
		await expect.poll(() => itemNames(grace)).toEqual([]);
		await expectConverged(await sessionToken(ada), ada, grace);
	});

	it('list the same orders in the same order on both devices once their logs are the same', async () => {
		const { ada, grace, graceContext } = await twoDevices();
		// Grace makes an order while the server is out of her reach; Ada makes hers after it,
		// online. Grace's reaches the server last, so the server's times put it first in "newest
		// first". (Only the sync calls fail: the app's own files still load, as from its cache.)
		const cutOff = (route: Route) => route.abort('internetdisconnected');
		await graceContext.route('**/api/**', cutOff);
		await createOrder(grace, 'Made offline');
		await createOrder(ada, 'Made online');
		await expect.poll(() => pendingCount(ada)).toBe(0);
		expect(await pendingCount(grace)).toBeGreaterThan(0);
		await graceContext.unroute('**/api/**', cutOff);
		await grace.goto('/sync');
		await expect.poll(() => pendingCount(grace), { timeout: 15_000 }).toBe(0);

		const listed = async (page: Page) => {
			await page.goto('/orders');
			const customers = page.getByRole('region', { name: 'Order list' }).locator('tbody .customer');
			await customers.first().waitFor();
			return customers.allTextContents();
		};
		const newestFirst = ['Made offline', 'Made online'];
		await expect.poll(() => listed(ada), { timeout: 15_000 }).toEqual(newestFirst);
		await expect.poll(() => listed(grace)).toEqual(newestFirst);
	});

	it('a change edited from the inbox opens on its form, filled in and focused, even on a phone', async () => {
		const { ada, grace, graceContext } = await twoDevices();
		await grace.setViewportSize(PHONE);
		const accountId = await openAccount(ada, 'Lou Fair');
		await moveMoney(ada, 'Deposit', '50.00', '€50.00');
		await grace.goto(`/accounts/${accountId}`);
		await eventually(() => balance(grace).textContent(), '€50.00');

		// Grace withdraws 40 offline while Ada withdraws 30: Grace's no longer fits.
		await graceContext.setOffline(true);
		await moveMoney(grace, 'Withdraw', '40.00', '€10.00');
		await moveMoney(ada, 'Withdraw', '30.00', '€20.00');
		await expect.poll(() => pendingCount(ada)).toBe(0);
		await graceContext.setOffline(false);
		await openSync(grace);
		const entry = grace.getByRole('region', { name: /To review/ }).getByRole('listitem');
		await expect.poll(() => entry.count(), { timeout: 15_000 }).toBe(1);
		await screenshot(grace, 'sync-to-review-phone');

		await entry.getByRole('link', { name: 'Edit' }).click();
		await grace.waitForURL(new RegExp(`/accounts/${accountId}`));
		const amount = grace.locator('main .editing input[name=amount]');
		await expect
			.poll(() => grace.evaluate(() => (document.activeElement as HTMLInputElement)?.name))
			.toBe('amount');
		expect(await amount.inputValue()).toBe('40.00');
		// Focused, so in view: the form is below the banner and the chart on a phone.
		expect(await amount.evaluate((input) => input.getBoundingClientRect().top)).toBeLessThan(
			PHONE.height
		);
		await amount.fill('20.00');
		await grace
			.getByRole('form', { name: 'Deposit or withdraw' })
			.getByRole('button', { name: 'Withdraw', exact: true })
			.click();
		await eventually(() => balance(grace).textContent(), '€0.00');
		await openSync(grace);
		await grace
			.getByRole('region', { name: /To review/ })
			.getByText('Nothing to review')
			.waitFor();
	});
});

describe('one device', () => {
	it('a tab closed while offline with unsynced changes loses nothing: reopened online, they sync', async () => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await createWorkspace(page, uniqueWorkspace(), 'Olga');
		const token = await sessionToken(page);
		const orderId = await createOrder(page, 'Offline Olga');
		// The order, its number, and this device's series named as it joined.
		await expect.poll(async () => (await serverLog(token)).length).toBe(3);

		await context.setOffline(true);
		await addItem(page, { name: 'Ceramic mug', price: '12.50' });
		await addItem(page, { name: 'Linen apron', price: '30.00', quantity: 2 });
		expect(await pendingCount(page)).toBe(2);
		const pendingIds = (await pendingEvents(page)).map((event) => event.eventId);
		await page.close();

		// Nothing left the device.
		expect(await serverLog(token)).toHaveLength(3);
		await context.setOffline(false);
		const again = await context.newPage();
		await again.goto(`/orders/${orderId}`);
		await expect.poll(() => itemNames(again)).toEqual(['Ceramic mug', 'Linen apron']);
		const log = await expectConverged(token, again);
		expect(log.map((event) => event.eventId).slice(3)).toEqual(pendingIds);
	});

	it('two tabs never push the same event twice', async () => {
		const context = await browser.newContext();
		const pushed: string[] = [];
		const failed: string[] = [];
		context.on('request', (request) => {
			if (!request.url().endsWith('/api/sync/push')) return;
			const body = request.postDataJSON() as { events: { eventId: string }[] };
			pushed.push(...body.events.map((event) => event.eventId));
		});
		context.on('requestfailed', (request) => {
			if (request.url().endsWith('/api/sync/push')) failed.push(request.url());
		});
		const a = await context.newPage();
		await createWorkspace(a, uniqueWorkspace(), 'Tabby');
		const token = await sessionToken(a);
		const orderId = await createOrder(a, 'Two Tabs');
		const b = await context.newPage();
		await b.goto(`/orders/${orderId}`);
		await eventually(() => b.locator('h1').textContent(), 'Two Tabs');

		// Both tabs add items, alternately, as fast as the forms allow.
		for (let i = 0; i < 4; i++) {
			await addItem(a, { name: `Alpha ${i}`, price: '1.00' });
			await addItem(b, { name: `Beta ${i}`, price: '2.00' });
		}
		await expectConverged(token, a, b);
		// The leading tab closes (whichever it was); the other one takes over.
		await a.close();
		await addItem(b, { name: 'After close', price: '3.00' });

		const log = await expectConverged(token, b);
		// The order, its number, the series named, nine items.
		expect(log).toHaveLength(12);
		expect(failed).toEqual([]);
		const twice = pushed.filter((id, index) => pushed.indexOf(id) !== index);
		expect(twice, 'eventIds pushed more than once').toEqual([]);
		expect(new Set(pushed)).toEqual(new Set(log.map((event) => event.eventId)));
	});
});

describe('a first visit that went offline before the app had all its parts', () => {
	it('asks for a reload once online, and signs up after it', async () => {
		// No service worker: nothing is kept for offline, as on a first visit before it installs.
		const page = await browser.newPage();
		await openSync(page);
		await page.waitForLoadState('networkidle');
		await page.context().setOffline(true);
		await page.getByRole('tab', { name: 'Create a workspace' }).click();
		await page.getByRole('textbox', { name: 'Workspace' }).fill(uniqueWorkspace());
		await page.getByRole('textbox', { name: 'Your name' }).fill('Olga');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		const create = page.getByRole('button', { name: 'Create workspace' });
		await create.click();
		await expect.poll(() => page.getByText("Can't reach the server").count()).toBe(1);

		// Online again: the sign-up code that failed to download stays failed in this page.
		await page.context().setOffline(false);
		await create.click();
		const note = page
			.getByRole('alert')
			.filter({ has: page.getByRole('button', { name: 'Reload' }) });
		await note.waitFor();
		await expect.poll(() => page.getByText(/Reload the page, then try again/).count()).toBe(1);

		await note.getByRole('button', { name: 'Reload' }).click();
		await page.getByRole('heading', { name: 'Sync', level: 1 }).waitFor();
		expect(await page.getByText("didn't finish downloading").count()).toBe(0);
		await page.getByRole('tab', { name: 'Create a workspace' }).click();
		await page.getByRole('textbox', { name: 'Workspace' }).fill(uniqueWorkspace());
		await page.getByRole('textbox', { name: 'Your name' }).fill('Olga');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'Create workspace' }).click();
		await page.getByRole('heading', { name: 'Your account' }).waitFor();
	});
});

describe('another workspace on the same device', () => {
	it('says whose the signed-out work is, shows the other workspace apart, and comes back', async () => {
		const page = await browser.newPage();
		const first = uniqueWorkspace();
		await createWorkspace(page, first, 'Ada');
		await createOrder(page, 'Noor Haddad');
		await openSync(page);
		await page.getByRole('button', { name: 'Sign out…' }).click();
		await page.getByRole('button', { name: 'Sign out', exact: true }).click();
		const promise = page.locator('.promise');
		await expect.poll(() => promise.textContent()).toContain(`belongs to ${first}`);

		// Another workspace shows its own (empty) space; the first one's order stays on the device.
		const second = uniqueWorkspace();
		await page.getByRole('tab', { name: 'Create a workspace' }).click();
		await page.getByRole('textbox', { name: 'Workspace' }).fill(second);
		await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'Create workspace' }).click();
		await page.getByRole('heading', { name: 'Your account' }).waitFor();
		await page.goto('/orders');
		await page.getByText('No orders yet').waitFor();

		await openSync(page);
		await page.getByRole('button', { name: 'Sign out…' }).click();
		await page.getByRole('button', { name: 'Sign out', exact: true }).click();
		await expect.poll(() => promise.textContent()).toContain(`belongs to ${second}`);
		await page.getByRole('tab', { name: 'Sign in' }).click();
		await page.getByRole('textbox', { name: 'Workspace' }).fill(first);
		await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
		await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in', exact: true }).click();
		await page.getByRole('heading', { name: 'Your account' }).waitFor();
		await page.goto('/orders');
		await page
			.getByRole('link', { name: /Noor Haddad/ })
			.first()
			.waitFor();
	});
});
