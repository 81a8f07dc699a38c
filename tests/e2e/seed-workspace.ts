// A workspace on the server that already holds many changes, made through the HTTP API (much
// faster than through the pages), and a device signing in to it.
import type { Page } from 'playwright-core';
import { expect, inject } from 'vitest';

const PASSWORD = 'correct horse battery';

export interface Seeded {
	workspace: string;
	name: string;
}

/** A workspace on the server with `count` orders, pushed through the HTTP API in batches. */
export async function seedWorkspace(count: number): Promise<Seeded> {
	const base = inject('baseURL');
	const workspace = `Catch-up ${crypto.randomUUID().slice(0, 8)}`;
	const name = 'Seeder';
	const signup = await fetch(`${base}/api/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ workspace, name, password: PASSWORD })
	});
	expect(signup.status).toBe(201);
	const { token, userId } = (await signup.json()) as { token: string; userId: string };
	const at = new Date().toISOString();
	for (let start = 0; start < count; start += 500) {
		const events = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({
			eventId: crypto.randomUUID(),
			streamId: `order-${crypto.randomUUID()}`,
			version: 1,
			type: 'OrderCreated',
			schemaVersion: 1,
			data: {
				customerName: `Customer ${start + i + 1}`,
				currency: 'EUR',
				createdAt: at,
				createdBy: userId
			},
			metadata: {
				commandId: crypto.randomUUID(),
				correlationId: crypto.randomUUID(),
				userId,
				deviceId: 'seeding-device',
				occurredAt: at
			}
		}));
		const push = await fetch(`${base}/api/sync/push`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ deviceId: 'seeding-device', events })
		});
		expect(push.status, await push.clone().text()).toBe(200);
	}
	return { workspace, name };
}

/** Signs in to the seeded workspace on the Sync page; the device then pulls its changes. */
export async function signIn(page: Page, { workspace, name }: Seeded): Promise<void> {
	await page.goto('/sync');
	await page.getByRole('heading', { name: 'Sync', level: 1 }).waitFor();
	await page.getByRole('tab', { name: 'Sign in' }).click();
	await page.getByRole('textbox', { name: 'Workspace' }).fill(workspace);
	await page.getByRole('textbox', { name: 'Your name' }).fill(name);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
