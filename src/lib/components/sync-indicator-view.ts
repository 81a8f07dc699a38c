import { formatRelative } from '$lib/app/format-time';
import { formatAge } from '$lib/app/storage/storage-alerts';
import type { SyncStatus } from '$lib/sync';
import { catchUpWords } from './catch-up-words';

export type SyncTone = 'grey' | 'amber' | 'red' | 'green' | 'blue';
export type SyncIcon =
	| 'sync'
	| 'key'
	| 'wifi-off'
	| 'device'
	| 'download'
	| 'spinner'
	| 'cloud-off'
	| 'cloud-alert'
	| 'cloud-upload'
	| 'cloud-check';

export interface SyncIndicatorView {
	tone: SyncTone;
	icon: SyncIcon;
	label: string;
	/** Hover text and the rest of the accessible name. */
	detail: string;
	spin?: boolean;
	/** What a phone shows beside the icon instead of the label. */
	short?: string;
	/** 0–100 while catching up. */
	progress?: number;
}

export interface SyncIndicatorInput {
	status: SyncStatus;
	/** What the browser says about the network; the sync client learns it only when it tries. */
	online: boolean;
	/** A round has run longer than a flash: worth a spinner even once caught up. */
	slowSync: boolean;
	/** The current time, for "last synced 2 minutes ago". */
	now: number;
	locale: string;
	/** How long changes have existed only on this device, once that is too long (a day). */
	onlyHereFor?: number | undefined;
}

/**
 * What the header says about sync, in the order that keeps each word true: never "Synced"
 * before the first pull of this sign-in reached the server's head, progress while a pull
 * takes pages, "Offline" only when the browser is, "Can't reach the server" when it is the
 * server that does not answer.
 */
export function syncIndicatorView({
	status,
	online,
	slowSync,
	now,
	locale,
	onlyHereFor
}: SyncIndicatorInput): SyncIndicatorView {
	const waiting = plural(status.pending, 'change');
	const lastSynced = status.lastSyncedAt
		? `Last synced ${formatRelative(status.lastSyncedAt, now, locale)}.`
		: 'Not synced yet.';

	if (!status.ready) {
		return { tone: 'grey', icon: 'sync', label: 'Sync', detail: 'Reading the sync state…' };
	}
	if (status.needsLogin && status.signedOutBecause === 'removed') {
		return {
			tone: 'red',
			icon: 'key',
			label: 'Removed from the workspace',
			detail: `An owner removed you, so this device no longer syncs. ${status.pending > 0 ? `${waiting} stay on this device.` : 'Nothing is lost.'}`
		};
	}
	if (status.needsLogin) {
		return {
			tone: 'red',
			icon: 'key',
			label: 'Sign in again to sync',
			detail: `The server asks you to sign in again. ${status.pending > 0 ? `${waiting} wait safely on this device.` : 'Nothing is lost.'}`
		};
	}
	const stale =
		onlyHereFor !== undefined && status.pending > 0 ? formatAge(onlyHereFor, locale) : '';
	const atRisk = `${waiting} ${status.pending === 1 ? 'exists' : 'exist'} only in this browser, the oldest for ${stale}; if the browser clears its data, they are gone.`;
	if (!status.signedIn) {
		if (stale) {
			return {
				tone: 'amber',
				icon: 'device',
				label: `Only on this device for ${stale}`,
				short: stale,
				detail: `${atRisk} Sign in to sync them, or back them up, on the Sync page.`
			};
		}
		if (!online) {
			return {
				tone: 'amber',
				icon: 'wifi-off',
				label: 'Offline — still saving',
				detail: 'Every change is saved in this browser first.'
			};
		}
		return {
			tone: 'grey',
			icon: 'device',
			label: 'On this device only',
			detail: 'Every change is saved in this browser. Sign in to sync it and share it.'
		};
	}
	// A pull page by page: how far, as it happens.
	if (status.catchUp && online) {
		const words = catchUpWords(status.catchUp, locale);
		return {
			tone: 'blue',
			icon: 'download',
			label: words.sentence,
			short: words.short,
			progress: words.percent,
			detail: "The workspace's changes are arriving; what is here already can be used."
		};
	}
	const partial = status.caughtUp ? '' : 'Part of the workspace is not on this device yet. ';
	// A round under way knows better than the last failed one whether the server is reachable.
	if ((slowSync || (!status.caughtUp && status.syncing)) && online) {
		return {
			tone: 'blue',
			icon: 'spinner',
			label: 'Syncing…',
			detail: `${partial}${lastSynced}`,
			spin: true
		};
	}
	if (stale) {
		const why = !online
			? 'This device is offline.'
			: !status.online
				? 'The server does not answer.'
				: status.lastError
					? `The last try failed (${status.lastError}).`
					: '';
		return {
			tone: 'amber',
			icon: 'cloud-alert',
			label: `Not synced for ${stale}`,
			short: stale,
			detail: `${atRisk} ${why ? `${why} ` : ''}The Sync page shows them, and lets you back them up. ${lastSynced}`
		};
	}
	if (!online) {
		return {
			tone: 'amber',
			icon: 'cloud-off',
			label: status.pending > 0 ? `Offline — ${waiting} waiting` : 'Offline',
			detail: `${partial}Changes are saved on this device and sync when the connection is back. ${lastSynced}`
		};
	}
	if (!status.online) {
		return {
			tone: 'amber',
			icon: 'cloud-off',
			label:
				status.pending > 0
					? `Can't reach the server — ${waiting} waiting`
					: "Can't reach the server",
			detail: `${partial}The server does not answer; it is tried again every few seconds, and changes are saved on this device meanwhile. ${lastSynced}`
		};
	}
	if (status.lastError) {
		return {
			tone: 'amber',
			icon: 'cloud-alert',
			label: status.pending > 0 ? `Sync paused — ${waiting} waiting` : 'Sync paused',
			detail: `${partial}The last try failed (${status.lastError}); it tries again by itself. ${lastSynced}`
		};
	}
	if (!status.caughtUp) {
		return {
			tone: 'blue',
			icon: 'spinner',
			label: 'Syncing…',
			detail: `${partial}${lastSynced}`,
			spin: true
		};
	}
	// Made a viewer with work not yet pushed: it stays, and waits for edit rights.
	if (status.pending > 0 && !status.canWrite) {
		return {
			tone: 'amber',
			icon: 'cloud-alert',
			label: `${waiting} can't sync`,
			detail: `You can view this workspace but not change it, so ${waiting} stay on this device until an owner gives you edit rights. ${lastSynced}`
		};
	}
	if (status.pending > 0) {
		return {
			tone: 'blue',
			icon: 'cloud-upload',
			label: `${waiting} to sync`,
			detail:
				status.conflicts > 0
					? `Changes to records with something to review wait until it is reviewed. ${lastSynced}`
					: lastSynced
		};
	}
	return { tone: 'green', icon: 'cloud-check', label: 'Synced', detail: lastSynced };
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
