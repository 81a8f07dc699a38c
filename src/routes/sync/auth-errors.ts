import { isSyncHttpError, revokeReasonOf, SyncCodeLoadError, SyncNetworkError } from '$lib/sync';

export type AuthMode = 'create' | 'join' | 'signin';

export interface AuthValues {
	workspace: string;
	name: string;
	password: string;
	invite: string;
}

export interface AuthProblem {
	/** Shown above the button; empty when the fields say it all. */
	message: string;
	/** By field name, shown under the field. */
	fields: Partial<Record<keyof AuthValues, string>>;
}

const MIN_PASSWORD = 8;

/** What is missing or too short, before anything is sent. */
export function checkAuthFields(mode: AuthMode, values: AuthValues): AuthProblem | undefined {
	const fields: AuthProblem['fields'] = {};
	if (mode === 'join' && !values.invite.trim()) fields.invite = 'Paste the invite code you got.';
	if (mode !== 'join' && !values.workspace.trim()) fields.workspace = 'Name the workspace.';
	if (!values.name.trim()) fields.name = 'Say who you are, e.g. your first name.';
	if (mode === 'signin') {
		if (!values.password) fields.password = 'Enter your password.';
	} else if (values.password.length < MIN_PASSWORD) {
		fields.password = `Use at least ${MIN_PASSWORD} characters.`;
	}
	return Object.keys(fields).length > 0 ? { message: '', fields } : undefined;
}

/**
 * The server's (or the network's) refusal, in words for the person at the form. `online`: what
 * the browser says now; a part of the app that failed to download while offline needs a reload.
 */
export function describeAuthError(error: unknown, mode: AuthMode, online = true): AuthProblem {
	if (!isSyncHttpError(error)) {
		if (error instanceof SyncCodeLoadError && online) return unfinishedDownload();
		if (error instanceof SyncNetworkError || error instanceof TypeError) return unreachable();
		return { message: 'Something went wrong. Please try again.', fields: {} };
	}
	switch (error.status) {
		case 401:
			// The server says so only to someone who gave the right password.
			if (revokeReasonOf(error) === 'removed') {
				return {
					message: 'An owner removed you from this workspace. Ask an owner there for a new invite.',
					fields: {}
				};
			}
			return { message: 'Wrong workspace, name or password.', fields: {} };
		case 409:
			if (mode === 'create' && !/user named/i.test(error.message)) {
				return {
					message: '',
					fields: {
						workspace:
							'A workspace with this name exists already. Ask someone in it for an invite, or pick another name.'
					}
				};
			}
			return { message: '', fields: { name: 'That name is taken in this workspace.' } };
		case 403:
		case 404:
			return {
				message: '',
				fields: {
					invite:
						"This invite code doesn't work: it may be mistyped, used already or expired. Ask for a new one."
				}
			};
		case 400:
			return { message: 'Some fields need attention.', fields: fieldsOf(error.body) };
		case 429:
			return {
				message: `Too many attempts; try again in ${waitOf(error.retryAfterMs)}.`,
				fields: {}
			};
		default:
			if (error.status >= 500) {
				return {
					message:
						'The server is having trouble right now. Everything is still safe on this device; try again in a moment.',
					fields: {}
				};
			}
			return { message: error.message, fields: {} };
	}
}

/** The server's Retry-After in words: seconds under a minute, else whole minutes rounded up. */
function waitOf(retryAfterMs: number | undefined): string {
	if (retryAfterMs === undefined) return 'a minute';
	const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
	if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
	const minutes = Math.ceil(seconds / 60);
	return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function unfinishedDownload(): AuthProblem {
	return {
		message:
			"Part of Rewind didn't finish downloading while the connection was down. Reload the page, then try again; everything stays safe on this device.",
		fields: {}
	};
}

function unreachable(): AuthProblem {
	return {
		message:
			"Can't reach the server. Check the connection and try again; everything stays safe on this device.",
		fields: {}
	};
}

/** The server's validation issues, by field, where it sent any. */
function fieldsOf(body: unknown): AuthProblem['fields'] {
	const issues = (body as { issues?: { path?: unknown[]; message?: string }[] } | undefined)
		?.issues;
	const fields: AuthProblem['fields'] = {};
	for (const issue of issues ?? []) {
		const key = issue.path?.[0];
		if (key === 'workspace' || key === 'name' || key === 'password' || key === 'invite') {
			fields[key] ??= issue.message ?? 'Check this field.';
		}
	}
	return fields;
}
