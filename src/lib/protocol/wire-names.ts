// Names and codes of the wire contract, apart from its zod schemas: the sync client uses these
// from the first page on, and loads the schemas only when it talks to the server.

/**
 * What a person may do in a workspace (DESIGN.md, "Who may do what"): owners invite, change
 * roles and remove people; members push and pull; viewers only pull.
 */
export const ROLES = ['owner', 'member', 'viewer'] as const;

/**
 * Why a token no longer works, on a 401 (`{error: "unauthorized", message, reason}`), so a
 * device can say what happened: an owner removed the person, they signed out there or changed
 * their password elsewhere, or the token ran out.
 */
export const REVOKE_REASONS = ['removed', 'revoked', 'password_changed', 'expired'] as const;

export type RevokeReason = (typeof REVOKE_REASONS)[number];

/** The SSE event name `GET /api/sync/live` sends whenever the workspace's head moves. */
export const LIVE_HEAD_EVENT = 'head';
