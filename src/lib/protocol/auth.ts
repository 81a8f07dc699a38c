import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './limits';
import { roleSchema } from './members';

/**
 * A workspace's or a person's name: its length is checked as sent, before it is trimmed (and
 * nothing else runs on a longer one), so spaces around a name never make room for a longer one.
 */
const name = z.string().max(100, { abort: true }).trim().min(1);
/** What the person calls this device ("Chrome on Android"), shown in their list of sessions. */
const device = z.string().min(1).max(100).optional();
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
		invite: z.string().min(1).max(200).optional(),
		device
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
	password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
	device
});

export type LoginRequest = z.output<typeof loginRequestSchema>;

/** 201 from signup, 200 from login. */
export const sessionResponseSchema = z.strictObject({
	token: z.string().min(1),
	userId: z.string().min(1),
	workspaceId: z.string().min(1),
	role: roleSchema
});

export type SessionResponse = z.output<typeof sessionResponseSchema>;

/** 201 from `POST /api/workspace/invites`. */
export const inviteResponseSchema = z.strictObject({
	code: z.string().min(1),
	role: roleSchema
});

export type InviteResponse = z.output<typeof inviteResponseSchema>;

/** `POST /api/auth/password` → 200 `{revokedSessions}`: every other session of the caller ends. */
export const changePasswordRequestSchema = z.strictObject({
	currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
	newPassword: password
});

export type ChangePasswordRequest = z.output<typeof changePasswordRequestSchema>;

export const changePasswordResponseSchema = z.strictObject({
	revokedSessions: z.int().nonnegative()
});

/** One sign-in of the caller, as `GET /api/auth/sessions` lists them (newest use first). */
export const sessionInfoSchema = z.strictObject({
	/** Not the token: an id that can name the session without being able to use it. */
	sessionId: z.string().min(1),
	device: z.string().nullable(),
	createdAt: z.iso.datetime({ offset: true }),
	lastUsedAt: z.iso.datetime({ offset: true }),
	/** The session of the token this list was asked with. */
	current: z.boolean()
});

export type SessionInfo = z.output<typeof sessionInfoSchema>;

/** 200 from `GET /api/auth/sessions`; `DELETE /api/auth/sessions/:sessionId` → 204 ends one. */
export const sessionsResponseSchema = z.strictObject({
	sessions: z.array(sessionInfoSchema)
});

export type SessionsResponse = z.output<typeof sessionsResponseSchema>;
