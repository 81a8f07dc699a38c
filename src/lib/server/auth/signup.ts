import type { SessionResponse, SignupRequest } from '../../protocol';
import type { Database, SqlExecutor } from '../db/database';
import { AlreadyExistsError, ForbiddenError } from '../errors';
import { hashPassword } from './passwords';
import { hashSecret } from './secrets';
import { createSession } from './sessions';

export interface SignupOptions {
	now: Date;
	sessionExpiresAt: Date;
}

/** Creates a workspace and its first user, or, with an invite, a user in the invite's workspace. */
export async function signup(
	db: Database,
	request: SignupRequest,
	options: SignupOptions
): Promise<SessionResponse> {
	// scrypt is slow on purpose: hash before the transaction, not while holding it.
	const passwordHash = await hashPassword(request.password);
	return db.transaction(async (tx) => {
		const workspaceId =
			request.invite === undefined
				? await createWorkspace(tx, request.workspace!)
				: await redeemInvite(tx, request.invite, request.workspace, options.now);
		const userId = crypto.randomUUID();
		const created = await tx.query(
			`INSERT INTO users (id, workspace_id, name, password_hash)
			VALUES ($1::text, $2::text, $3::text, $4::text)
			ON CONFLICT DO NOTHING RETURNING id`,
			[userId, workspaceId, request.name, passwordHash]
		);
		if (created.length === 0) {
			throw new AlreadyExistsError(`This workspace already has a user named "${request.name}".`);
		}
		if (request.invite !== undefined) {
			await tx.query(
				`UPDATE invites SET used_by = $2::text, used_at = $3::timestamptz WHERE code_hash = $1::text`,
				[hashSecret(request.invite), userId, options.now.toISOString()]
			);
		}
		return createSession(tx, userId, workspaceId, options.sessionExpiresAt);
	});
}

async function createWorkspace(tx: SqlExecutor, name: string): Promise<string> {
	const id = crypto.randomUUID();
	const created = await tx.query(
		`INSERT INTO workspaces (id, name) VALUES ($1::text, $2::text) ON CONFLICT DO NOTHING RETURNING id`,
		[id, name]
	);
	if (created.length === 0) {
		throw new AlreadyExistsError(
			`A workspace named "${name}" exists already; ask one of its members for an invite, or pick another name.`
		);
	}
	return id;
}

/** The invite's workspace; an invite is single use and expires. */
async function redeemInvite(
	tx: SqlExecutor,
	code: string,
	workspaceName: string | undefined,
	now: Date
): Promise<string> {
	// FOR UPDATE: two people redeeming one code at once, only one gets it.
	const [invite] = await tx.query<{ workspace_id: string; name: string }>(
		`SELECT i.workspace_id, w.name FROM invites i JOIN workspaces w ON w.id = i.workspace_id
		WHERE i.code_hash = $1::text AND i.used_by IS NULL AND i.expires_at > $2::timestamptz
		FOR UPDATE OF i`,
		[hashSecret(code), now.toISOString()]
	);
	if (
		!invite ||
		(workspaceName !== undefined && workspaceName.toLowerCase() !== invite.name.toLowerCase())
	) {
		throw new ForbiddenError(
			'This invite code is not valid for this workspace: it may be mistyped, used or expired. Ask for a new one.'
		);
	}
	return invite.workspace_id;
}
