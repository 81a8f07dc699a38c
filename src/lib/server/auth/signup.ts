import type { Role, SessionResponse, SignupRequest } from '../../protocol';
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
		// The creator of a workspace is its first owner; an invite says the role it joins with.
		const { workspaceId, role } =
			request.invite === undefined
				? { workspaceId: await createWorkspace(tx, request.workspace!), role: 'owner' as const }
				: await redeemInvite(tx, request.invite, request.workspace, options.now);
		const userId = crypto.randomUUID();
		const created = await tx.query(
			`INSERT INTO users (id, workspace_id, name, password_hash, role)
			VALUES ($1::text, $2::text, $3::text, $4::text, $5::text)
			ON CONFLICT DO NOTHING RETURNING id`,
			[userId, workspaceId, request.name, passwordHash, role]
		);
		if (created.length === 0) {
			// Removed people keep their name (their events show it): rejoining takes another name,
			// or an owner gives the removed person a role again (PATCH /api/workspace/members/:userId).
			throw new AlreadyExistsError(
				`This workspace already has, or had, a person named "${request.name}"; pick another name.`
			);
		}
		if (request.invite !== undefined) {
			await tx.query(
				`UPDATE invites SET used_by = $2::text, used_at = $3::timestamptz WHERE code_hash = $1::text`,
				[hashSecret(request.invite), userId, options.now.toISOString()]
			);
		}
		return createSession(tx, {
			userId,
			workspaceId,
			role,
			device: request.device,
			now: options.now,
			expiresAt: options.sessionExpiresAt
		});
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

/** The invite's workspace and role; an invite is single use and expires. */
async function redeemInvite(
	tx: SqlExecutor,
	code: string,
	workspaceName: string | undefined,
	now: Date
): Promise<{ workspaceId: string; role: Role }> {
	// FOR UPDATE: two people redeeming one code at once, only one gets it. An invite is only as
	// good as its maker: once they are removed or no longer an owner, their unused codes are void,
	// so nobody shown the door can come back in through a code they kept.
	const [invite] = await tx.query<{ workspace_id: string; name: string; role: Role }>(
		`SELECT i.workspace_id, w.name, i.role FROM invites i
		JOIN workspaces w ON w.id = i.workspace_id
		JOIN users maker ON maker.id = i.created_by
		WHERE i.code_hash = $1::text AND i.used_by IS NULL AND i.expires_at > $2::timestamptz
			AND maker.role = 'owner' AND maker.removed_at IS NULL
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
	return { workspaceId: invite.workspace_id, role: invite.role };
}
