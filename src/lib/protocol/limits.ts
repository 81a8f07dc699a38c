/** Limits of the wire contract (DESIGN.md, "Sync: the wire contract"); client and server share them. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_PUSH_EVENTS = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;
export const MIN_PASSWORD_LENGTH = 8;
/** scrypt copes with long passwords, but a megabyte of password is an attack, not a secret. */
export const MAX_PASSWORD_LENGTH = 1024;
/** Versions are stored as PostgreSQL `integer`. */
export const MAX_VERSION = 2_147_483_647;
/** How often `live` sends a heartbeat comment. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
