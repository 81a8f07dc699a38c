import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './limits';

const name = z.string().trim().min(1).max(100);
const password = z
	.string()
	.min(MIN_PASSWORD_LENGTH, `a password has at least ${MIN_PASSWORD_LENGTH} characters`)
	.max(MAX_PASSWORD_LENGTH);

/**
 * `POST /api/auth/signup`: creates the workspace `workspace`, or, with `invite`, joins the
 * workspace the invite is for (then `workspace` may be left out; if given it must match).
 */
export const signupRequestSchema = z
	.strictObject({
		workspace: name.optional(),
		name,
		password,
		invite: z.string().min(1).max(200).optional()
	})
	.refine((body) => body.workspace !== undefined || body.invite !== undefined, {
		message: 'a workspace name is needed to create a workspace',
		path: ['workspace']
	});

export type SignupRequest = z.output<typeof signupRequestSchema>;

/** `POST /api/auth/login`. */
export const loginRequestSchema = z.strictObject({
	workspace: name,
	name,
	password: z.string().min(1).max(MAX_PASSWORD_LENGTH)
});

export type LoginRequest = z.output<typeof loginRequestSchema>;

/** 201 from signup, 200 from login. */
export const sessionResponseSchema = z.strictObject({
	token: z.string().min(1),
	userId: z.string().min(1),
	workspaceId: z.string().min(1)
});

export type SessionResponse = z.output<typeof sessionResponseSchema>;

/** 201 from `POST /api/workspace/invites`. */
export const inviteResponseSchema = z.strictObject({
	code: z.string().min(1)
});

export type InviteResponse = z.output<typeof inviteResponseSchema>;
