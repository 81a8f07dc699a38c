import type { z } from 'zod';
import type {
	ChangePasswordRequest,
	DeadLetter,
	Webhook,
	InviteResponse,
	LoginRequest,
	Member,
	MembersResponse,
	Role,
	SessionInfo,
	SeriesPrefixResponse,
	PullResponse,
	PushResponse,
	SessionResponse,
	SignupRequest,
	WireEvent
} from '../protocol';
import { DEFAULT_PULL_LIMIT } from '../protocol/limits';
import { LIVE_HEAD_EVENT } from '../protocol/wire-names';
import { loadSyncCode, SyncHttpError, SyncNetworkError } from './sync-errors';
import type * as WireSchemasModule from './wire-schemas';

export type Fetch = (input: Request) => Promise<Response>;

type WireSchemas = typeof WireSchemasModule;

let wireSchemas: Promise<WireSchemas> | undefined;

/** The answers' schemas, loaded with the first request (zod is a fifth of the app's code). */
function loadWireSchemas(): Promise<WireSchemas> {
	// A failed load (offline before the service worker cached it) is a network failure, and
	// the next request tries again.
	wireSchemas ??= loadSyncCode(() => import('./wire-schemas')).catch((error: unknown) => {
		wireSchemas = undefined;
		throw error;
	});
	return wireSchemas;
}

/**
 * The server sends a heartbeat every 15 s: a live stream silent for three of them is a
 * connection that died without closing (a network that changed, a server that vanished), and
 * is given up so that the client finds out, by syncing, whether the server is still there.
 */
export const LIVE_SILENCE_MS = 45_000;

/**
 * The wire contract as calls: one method per endpoint, answers checked with the protocol's
 * schemas, failures as `SyncHttpError` (the server said no) or `SyncNetworkError` (no answer).
 */
export class SyncApi {
	constructor(
		private readonly fetch: Fetch,
		private readonly baseUrl: string
	) {}

	signup(body: SignupRequest): Promise<SessionResponse> {
		return this.#json('POST', '/api/auth/signup', (schemas) => schemas.sessionResponseSchema, {
			body
		});
	}

	login(body: LoginRequest): Promise<SessionResponse> {
		return this.#json('POST', '/api/auth/login', (schemas) => schemas.sessionResponseSchema, {
			body
		});
	}

	async logout(token: string): Promise<void> {
		await this.#send('POST', '/api/auth/logout', { token, body: {} });
	}

	/** An invite code for one person, who joins with `role` (owners only). */
	createInvite(token: string, role: Role = 'member'): Promise<InviteResponse> {
		return this.#json('POST', '/api/workspace/invites', (schemas) => schemas.inviteResponseSchema, {
			token,
			body: { role }
		});
	}

	members(token: string): Promise<MembersResponse> {
		return this.#json('GET', '/api/workspace/members', (schemas) => schemas.membersResponseSchema, {
			token
		});
	}

	/** Gives someone another role (owners only); 409 `last_owner` for the last owner. */
	changeRole(token: string, userId: string, role: Role): Promise<Member> {
		return this.#json(
			'PATCH',
			`/api/workspace/members/${encodeURIComponent(userId)}`,
			(schemas) => schemas.memberSchema,
			{
				token,
				body: { role }
			}
		);
	}

	/** Removes someone (owners only): their sessions end at once, their events stay, named. */
	removeMember(token: string, userId: string): Promise<Member> {
		return this.#json(
			'DELETE',
			`/api/workspace/members/${encodeURIComponent(userId)}`,
			(schemas) => schemas.memberSchema,
			{ token }
		);
	}

	/** The workspace's webhooks, without their secrets (owners only). */
	async webhooks(token: string): Promise<Webhook[]> {
		const { webhooks } = await this.#json(
			'GET',
			'/api/workspace/webhooks',
			(schemas) => schemas.webhooksResponseSchema,
			{ token }
		);
		return webhooks;
	}

	/** The events a webhook gave up on, in position order (owners only). */
	async deadLetters(token: string, webhookId: string): Promise<DeadLetter[]> {
		const { deadLetters } = await this.#json(
			'GET',
			`/api/workspace/webhooks/${encodeURIComponent(webhookId)}/dead-letters`,
			(schemas) => schemas.deadLettersResponseSchema,
			{ token }
		);
		return deadLetters;
	}

	/** Queues one dead letter (by position), or all, for another attempt; returns how many. */
	async redeliver(token: string, webhookId: string, position?: number): Promise<number> {
		const { queued } = await this.#json(
			'POST',
			`/api/workspace/webhooks/${encodeURIComponent(webhookId)}/redeliver`,
			(schemas) => schemas.redeliverResponseSchema,
			{ token, body: position === undefined ? {} : { position } }
		);
		return queued;
	}

	/** The prefix of `deviceId`'s series of numbers in the caller's workspace (not for viewers). */
	seriesPrefix(token: string, deviceId: string): Promise<SeriesPrefixResponse> {
		return this.#json(
			'POST',
			'/api/workspace/series',
			(schemas) => schemas.seriesPrefixResponseSchema,
			{ token, body: { deviceId } }
		);
	}

	/** Changes the caller's password; every other session of theirs ends. */
	async changePassword(token: string, body: ChangePasswordRequest): Promise<number> {
		const { revokedSessions } = await this.#json(
			'POST',
			'/api/auth/password',
			(schemas) => schemas.changePasswordResponseSchema,
			{ token, body }
		);
		return revokedSessions;
	}

	/** The caller's sign-ins, newest use first; `current` marks the one asking. */
	async sessions(token: string): Promise<SessionInfo[]> {
		const { sessions } = await this.#json(
			'GET',
			'/api/auth/sessions',
			(schemas) => schemas.sessionsResponseSchema,
			{
				token
			}
		);
		return sessions;
	}

	/** Ends one of the caller's sessions (signs that device out). */
	async revokeSession(token: string, sessionId: string): Promise<void> {
		await this.#send('DELETE', `/api/auth/sessions/${encodeURIComponent(sessionId)}`, { token });
	}

	/**
	 * Pushes `events`; `json`, when given, is each event's JSON (`JSON.stringify(events[i])`),
	 * already made to size the batch, which the body then reuses instead of serialising again.
	 */
	push(
		token: string,
		deviceId: string,
		events: WireEvent[],
		json?: readonly string[]
	): Promise<PushResponse> {
		const body = json
			? new JsonText(`{"deviceId":${JSON.stringify(deviceId)},"events":[${json.join(',')}]}`)
			: { deviceId, events };
		return this.#json('POST', '/api/sync/push', (schemas) => schemas.pushResponseSchema, {
			token,
			body
		});
	}

	pull(token: string, after: number, limit = DEFAULT_PULL_LIMIT): Promise<PullResponse> {
		return this.#json(
			'GET',
			`/api/sync/pull?after=${after}&limit=${limit}`,
			(schemas) => schemas.pullResponseSchema,
			{
				token
			}
		);
	}

	/**
	 * Follows `GET /api/sync/live` and calls `onHead` for every head it announces, until the
	 * stream ends, `signal` aborts, or nothing (not even a heartbeat) arrives for `silenceMs`.
	 * Uses fetch, not EventSource, which cannot send a token.
	 */
	async live(
		token: string,
		signal: AbortSignal,
		onHead: (head: number) => void,
		silenceMs = LIVE_SILENCE_MS
	): Promise<void> {
		// Before the silence is timed: loading the schemas is not the server going quiet.
		const { liveHeadSchema } = await loadWireSchemas();
		if (signal.aborted) return;
		const quiet = new AbortController();
		const stop = () => quiet.abort();
		signal.addEventListener('abort', stop, { once: true });
		let silence = setTimeout(stop, silenceMs);
		try {
			const response = await this.#send('GET', '/api/sync/live', { token, signal: quiet.signal });
			const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
			if (!reader) return;
			// Not every body stream ends when the request is aborted: the read is raced with it.
			const givenUp = new Promise<never>((_, reject) =>
				quiet.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
			);
			givenUp.catch(() => undefined);
			let buffer = '';
			for (;;) {
				const { value, done } = await Promise.race([reader.read(), givenUp]).catch(
					(error: unknown) => {
						if (signal.aborted) return { value: undefined, done: true as const };
						void reader.cancel().catch(() => undefined);
						throw new SyncNetworkError(
							quiet.signal.aborted
								? 'The live connection went quiet.'
								: 'The live connection dropped.',
							{ cause: error }
						);
					}
				);
				if (done) return;
				clearTimeout(silence);
				silence = setTimeout(stop, silenceMs);
				buffer += value;
				let end: number;
				while ((end = buffer.indexOf('\n\n')) !== -1) {
					const head = parseHead(buffer.slice(0, end), liveHeadSchema);
					buffer = buffer.slice(end + 2);
					if (head !== undefined) onHead(head);
				}
			}
		} finally {
			clearTimeout(silence);
			signal.removeEventListener('abort', stop);
		}
	}

	async #json<Schema extends z.ZodType>(
		method: string,
		path: string,
		schemaOf: (schemas: WireSchemas) => Schema,
		options: { token?: string; body?: unknown }
	): Promise<z.output<Schema>> {
		// The schemas load while the request is on the wire.
		const [response, schemas] = await Promise.all([
			this.#send(method, path, options),
			loadWireSchemas()
		]);
		const parsed = schemaOf(schemas).safeParse(await response.json().catch(() => undefined));
		if (!parsed.success) {
			throw new SyncHttpError(
				response.status,
				'bad_response',
				'The server answered in a shape this app does not understand.',
				undefined
			);
		}
		return parsed.data;
	}

	async #send(
		method: string,
		path: string,
		options: { token?: string; body?: unknown; signal?: AbortSignal }
	): Promise<Response> {
		const headers = new Headers();
		if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
		if (options.body !== undefined) headers.set('Content-Type', 'application/json');
		const request = new Request(new URL(path, this.baseUrl), {
			method,
			headers,
			...(options.body !== undefined ? { body: jsonOf(options.body) } : {}),
			...(options.signal ? { signal: options.signal } : {})
		});
		let response: Response;
		try {
			response = await this.fetch(request);
		} catch (error) {
			throw new SyncNetworkError('The server could not be reached.', { cause: error });
		}
		if (response.ok) return response;
		const body = (await response.json().catch(() => undefined)) as
			{ error?: string; message?: string } | undefined;
		const retryAfter = Number(response.headers.get('Retry-After'));
		throw new SyncHttpError(
			response.status,
			body?.error ?? 'http_error',
			body?.message ?? `The server answered ${response.status}.`,
			body,
			Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined
		);
	}
}

/** A body already serialised to JSON. */
class JsonText {
	constructor(readonly text: string) {}
}

function jsonOf(body: unknown): string {
	return body instanceof JsonText ? body.text : JSON.stringify(body);
}

function parseHead(
	block: string,
	liveHeadSchema: WireSchemas['liveHeadSchema']
): number | undefined {
	let event = 'message';
	let data = '';
	for (const line of block.split('\n')) {
		if (line.startsWith('event:')) event = line.slice(6).trim();
		else if (line.startsWith('data:')) data += line.slice(5).trim();
	}
	if (event !== LIVE_HEAD_EVENT || !data) return undefined;
	try {
		const parsed = liveHeadSchema.safeParse(JSON.parse(data));
		return parsed.success ? parsed.data.head : undefined;
	} catch {
		return undefined;
	}
}
