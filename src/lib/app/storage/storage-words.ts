import { firstVisitConcern, roomTone, type StorageTone } from './storage-alerts';
import type { StorageReport } from './storage-report';

export interface RoomView {
	used: string;
	left: string;
	/** 0–100, for a bar. */
	percent: number;
	tone: StorageTone;
	/** Said when the room runs short; undefined while there is plenty. */
	warning?: string;
}

export interface StorageView {
	tone: StorageTone;
	headline: string;
	detail: string;
	room?: RoomView;
	/** Whether to offer the button that asks the browser to keep the data for good. */
	canAsk: boolean;
}

/** What the Sync page's "This device" card says about where the work is kept. */
export function storageView(report: StorageReport, locale: string): StorageView {
	const room = roomView(report, locale);
	if (!report.canStore) {
		const { title, detail } = firstVisitWarning(report)!;
		return { tone: 'red', headline: title, detail, canAsk: false };
	}
	const base =
		report.persistence === 'granted'
			? {
					tone: 'green' as const,
					headline: 'Kept on this device until you delete it',
					detail:
						'The browser has promised to keep Rewind’s data, even when the disk runs low. Clearing the browser’s data for this site still removes it.',
					canAsk: false
				}
			: report.persistence === 'best-effort'
				? {
						tone: 'amber' as const,
						headline: 'Kept, but the browser may clear it',
						detail:
							'The browser keeps Rewind’s data as long as it has room, and may clear it when the disk runs low or the site goes unused for weeks. Ask it to keep the data for good, and sync or back up what matters.',
						canAsk: true
					}
				: {
						tone: 'grey' as const,
						headline: 'This browser does not say how long it keeps your work',
						detail:
							'It offers no way to ask for lasting storage here (an older browser, or a page not served over https). Sign in to keep your work on the server too, or back up this device.',
						canAsk: false
					};
	return { ...base, ...(room && { room }), tone: worse(base.tone, room?.tone) };
}

/**
 * What to say on a first visit where the browser will not keep the work: site data refused,
 * no way to know, or a private window's sliver of room. Undefined when all is as usual.
 */
export function firstVisitWarning(
	report: StorageReport
): { title: string; detail: string } | undefined {
	const concern = firstVisitConcern(report);
	if (concern === 'refused') {
		return {
			title: 'This browser refuses to keep anything for Rewind',
			detail:
				'Its settings block site data for this site, so nothing you enter here could be saved. Allow cookies and site data for this site in the browser’s settings, then reload the page.'
		};
	}
	if (concern === 'small') {
		return {
			title: 'This window may forget your work',
			detail:
				'The browser gives Rewind very little room here, as private windows do, and a private window forgets everything when it closes. Use a normal window, or sign in so every change also reaches the server.'
		};
	}
	if (concern === 'unknown') {
		return {
			title: 'This browser does not say whether it keeps your work',
			detail:
				'Rewind keeps everything in the browser, and this one gives no way to check or ask for lasting storage. Sign in so every change also reaches the server, or download copies from the Sync page.'
		};
	}
	return undefined;
}

function roomView(report: StorageReport, locale: string): RoomView | undefined {
	const { usage, quota } = report;
	if (usage === undefined || quota === undefined || quota <= 0) return undefined;
	const left = Math.max(0, quota - usage);
	const share = usage / quota;
	const tone = roomTone(report) ?? 'grey';
	const view: RoomView = {
		used: formatBytes(usage, locale),
		left: formatBytes(left, locale),
		percent: Math.min(100, Math.round(share * 1000) / 10),
		tone
	};
	if (tone === 'red') {
		view.warning = `Almost no room is left (${view.left}): new changes may soon be refused. Sync them or back them up, then free space on this device.`;
	} else if (tone === 'amber') {
		view.warning = `Room is running short (${view.left} left). Sync or back up your work before it runs out.`;
	}
	return view;
}

/** "1.2 MB", "9.8 GB": bytes in the largest unit that keeps the number small. */
export function formatBytes(bytes: number, locale: string): string {
	const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
	let value = bytes;
	let index = 0;
	while (value >= 1000 && index < units.length - 1) {
		value /= 1024;
		index++;
	}
	return new Intl.NumberFormat(locale, {
		style: 'unit',
		unit: units[index],
		unitDisplay: index === 0 ? 'long' : 'short',
		maximumFractionDigits: index <= 1 ? 0 : 1
	}).format(value);
}

const ORDER: StorageTone[] = ['green', 'grey', 'amber', 'red'];

function worse(a: StorageTone, b: StorageTone | undefined): StorageTone {
	return b && ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a;
}
