import type { OrderRowsPer, OrderState } from '../../domain';
import { rewindApp } from '../rewind-app';
import { showToast } from '../toasts';
import { downloadActivityLog, downloadOrders } from './downloads';

const count = (n: number, noun: string) =>
	`${n.toLocaleString(navigator.language)} ${noun}${n === 1 ? '' : 's'}`;

/** The Export buttons' actions: the file, then a word of what it holds; a failure says so. */
export async function exportOrders(options: {
	per: OrderRowsPer;
	status?: OrderState['status'] | undefined;
}): Promise<void> {
	const exported = await downloadOrders(rewindApp().store, options);
	showToast({ tone: 'success', message: `Exported ${count(exported, 'order')} to a CSV file.` });
}

export async function exportActivityLog(): Promise<void> {
	try {
		const exported = await downloadActivityLog(rewindApp().store);
		showToast({
			tone: 'success',
			message: `Exported ${count(exported, 'change')} to an NDJSON file.`
		});
	} catch (error) {
		console.warn('Activity export failed', error);
		showToast({ tone: 'error', message: 'The file could not be made. Please try again.' });
	}
}
