import { formatAge } from '$lib/app/storage/storage-alerts';
import type { SyncStatus } from '$lib/sync';
import type * as SignedIn from './signed-in-sync-view';

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

/** What a signed-in device's header says: `signed-in-sync-view.ts`, loaded once signed in. */
export type SignedInView = (input: SyncIndicatorInput) => SyncIndicatorView;

/**
 * Loads what a signed-in header says: the header does when it finds the device signed in, and
 * the sign-in page does as it opens, so that the header's first words after a sign-in are
 * about the sync, never a blank "Sync".
 */
export function loadSignedInView(): Promise<SignedInModule> {
	return import('./signed-in-sync-view').then((module) => {
		signedInLoaded(module);
		return module;
	});
}

type SignedInModule = typeof SignedIn;
let signedInLoaded: (module: SignedInModule) => void = () => undefined;
/** Resolves once anything has loaded the signed-in words: the header takes them from here. */
export const signedInViewLoaded = new Promise<SignedInModule>(
	(resolve) => (signedInLoaded = resolve)
);

const READING: SyncIndicatorView = {
	tone: 'grey',
	icon: 'sync',
	label: 'Sync',
	detail: 'Reading the sync state…'
};

/**
 * What the header says about sync, in the order that keeps each word true. Signed out, it is
 * said here; signed in, by `signedIn` (its words come with the sign-in, not the first visit),
 * and until that has loaded the header claims nothing.
 */
export function syncIndicatorView(
	input: SyncIndicatorInput,
	signedIn?: SignedInView
): SyncIndicatorView {
	const { status, online } = input;
	const waiting = plural(status.pending, 'change');
	if (!status.ready) return READING;
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
	const stale = staleFor(input);
	if (!status.signedIn) {
		if (stale) {
			return {
				tone: 'amber',
				icon: 'device',
				label: `Only on this device for ${stale}`,
				short: stale,
				detail: `${atRisk(status.pending, stale)} Sign in to sync them, or back them up, on the Sync page.`
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
	return signedIn ? signedIn(input) : READING;
}

/** How long changes have existed only here, as words; empty until that is too long. */
export function staleFor({ status, onlyHereFor, locale }: SyncIndicatorInput): string {
	return onlyHereFor !== undefined && status.pending > 0 ? formatAge(onlyHereFor, locale) : '';
}

/** The warning for changes that exist only in this browser, the oldest for `stale`. */
export function atRisk(pending: number, stale: string): string {
	return `${plural(pending, 'change')} ${pending === 1 ? 'exists' : 'exist'} only in this browser, the oldest for ${stale}; if the browser clears its data, they are gone.`;
}

export function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
