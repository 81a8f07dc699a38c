import type { Member, Role } from '../../protocol';
import type { Database, SqlExecutor } from '../db/database';
import { ForbiddenError, LastOwnerError, NotFoundError } from '../errors';
import { voidUnusedInvites } from './invites';
import { MEMBER_COLUMNS, toMember, type MemberRow } from './member-row';
import { requireOwner } from './permissions';
import { notifyAccessChanged } from './revocations';
import { revokeSessions, type Caller } from './sessions';

/**
 * Gives a person of the caller's workspace another role (owners only). A removed person given
 * a role is back in the workspace, with their old password; their old sessions stay revoked.
 */
export function changeRole(
	db: Database,
	caller: Caller,
	userId: string,
	role: Role
): Promise<Member> {
	return db.transaction(async (tx) => {
		const target = await lockForChange(tx, caller, userId, 'change roles');
		if (target.role === 'owner' && target.removed_at === null && role !== 'owner') {
			await requireAnotherOwner(tx, caller.workspaceId, userId);
		}
		const [changed] = await tx.query<MemberRow>(
			`UPDATE users SET role = $2::text, removed_at = NULL WHERE id = $1::text
			RETURNING ${MEMBER_COLUMNS}`,
			[userId, role]
		);
		if (role !== 'owner') await voidUnusedInvites(tx, userId);
		// Every process forgets the sessions it cached for them: the new role counts at once.
		await notifyAccessChanged(tx, userId);
		return toMember(changed!);
	});
}

/**
 * Removes a person from the caller's workspace (owners only): every token of theirs stops
 * working at once and their live streams close; their events stay, with their name. Removing
 * someone already removed changes nothing.
 */
export function removeMember(
	db: Database,
	caller: Caller,
	userId: string,
	now: Date
): Promise<Member> {
	return db.transaction(async (tx) => {
		const target = await lockForChange(tx, caller, userId, 'remove people');
		if (target.removed_at !== null) return toMember(target);
		if (target.role === 'owner') await requireAnotherOwner(tx, caller.workspaceId, userId);
		const [removed] = await tx.query<MemberRow>(
			`UPDATE users SET removed_at = $2::timestamptz WHERE id = $1::text
			RETURNING ${MEMBER_COLUMNS}`,
			[userId, now.toISOString()]
		);
		await revokeSessions(tx, userId, 'removed', now);
		await voidUnusedInvites(tx, userId);
		return toMember(removed!);
	});
}

/**
 * Locks the caller's workspace for changes to its people, so two owners demoting or removing
 * each other at once run one after the other and the second sees the first's change. Checks,
 * under the lock, that the caller is still an owner, and returns the target in their workspace.
 */
async function lockForChange(
	tx: SqlExecutor,
	caller: Caller,
	userId: string,
	what: string
): Promise<MemberRow> {
	await tx.query(`SELECT id FROM workspaces WHERE id = $1::text FOR UPDATE`, [caller.workspaceId]);
	const [self] = await tx.query<{ role: Role }>(
		`SELECT role FROM users WHERE id = $1::text AND removed_at IS NULL`,
		[caller.userId]
	);
	if (!self) throw new ForbiddenError('You are no longer in this workspace.');
	requireOwner(self, what);
	const [target] = await tx.query<MemberRow>(
		`SELECT ${MEMBER_COLUMNS} FROM users WHERE id = $1::text AND workspace_id = $2::text`,
		[userId, caller.workspaceId]
	);
	// Someone of another workspace is "not found" too: their existence is not the caller's business.
	if (!target) throw new NotFoundError(`There is nobody with the id ${userId} in your workspace.`);
	return target;
}

async function requireAnotherOwner(
	tx: SqlExecutor,
	workspaceId: string,
	userId: string
): Promise<void> {
	const [other] = await tx.query(
		`SELECT 1 FROM users WHERE workspace_id = $1::text AND id <> $2::text
			AND role = 'owner' AND removed_at IS NULL LIMIT 1`,
		[workspaceId, userId]
	);
	if (!other) throw new LastOwnerError();
}
