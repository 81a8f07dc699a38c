import { sqlStateOf } from './database';

// SQLSTATE 57P01 admin_shutdown (pg_terminate_backend, a restart), 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up or shutting down), 53xxx insufficient resources
// (disk full, out of memory, too many connections), 58xxx system errors (I/O).
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03']);
const UNAVAILABLE_CLASSES = new Set(['08', '53', '58']);

// What sockets and file systems say when the database cannot be reached or written.
const UNAVAILABLE_ERRNOS = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENOSPC',
	'EDQUOT',
	'EROFS',
	'EIO'
]);

// node-postgres reports a lost or unusable connection as a plain Error with one of these.
const UNAVAILABLE_MESSAGES = [
	/^Connection terminated/,
	/not queryable/,
	/timeout exceeded when trying to connect/,
	/^Query read timeout/
];

/**
 * Whether `error` says the database is unreachable or cannot write right now, rather than that
 * this request was wrong: such a request is answered 503 and can be sent again. Looks through
 * `cause` and AggregateError (a host name resolving to several addresses fails with one).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (!(error instanceof Object) || depth > 4) return false;
	const state = sqlStateOf(error);
	if (state !== undefined) {
		if (UNAVAILABLE_STATES.has(state) || UNAVAILABLE_CLASSES.has(state.slice(0, 2))) return true;
		if (UNAVAILABLE_ERRNOS.has(state)) return true;
	}
	const message = (error as { message?: unknown }).message;
	if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)))
		return true;
	if (
		error instanceof AggregateError &&
		error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))
	)
		return true;
	return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

/** One line for logs and start-up failures: the message, or the errno when there is none. */
export function describeDatabaseError(error: unknown): string {
	if (error instanceof AggregateError && error.errors.length > 0 && !error.message) {
		return describeDatabaseError(error.errors[0]);
	}
	const message = error instanceof Error ? error.message : String(error);
	const code = sqlStateOf(error);
	if (!message) return code ?? 'unknown error';
	return code && !message.includes(code) ? `${message} (${code})` : message;
}
