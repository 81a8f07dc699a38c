import { describe, expect, it } from 'vitest';
import type { Member, MembersResponse } from '$lib/protocol';
import { memberRows } from './members-view';

const member = (
	userId: string,
	name: string,
	role: Member['role'],
	removedAt: string | null = null
) => ({ userId, name, role, removedAt }) satisfies Member;

function response(you: MembersResponse['you'], members: Member[]): MembersResponse {
	return { workspace: { workspaceId: 'w1', name: 'Corner Shop' }, you, members };
}

describe('memberRows', () => {
	it('lists owners first, then by name, and removed people apart', () => {
		const rows = memberRows(
			response({ userId: 'u1', role: 'owner' }, [
				member('u3', 'Zoe', 'member'),
				member('u2', 'Bob', 'viewer'),
				member('u1', 'Ada', 'owner'),
				member('u4', 'Cy', 'member', '2026-12-01T10:00:00Z')
			])
		);
		expect(rows.current.map((row) => row.member.name)).toEqual(['Ada', 'Zoe', 'Bob']);
		expect(rows.removed.map((removed) => removed.name)).toEqual(['Cy']);
		expect(rows.current[0]?.you).toBe(true);
	});

	it('locks the last owner, and only while they are the last', () => {
		const one = memberRows(
			response({ userId: 'u1', role: 'owner' }, [
				member('u1', 'Ada', 'owner'),
				member('u2', 'Bob', 'member')
			])
		);
		expect(one.current[0]?.locked).toMatch(/only owner/);
		expect(one.current[1]?.locked).toBeUndefined();
		const two = memberRows(
			response({ userId: 'u1', role: 'owner' }, [
				member('u1', 'Ada', 'owner'),
				member('u2', 'Bob', 'owner'),
				member('u3', 'Cy', 'owner', '2026-12-01T10:00:00Z')
			])
		);
		expect(two.current.every((row) => row.locked === undefined)).toBe(true);
	});

	it('lets only owners manage', () => {
		const people = [member('u1', 'Ada', 'owner'), member('u2', 'Bob', 'member')];
		expect(
			memberRows(response({ userId: 'u1', role: 'owner' }, people)).current[1]?.manageable
		).toBe(true);
		expect(
			memberRows(response({ userId: 'u2', role: 'member' }, people)).current.some(
				(row) => row.manageable
			)
		).toBe(false);
	});
});
