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

/** Every order, a row per item: the Sync page's one-click copy. */
export function exportAllOrders(): Promise<void> {
	return reported(() => exportOrders({ per: 'item' }));
}

export function exportActivityLog(): Promise<void> {
	return reported(async () => {
		const exported = await downloadActivityLog(rewindApp().store);
		showToast({
			tone: 'success',
			message: `Exported ${count(exported, 'change')} to an NDJSON file.`
		});
	});
}

/** A failed export changes nothing; the person is told, and may try again. */
async function reported(action: () => Promise<void>): Promise<void> {
	try {
		await action();
	} catch (error) {
		console.warn('Export failed', error);
		showToast({ tone: 'error', message: 'The file could not be made. Please try again.' });
	}
}
