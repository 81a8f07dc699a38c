import type { RevokeReason } from '$lib/protocol';

export interface SignedOutWords {
	title: string;
	/** What happened, in words a person understands. */
	what: string;
	/** Whether signing in again can bring syncing back (not after a removal). */
	canSignIn: boolean;
}

/** Why this device stopped syncing, as the server said it (`reason` on a 401). */
export function signedOutWords(
	reason: RevokeReason | undefined,
	workspace: string | undefined
): SignedOutWords {
	const name = workspace || 'the workspace';
	switch (reason) {
		case 'removed':
			return {
				title: `You were removed from ${name}`,
				what: `An owner of ${name} removed you, so this device no longer syncs with it.`,
				canSignIn: false
			};
		case 'password_changed':
			return {
				title: 'Your password was changed',
				what: 'Your password was changed on another device, which signed you out here. Sign in with the new password to keep syncing.',
				canSignIn: true
			};
		case 'revoked':
			return {
				title: 'You were signed out here',
				what: 'This device was signed out from your list of sessions on another device. Sign in again to keep syncing.',
				canSignIn: true
			};
		case 'expired':
		case undefined:
			return {
				title: 'Sign in again to keep syncing',
				what: 'The server asked for your password again, so syncing is paused.',
				canSignIn: true
			};
		default: {
			const unknown: never = reason;
			return unknown;
		}
	}
}

/** What happens to this device's unsynced work, after any of those. */
export function keptWords(pending: number, canSignIn: boolean): string {
	const changes = `${pending} ${pending === 1 ? 'change' : 'changes'}`;
	if (pending === 0) return 'Nothing is lost: everything stays on this device.';
	if (canSignIn) {
		return `Nothing is lost: ${pending === 1 ? 'your change is' : `your ${changes} are`} safe on this device and ${pending === 1 ? 'syncs' : 'sync'} as soon as you sign in.`;
	}
	const stay = pending === 1 ? 'stays' : 'stay';
	return `Nothing is lost: the ${changes} that had not reached the server yet ${stay} on this device, listed below, and so does everything else you see here.`;
}
