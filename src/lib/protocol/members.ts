import { z } from 'zod';

/**
 * 200 from `GET /api/workspace/members`: the people of the caller's workspace, so a device can
 * show a name where an event only carries a user id. (An addition to DESIGN.md's contract.)
 */
export const membersResponseSchema = z.strictObject({
	workspace: z.strictObject({ workspaceId: z.string().min(1), name: z.string().min(1) }),
	members: z.array(z.strictObject({ userId: z.string().min(1), name: z.string().min(1) }))
});

export type MembersResponse = z.output<typeof membersResponseSchema>;
