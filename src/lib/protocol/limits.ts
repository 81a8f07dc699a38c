/**
 * Limits of the wire contract (DESIGN.md, "Sync: the wire contract"); client and server share
 * them. Sizes are in bytes of UTF-8 JSON, the form they travel and are stored in.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/** One event's JSON; the event store holds the same limit, since it refuses to write more. */
export { MAX_EVENT_BYTES, jsonByteLength, utf8ByteLength } from '../events/event-size';
/**
 * A pull page stops before this many bytes of events' JSON (and always holds at least one
 * event, so an event stored before the limits existed is still served, alone on its page).
 */
export const MAX_PULL_PAGE_BYTES = 4 * 1024 * 1024;
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
