import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addItem, createOrder, DESKTOP, PHONE, screenshot, useBrowser } from './harness';

// Who may do what, in real Chromium against the built server: an owner removes someone on one
// device and that person's other device is signed out with its unsynced work kept and shown;
// a viewer's pages offer no forms and never push; the Members controls work from the keyboard.

const browser = useBrowser();
const PASSWORD = 'correct horse battery';

// Evaluated through the driver: the app's CSP refuses inline scripts (as in access.e2e.ts).
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
	await page.evaluate(AXE);
	const violations = await page.evaluate(async () => {
		type Found = { id: string; impact: string; nodes: { target: string[] }[] };
		const axe = (window as unknown as { axe: { run(): Promise<{ violations: Found[] }> } }).axe;
		return (await axe.run()).violations;
	});
	return violations
		.filter(({ impact }) => impact === 'serious' || impact === 'critical')
		.flatMap(({ id, nodes }) => nodes.map(({ target }) => `${id} at ${target.join(' ')}`));
}

const uniqueWorkspace = () => `Stall ${crypto.randomUUID().slice(0, 8)}`;

async function openSync(page: Page): Promise<void> {
	await page.goto('/sync');
	await page.getByRole('heading', { name: 'Sync', level: 1 }).waitFor();
}

async function createWorkspace(page: Page, workspace: string, name: string): Promise<void> {
	await openSync(page);
	await page.getByRole('tab', { name: 'Create a workspace' }).click();
	await page.getByRole('textbox', { name: 'Workspace' }).fill(workspace);
	await page.getByRole('textbox', { name: 'Your name' }).fill(name);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Create workspace' }).click();
	await page.getByRole('heading', { name: 'Your account' }).waitFor();
}

/** The Members section of the Sync page. */
function members(page: Page) {
	return page.getByRole('region', { name: 'Members' });
}

async function inviteCode(page: Page, role: 'Owner' | 'Member' | 'Viewer'): Promise<string> {
	await openSync(page);
	const section = members(page);
	await section.getByLabel('Invite someone as').selectOption({ value: role.toLowerCase() });
	await section.getByRole('button', { name: 'Make an invite code' }).click();
	const code = section.locator('input.code');
	await code.waitFor();
	return code.inputValue();
}

async function joinWorkspace(
	page: Page,
	invite: string,
	name: string,
	workspace: string
): Promise<void> {
	await openSync(page);
	await page.getByRole('tab', { name: 'Join with an invite' }).click();
	await page.getByRole('textbox', { name: 'Invite code' }).fill(invite);
	await page.getByRole('textbox', { name: 'Your name' }).fill(name);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Join workspace' }).click();
	await page.getByRole('heading', { name: 'Your account' }).waitFor();
	// An invite does not say the workspace's name: the device learns it from the members list
	// that follows the join ("Joined with an invite" until then). A page left at once may never
	// have learned it, and a device that then goes offline names "the workspace" in its
	// messages where the tests expect this one's name.
	await page.getByText(`Workspace ${workspace}`, { exact: true }).waitFor();
}

/** Ada owns a new workspace; Grace joined it, on another device, with `role`. */
async function team(
	role: 'Member' | 'Viewer',
	viewport: { width: number; height: number } = DESKTOP
): Promise<{
	workspace: string;
	ada: Page;
	grace: Page;
	graceContext: BrowserContext;
	pushes: string[];
}> {
	const ada = await (await browser.newContext({ viewport })).newPage();
	const graceContext = await browser.newContext({ viewport });
	const pushes: string[] = [];
	graceContext.on('request', (request) => {
		if (request.url().endsWith('/api/sync/push')) pushes.push(request.method());
	});
	const grace = await graceContext.newPage();
	const workspace = uniqueWorkspace();
	await createWorkspace(ada, workspace, 'Ada');
	await joinWorkspace(grace, await inviteCode(ada, role), 'Grace', workspace);
	return { workspace, ada, grace, graceContext, pushes };
}

/** The device's unsynced events, read from IndexedDB with no app code. */
function pendingCount(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('rewind');
				open.onerror = () => reject(new Error(String(open.error)));
				open.onsuccess = () => {
					const db = open.result;
					const request = db.transaction('outbox').objectStore('outbox').count();
					request.onsuccess = () => {
						db.close();
						resolve(request.result);
					};
				};
			})
	);
}

describe('an owner removes someone', () => {
	it('signs their other device out, keeping and showing the work only that device has', async () => {
		const { workspace, ada, grace, graceContext } = await team('Member');

		// The order page is loaded while online: offline, a page needs no network to change things.
		await createOrder(grace, 'Lee');
		await graceContext.setOffline(true);
		await addItem(grace, { name: 'Teapot', price: '18.00' });
		const pending = await pendingCount(grace);
		expect(pending).toBeGreaterThan(0);

		await openSync(ada);
		const section = members(ada);
		await section.getByRole('button', { name: 'Remove Grace…', exact: true }).click();
		const confirm = section.locator('.confirm');
		await expect
			.poll(() => confirm.textContent())
			.toMatch(/Remove Grace from .*\?.*sessions end at once.*changes Grace made stay/s);
		await section.getByRole('button', { name: 'Remove Grace', exact: true }).click();
		await section.getByText('Removed (1)').waitFor();
		// Gone from the people of the workspace; still named among those removed.
		const people = section.getByRole('list', { name: /^People in/ });
		await expect.poll(() => people.getByText('Grace').count()).toBe(0);
		await section.getByText('Removed (1)').click();
		await section.locator('.removed').getByText('Grace').waitFor();

		await graceContext.setOffline(false);
		await openSync(grace);
		await grace.getByRole('heading', { name: `You were removed from ${workspace}` }).waitFor();
		const banner = grace.getByRole('alert').filter({ hasText: 'removed you' });
		expect(await banner.textContent()).toMatch(/Nothing is lost/);
		const kept = grace.getByRole('region', { name: 'Only on this device' });
		await kept.getByText('Teapot').first().waitFor();
		expect(await pendingCount(grace)).toBe(pending);
		await screenshot(grace, 'members-removed-sync-1280');
		// Nothing more can be made that could never reach the workspace.
		await grace.goto('/orders');
		await grace.getByText(`You were removed from ${workspace}`).waitFor();
		expect(await grace.getByRole('button', { name: 'New order' }).count()).toBe(0);
		await screenshot(grace, 'members-removed-orders-1280');
	});
});

describe('a viewer', () => {
	it('gets read-only pages: no forms, no undo, and no push ever', async () => {
		const ada = await (await browser.newContext()).newPage();
		const workspace = uniqueWorkspace();
		await createWorkspace(ada, workspace, 'Ada');
		const orderId = await createOrder(ada, 'Kim');
		await addItem(ada, { name: 'Ceramic mug', price: '12.50' });
		const code = await inviteCode(ada, 'Viewer');

		const graceContext = await browser.newContext();
		const pushes: string[] = [];
		graceContext.on('request', (request) => {
			if (request.url().endsWith('/api/sync/push')) pushes.push(request.url());
		});
		const grace = await graceContext.newPage();
		await joinWorkspace(grace, code, 'Grace', workspace);

		await grace.goto('/orders');
		await grace.getByText('Kim').first().waitFor();
		await grace.getByText(`You can view everything in ${workspace}`).waitFor();
		expect(await grace.getByRole('button', { name: 'New order' }).count()).toBe(0);

		await grace.goto(`/orders/${orderId}`);
		await grace
			.getByRole('cell', { name: 'Ceramic mug' })
			.or(grace.getByText('Ceramic mug'))
			.first()
			.waitFor();
		expect(await grace.locator('form').count()).toBe(0);
		expect(await grace.getByRole('button', { name: 'Submit order' }).count()).toBe(0);
		expect(await grace.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
		expect(await grace.getByRole('button', { name: /^(Add|Change)$/ }).count()).toBe(0);
		expect(await grace.getByRole('button', { name: /^Undo/ }).isDisabled()).toBe(true);
		await screenshot(grace, 'members-viewer-order-1280');
		await grace.setViewportSize(PHONE);
		await screenshot(grace, 'members-viewer-order-390');
		await grace.setViewportSize(DESKTOP);

		await grace.getByRole('tab', { name: /History/ }).click();
		await grace.locator('input[type=range]').fill('1');
		await grace.getByRole('button', { name: 'Back to now' }).waitFor();
		expect(await grace.getByRole('button', { name: 'Restore to here' }).count()).toBe(0);

		await grace.goto('/accounts');
		await grace.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
		expect(await grace.getByRole('button', { name: /Open (the first )?account/ }).count()).toBe(0);

		// Ctrl+Z does nothing for a viewer.
		await grace.keyboard.press('Control+z');

		await openSync(grace);
		const section = members(grace);
		await section.getByText('You are a viewer').waitFor();
		expect(await section.locator('select').count()).toBe(0);
		expect(await section.getByRole('button').count()).toBe(0);
		expect(await seriousViolations(grace)).toEqual([]);
		await screenshot(grace, 'members-viewer-sync-1280');
		await grace.setViewportSize(PHONE);
		await screenshot(grace, 'members-viewer-sync-390');

		expect(await pendingCount(grace)).toBe(0);
		expect(pushes).toEqual([]);
	});
});

describe('the Members section', () => {
	it('is usable from the keyboard, and keeps the last owner from being demoted or removed', async () => {
		const { ada, grace } = await team('Member');
		await openSync(ada);
		const section = members(ada);
		const adaRole = section.getByRole('combobox', { name: 'Role of Ada' });
		await adaRole.waitFor();
		expect(await adaRole.isDisabled()).toBe(true);
		await section.getByText('The only owner.').waitFor();
		await ada.getByRole('heading', { name: 'Your sessions' }).waitFor();
		await ada.getByText('This device', { exact: true }).waitFor();
		expect(await seriousViolations(ada)).toEqual([]);
		await screenshot(ada, 'members-owner-1280');
		await ada.setViewportSize(PHONE);
		await screenshot(ada, 'members-owner-390');
		await ada.setViewportSize(DESKTOP);

		// Tab to Grace's role, pick Viewer with the arrow keys.
		const graceRole = section.getByRole('combobox', { name: 'Role of Grace' });
		await graceRole.focus();
		await ada.keyboard.press('ArrowDown');
		await expect.poll(() => graceRole.inputValue()).toBe('viewer');
		await ada.getByText('Grace is now a viewer.').waitFor();

		// Grace's device finds out on its next look at the list.
		await openSync(grace);
		await members(grace).getByText('You are a viewer').waitFor();
		await grace.goto('/orders');
		await grace.getByText('You can view everything').waitFor();

		// Remove, from the keyboard: Tab reaches the button, Enter asks, the question takes focus.
		await ada.keyboard.press('Tab');
		expect(await ada.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
			'Remove Grace…'
		);
		await ada.keyboard.press('Enter');
		await expect
			.poll(() => ada.evaluate(() => document.activeElement?.id))
			.toBe('remove-confirm-text');
		expect(await seriousViolations(ada)).toEqual([]);
		await ada.keyboard.press('Tab');
		await ada.keyboard.press('Tab');
		expect(await ada.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
			'Keep Grace'
		);
		await ada.keyboard.press('Enter');
		// Keeping them puts focus back where it was.
		await expect
			.poll(() => ada.evaluate(() => document.activeElement?.getAttribute('aria-label')))
			.toBe('Remove Grace…');
		await ada.keyboard.press('Enter');
		await ada.keyboard.press('Tab');
		await ada.keyboard.press('Enter');
		await section.getByText('Removed (1)').waitFor();
	});
});
