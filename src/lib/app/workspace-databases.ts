const ACTIVE = 'rewind:active-database';
const BY_WORKSPACE = 'rewind:databases';
/** The log a device starts with, before anyone signs in; it joins the first workspace signed into. */
export const FIRST_DATABASE = 'rewind';

/**
 * The IndexedDB database the app opens: one log per workspace, so signing into another
 * workspace on the same device never mixes its records with the first one's.
 */
export function activeDatabase(): string {
	return localStorage.getItem(ACTIVE) ?? FIRST_DATABASE;
}

/**
 * The database of `workspaceId`, remembering that the current one belongs to
 * `currentWorkspaceId`; a workspace never seen on this device gets a new, empty one.
 */
export function databaseOf(workspaceId: string, currentWorkspaceId: string): string {
	const known = JSON.parse(localStorage.getItem(BY_WORKSPACE) ?? '{}') as Record<string, string>;
	known[currentWorkspaceId] ??= activeDatabase();
	known[workspaceId] ??= `rewind-${workspaceId}`;
	localStorage.setItem(BY_WORKSPACE, JSON.stringify(known));
	return known[workspaceId];
}

/** Makes `database` the one the app opens from now on (the caller reloads the page). */
export function activate(database: string): void {
	localStorage.setItem(ACTIVE, database);
}
