import type { SyncSession } from './session';

/**
 * Why this device may not make changes, or undefined when it may. A viewer's change, or a
 * removed person's, could never reach the server: the store refuses it before it is written.
 * A device nobody signed in to can always write.
 */
export function writeRefusal(session: SyncSession | undefined): string | undefined {
	if (!session) return undefined;
	const workspace = session.workspace || 'this workspace';
	if (session.signedOutBecause === 'removed') {
		return `You were removed from ${workspace}, so changes made here could not reach it.`;
	}
	if (session.role === 'viewer') {
		return `You can view ${workspace} but not change it. An owner can give you edit rights.`;
	}
	return undefined;
}
