import { formatRelative } from '$lib/app/format-time';
import CloudAlert from '@lucide/svelte/icons/cloud-alert';
import CloudCheck from '@lucide/svelte/icons/cloud-check';
import CloudDownload from '@lucide/svelte/icons/cloud-download';
import CloudOff from '@lucide/svelte/icons/cloud-off';
import CloudUpload from '@lucide/svelte/icons/cloud-upload';
import LoaderCircle from '@lucide/svelte/icons/loader-circle';
import type { IconProps } from '@lucide/svelte';
import type { Component } from 'svelte';
import { catchUpWords } from './catch-up-words';
import {
	atRisk,
	plural,
	staleFor,
	type SyncIcon,
	type SyncIndicatorInput,
	type SyncIndicatorView
} from './sync-indicator-view';

/** The icons only a signed-in device's header shows. */
export const signedInIcons: Partial<Record<SyncIcon, Component<Omit<IconProps, 'iconNode'>>>> = {
	download: CloudDownload,
	spinner: LoaderCircle,
	'cloud-off': CloudOff,
	'cloud-alert': CloudAlert,
	'cloud-upload': CloudUpload,
	'cloud-check': CloudCheck
};

/**
 * What the header says about sync once signed in, in the order that keeps each word true: never
 * "Synced" before the first pull of this sign-in reached the server's head, progress while a
 * pull takes pages, "Offline" only when the browser is, "Can't reach the server" when it is the
 * server that does not answer.
 */
export function signedInSyncView(input: SyncIndicatorInput): SyncIndicatorView {
	const { status, online, slowSync, now, locale } = input;
	const waiting = plural(status.pending, 'change');
	const stale = staleFor(input);
	const lastSynced = status.lastSyncedAt
		? `Last synced ${formatRelative(status.lastSyncedAt, now, locale)}.`
		: 'Not synced yet.';
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
	const syncing: SyncIndicatorView = {
		tone: 'blue',
		icon: 'spinner',
		label: 'Syncing…',
		detail: `${partial}${lastSynced}`,
		spin: true
	};
	// A round under way knows better than the last failed one whether the server is reachable.
	if ((slowSync || (!status.caughtUp && status.syncing)) && online) {
		return syncing;
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
			detail: `${atRisk(status.pending, stale)} ${why ? `${why} ` : ''}The Sync page shows them, and lets you back them up. ${lastSynced}`
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
		return syncing;
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
