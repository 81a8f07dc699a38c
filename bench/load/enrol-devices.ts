import type { SessionResponse } from '../../src/lib/protocol';
import { requestJson } from './http-client';

const PASSWORD = 'correct horse battery';

/** A person signed in on one device, talking to one server process. */
export interface EnrolledDevice {
	index: number;
	workspace: number;
	deviceId: string;
	token: string;
	/** The server process this device talks to. */
	url: string;
}

async function signup(url: string, body: Record<string, string>): Promise<SessionResponse> {
	const answer = await requestJson(`${url}/api/auth/signup`, 'POST', undefined, {
		name: `person-${crypto.randomUUID().slice(0, 8)}`,
		password: PASSWORD,
		...body
	});
	if (answer.status !== 201) {
		throw new Error(`signup: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
	}
	return answer.body as SessionResponse;
}

/**
 * `workspaces` workspaces of `perWorkspace` people each, through the real API: the first signs
 * up and invites the others, who join with the code. Device `i` talks to `urls[i % n]`, so with
 * two server processes every workspace has people on both.
 */
export async function enrolDevices(
	urls: readonly string[],
	workspaces: number,
	perWorkspace: number
): Promise<EnrolledDevice[]> {
	const urlOf = (index: number) => urls[index % urls.length]!;
	const groups = await Promise.all(
		Array.from({ length: workspaces }, async (_, workspace) => {
			const first = workspace * perWorkspace;
			const owner = await signup(urlOf(first), { workspace: `load-${crypto.randomUUID()}` });
			const devices: EnrolledDevice[] = [
				{
					index: first,
					workspace,
					deviceId: `device-${first}`,
					token: owner.token,
					url: urlOf(first)
				}
			];
			for (let n = 1; n < perWorkspace; n++) {
				const index = first + n;
				const invite = await requestJson(
					`${urlOf(first)}/api/workspace/invites`,
					'POST',
					owner.token,
					{}
				);
				if (invite.status !== 201) throw new Error(`invite: ${invite.status}`);
				const { code } = invite.body as { code: string };
				const joined = await signup(urlOf(index), { invite: code });
				devices.push({
					index,
					workspace,
					deviceId: `device-${index}`,
					token: joined.token,
					url: urlOf(index)
				});
			}
			return devices;
		})
	);
	return groups.flat();
}
