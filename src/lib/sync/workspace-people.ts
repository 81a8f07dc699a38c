import type {
	ChangePasswordRequest,
	Member,
	MembersResponse,
	Role,
	SessionInfo
} from '../protocol';
import type { SyncSession } from './session';
import type { SyncApi } from './sync-api';
import { revokeReasonOf } from './revoke-reason';
import { isSyncHttpError } from './sync-errors';

export interface WorkspacePeopleOptions {
	api: SyncApi;
	/** The signed-in session; throws when there is none. */
	session: () => SyncSession;
	/** A members list arrived: names, and the caller's own role, are kept on the device. */
	learned: (response: MembersResponse) => Promise<void>;
	/** The server refused the token (a 401): the device signs out, saying why. */
	refused: (session: SyncSession, error: unknown) => Promise<void>;
}

/**
 * Who is in the workspace and what they may do (DESIGN.md, "Who may do what"), and the
 * person's own password and sessions: calls that need the network and a sign-in, each
 * answered by the server or failing with its `SyncHttpError`.
 */
export class WorkspacePeople {
	constructor(private readonly options: WorkspacePeopleOptions) {}

	/** Everyone who is or was in the workspace; refreshes the device's names and role. */
	async list(): Promise<MembersResponse> {
		const response = await this.call((token, api) => api.members(token));
		await this.options.learned(response);
		return response;
	}

	/** An invite code for one person, joining with `role`. */
	async invite(role: Role): Promise<string> {
		const { code } = await this.call((token, api) => api.createInvite(token, role));
		return code;
	}

	changeRole(userId: string, role: Role): Promise<Member> {
		return this.call((token, api) => api.changeRole(token, userId, role));
	}

	remove(userId: string): Promise<Member> {
		return this.call((token, api) => api.removeMember(token, userId));
	}

	/**
	 * Returns how many other sessions were signed out. A 401 without a reason may be a wrong
	 * current password: only one that names a reason signs this device out.
	 */
	changePassword(request: ChangePasswordRequest): Promise<number> {
		return this.call((token, api) => api.changePassword(token, request), { reasonRequired: true });
	}

	/** The prefix the workspace gave this device's series of numbers (the same on every call). */
	async seriesPrefix(deviceId: string): Promise<string> {
		const { prefix } = await this.call((token, api) => api.seriesPrefix(token, deviceId));
		return prefix;
	}

	sessions(): Promise<SessionInfo[]> {
		return this.call((token, api) => api.sessions(token));
	}

	revokeSession(sessionId: string): Promise<void> {
		return this.call((token, api) => api.revokeSession(token, sessionId));
	}

	/** A call with the signed-in token: a 401 signs this device out, saying why. */
	async call<T>(
		run: (token: string, api: SyncApi) => Promise<T>,
		{ reasonRequired = false } = {}
	): Promise<T> {
		const session = this.options.session();
		try {
			return await run(session.token, this.options.api);
		} catch (error) {
			const refused = reasonRequired ? revokeReasonOf(error) : isSyncHttpError(error, 401);
			if (refused) await this.options.refused(session, error);
			throw error;
		}
	}
}
