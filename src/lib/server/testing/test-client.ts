import type {
	AcceptedEvent,
	InviteResponse,
	Issue,
	PullResponse,
	PushRequest,
	RevokeReason,
	Role,
	SessionResponse,
	StreamConflict,
	SyncedEvent,
	WireEvent
} from '../../protocol';
import type { SyncServer } from '../sync-server';

const BASE = 'http://rewind.test';

/** The password of every person the test client signs up. */
export const TEST_PASSWORD = 'correct horse battery';

/** Any body the contract answers with: each response fills the fields of its kind. */
export interface TestBody {
	error?: string;
	message?: string;
	issues?: Issue[];
	eventId?: string;
	conflicts?: StreamConflict[];
	accepted?: AcceptedEvent[];
	head?: number;
	events?: SyncedEvent[];
	hasMore?: boolean;
	token?: string;
	userId?: string;
	workspaceId?: string;
	role?: Role;
	reason?: RevokeReason;
	code?: string;
	status?: string;
	database?: string;
}

export interface TestResponse<Body = TestBody> {
	status: number;
	headers: Headers;
	body: Body;
	/** The body as it was sent, before parsing: what byte limits are about. */
	text: string;
}

/** Calls the server's handlers in-process, the way a client would over HTTP. */
export class TestClient {
	constructor(readonly server: Pick<SyncServer, 'handle'>) {}

	async request<Body = TestBody>(
		method: string,
		path: string,
		options: {
			token?: string;
			json?: unknown;
			body?: BodyInit;
			headers?: Record<string, string>;
		} = {}
	): Promise<TestResponse<Body>> {
		const headers: Record<string, string> = { ...options.headers };
		if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
		let body = options.body;
		if (options.json !== undefined) {
			body = JSON.stringify(options.json);
			headers['content-type'] ??= 'application/json';
		}
		const response = await this.server.handle(new Request(BASE + path, { method, headers, body }));
		const text = await response.text();
		const type = response.headers.get('content-type') ?? '';
		return {
			status: response.status,
			headers: response.headers,
			body: (text && type.startsWith('application/json') ? JSON.parse(text) : text) as Body,
			text
		};
	}

	/** A new workspace with one user, named uniquely so tests never collide. */
	async signup(workspace = `ws-${crypto.randomUUID()}`, name = 'ada'): Promise<SessionResponse> {
		const response = await this.request<SessionResponse>('POST', '/api/auth/signup', {
			json: { workspace, name, password: TEST_PASSWORD }
		});
		if (response.status !== 201) throw new Error(`signup failed: ${JSON.stringify(response.body)}`);
		return response.body;
	}

	/** An invite code of the owner's workspace, for `role`. */
	async invite(ownerToken: string, role: Role = 'member'): Promise<string> {
		const response = await this.request<InviteResponse>('POST', '/api/workspace/invites', {
			token: ownerToken,
			json: { role }
		});
		if (response.status !== 201) throw new Error(`invite failed: ${JSON.stringify(response.body)}`);
		return response.body.code;
	}

	/** A new person in the owner's workspace, with `role`. */
	async join(ownerToken: string, name: string, role: Role = 'member'): Promise<SessionResponse> {
		const code = await this.invite(ownerToken, role);
		const response = await this.request<SessionResponse>('POST', '/api/auth/signup', {
			json: { name, password: TEST_PASSWORD, invite: code }
		});
		if (response.status !== 201) throw new Error(`join failed: ${JSON.stringify(response.body)}`);
		return response.body;
	}

	login(workspace: string, name: string, password = TEST_PASSWORD, device?: string) {
		return this.request<SessionResponse & TestBody>('POST', '/api/auth/login', {
			json: { workspace, name, password, device }
		});
	}

	push(token: string, events: WireEvent[], deviceId = 'device-1') {
		return this.request('POST', '/api/sync/push', {
			token,
			json: { deviceId, events } satisfies PushRequest
		});
	}

	pull(token: string, after = 0, limit?: number) {
		const query = `after=${after}${limit === undefined ? '' : `&limit=${limit}`}`;
		return this.request('GET', `/api/sync/pull?${query}`, { token });
	}

	/** A pull that must succeed. */
	async pullPage(token: string, after = 0, limit?: number): Promise<PullResponse> {
		const response = await this.pull(token, after, limit);
		if (response.status !== 200) throw new Error(`pull failed: ${JSON.stringify(response.body)}`);
		return response.body as PullResponse;
	}

	/** The workspace's whole log, page by page. */
	async pullAll(token: string): Promise<SyncedEvent[]> {
		const events: SyncedEvent[] = [];
		for (let after = 0; ;) {
			const page = await this.pullPage(token, after, 1000);
			events.push(...page.events);
			if (!page.hasMore) return events;
			after = page.events.at(-1)!.position;
		}
	}
}

/** A valid `Incremented` event of the fixture domain's counter (src/lib/testing). */
export function counterEvent(
	streamId: string,
	version: number,
	overrides: Partial<WireEvent> = {}
): WireEvent {
	return {
		eventId: crypto.randomUUID(),
		streamId,
		version,
		type: 'Incremented',
		schemaVersion: 1,
		data: { by: 1 },
		metadata: {
			commandId: crypto.randomUUID(),
			correlationId: crypto.randomUUID(),
			userId: 'claimed-user',
			deviceId: 'device-1',
			occurredAt: '2024-05-01T10:00:00.000Z'
		},
		...overrides
	};
}
