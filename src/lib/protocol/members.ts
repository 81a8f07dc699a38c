import { z } from 'zod';

import { ROLES } from './wire-names';

export const roleSchema = z.enum(ROLES);

export type Role = z.output<typeof roleSchema>;

/** Whether a role may push events (everyone but viewers). */
export function canWrite(role: Role): boolean {
	return role !== 'viewer';
}

/** Whether a role may invite, change roles and remove people. */
export function canManage(role: Role): boolean {
	return role === 'owner';
}

export const memberSchema = z.strictObject({
	userId: z.string().min(1),
	name: z.string().min(1),
	role: roleSchema,
	/** When an owner removed them, or null. Removed people stay listed: their events keep a name. */
	removedAt: z.iso.datetime({ offset: true }).nullable()
});

export type Member = z.output<typeof memberSchema>;

/**
 * 200 from `GET /api/workspace/members`: the caller's workspace, the caller, and everyone who
 * is or was in it, so a device can show a name where an event only carries a user id.
 */
export const membersResponseSchema = z.strictObject({
	workspace: z.strictObject({ workspaceId: z.string().min(1), name: z.string().min(1) }),
	you: z.strictObject({ userId: z.string().min(1), role: roleSchema }),
	members: z.array(memberSchema)
});

export type MembersResponse = z.output<typeof membersResponseSchema>;

/** `POST /api/workspace/invites` (owners only): the role the invited person joins with. */
export const inviteRequestSchema = z.strictObject({
	role: roleSchema.optional().default('member')
});

export type InviteRequest = z.input<typeof inviteRequestSchema>;

/** `PATCH /api/workspace/members/:userId` (owners only) → 200 `Member`. */
export const changeRoleRequestSchema = z.strictObject({ role: roleSchema });

export type ChangeRoleRequest = z.output<typeof changeRoleRequestSchema>;
