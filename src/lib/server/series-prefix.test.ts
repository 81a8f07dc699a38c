import { describe, expect, it } from 'vitest';
import { testBackends, useTestServer } from './testing';

const PATH = '/api/workspace/series';

describe.each(testBackends())('series prefixes on $kind', { timeout: 30_000 }, (backend) => {
	const { client } = useTestServer(backend);
	const ask = (token: string | undefined, deviceId: unknown) =>
		client.request<{ prefix?: string; error?: string }>('POST', PATH, {
			...(token ? { token } : {}),
			json: { deviceId }
		});

	it('gives each device of a workspace its own prefix, in order, the same on every call', async () => {
		const owner = await client.signup();
		const member = await client.join(owner.token, 'mona');
		const first = await ask(owner.token, 'device-one');
		const second = await ask(member.token, 'device-two');
		expect([first.status, first.body.prefix]).toEqual([200, 'A']);
		expect([second.status, second.body.prefix]).toEqual([200, 'B']);
		// Whoever asks for the device, and however often, it keeps its prefix.
		expect((await ask(member.token, 'device-one')).body.prefix).toBe('A');
		expect((await ask(owner.token, 'device-two')).body.prefix).toBe('B');
	});

	it('gives devices asking at once different prefixes, and each one a single prefix', async () => {
		const owner = await client.signup();
		const devices = Array.from({ length: 30 }, (_, index) => `device-${index}`);
		const answers = await Promise.all(
			[...devices, ...devices].map((deviceId) => ask(owner.token, deviceId))
		);
		expect(answers.every(({ status }) => status === 200)).toBe(true);
		const byDevice = new Map<string, Set<string>>();
		answers.forEach(({ body }, index) => {
			const deviceId = devices[index % devices.length]!;
			byDevice.set(deviceId, (byDevice.get(deviceId) ?? new Set()).add(body.prefix!));
		});
		expect([...byDevice.values()].every((prefixes) => prefixes.size === 1)).toBe(true);
		const prefixes = [...byDevice.values()].map((set) => [...set][0]);
		expect(new Set(prefixes).size).toBe(devices.length);
		expect(prefixes).toContain('A');
		expect(prefixes).toContain('AD');
	});

	it('counts per workspace: another workspace starts at A again', async () => {
		const other = await client.signup();
		expect((await ask(other.token, 'device-one')).body.prefix).toBe('A');
	});

	it('is for members and owners signed in: 401 without a token, 403 for a viewer', async () => {
		const owner = await client.signup();
		const viewer = await client.join(owner.token, 'vic', 'viewer');
		expect((await ask(undefined, 'device-v')).status).toBe(401);
		const refused = await ask(viewer.token, 'device-v');
		expect(refused.status).toBe(403);
		// The viewer's refusal used no prefix up.
		expect((await ask(owner.token, 'device-o')).body.prefix).toBe('A');
	});

	it.each([[''], ['has space'], ['x'.repeat(101)], [42]])(
		'refuses the device id %j with 400',
		async (deviceId) => {
			const owner = await client.signup();
			const response = await ask(owner.token, deviceId);
			expect([response.status, response.body.error]).toEqual([400, 'invalid_request']);
		}
	);

	it('refuses a body that is not JSON with 415', async () => {
		const owner = await client.signup();
		const response = await client.request('POST', PATH, {
			token: owner.token,
			body: 'deviceId=one',
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(response.status).toBe(415);
	});
});
