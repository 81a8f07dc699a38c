import type { Member, Role } from '../../protocol';
import { toIsoTime } from '../event-log/event-row';

/** A `users` row as a member of the list: never the password hash. */
export interface MemberRow {
	id: string;
	name: string;
	role: Role;
	removed_at: Date | string | null;
}

export const MEMBER_COLUMNS = 'id, name, role, removed_at';

export function toMember(row: MemberRow): Member {
	return {
		userId: row.id,
		name: row.name,
		role: row.role,
		removedAt: row.removed_at === null ? null : toIsoTime(row.removed_at)
	};
}
