import { canManage, type Member, type MembersResponse, type Role } from '$lib/protocol';

export const ROLE_WORDS: Record<Role, { label: string; can: string; you: string }> = {
	owner: {
		label: 'Owner',
		can: 'changes everything, invites people and manages roles',
		you: 'You are an owner: you change everything, invite people and manage roles.'
	},
	member: {
		label: 'Member',
		can: 'makes and changes orders and accounts',
		you: 'You are a member: you make and change orders and accounts. Owners invite people and change roles.'
	},
	viewer: {
		label: 'Viewer',
		can: 'sees everything, changes nothing',
		you: 'You are a viewer: you see everything and change nothing. Owners invite people and change roles.'
	}
};

export interface MemberRow {
	member: Member;
	you: boolean;
	/** Why this person's role can't be changed or they can't be removed, or undefined. */
	locked?: string;
	/** Whether the caller may change this person's role or remove them. */
	manageable: boolean;
}

/**
 * The Members section's rows: people in the workspace first (owners, then by name), removed
 * people after. The last owner is locked: the server would refuse with `last_owner`.
 */
export function memberRows(response: MembersResponse): { current: MemberRow[]; removed: Member[] } {
	const manager = canManage(response.you.role);
	const active = response.members.filter((member) => member.removedAt === null);
	const owners = active.filter((member) => member.role === 'owner').length;
	const rank = (role: Role) => ['owner', 'member', 'viewer'].indexOf(role);
	const current = active
		.toSorted((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name))
		.map((member): MemberRow => {
			const lastOwner = member.role === 'owner' && owners === 1;
			return {
				member,
				you: member.userId === response.you.userId,
				manageable: manager,
				...(lastOwner
					? {
							locked:
								'The only owner. Make someone else an owner first, so the workspace always has one.'
						}
					: {})
			};
		});
	const removed = response.members
		.filter((member) => member.removedAt !== null)
		.toSorted((a, b) => a.name.localeCompare(b.name));
	return { current, removed };
}
