import {
	localDay,
	orderRows,
	statementRows,
	type OrderRowsPer,
	type OrderState,
	type PeriodStatement
} from '../../domain';
import type { EventStore } from '../../eventstore';
import { activityLogParts } from './activity-log';
import { toCsv } from './csv';
import { readOrders } from './read-orders';
import { fileNamePart, saveFile } from './save-file';

const CSV = 'text/csv;charset=utf-8';

/** Downloads the orders as CSV (those of one status if given); resolves with how many. */
export async function downloadOrders(
	store: EventStore,
	options: { per: OrderRowsPer; status?: OrderState['status'] | undefined }
): Promise<number> {
	const orders = (await readOrders(store)).filter(
		({ order }) => !options.status || order.status === options.status
	);
	const csv = toCsv(orderRows(orders, options.per));
	const which = options.status ? `-${options.status}` : '';
	saveFile(`rewind-orders${which}-${localDay(new Date())}.csv`, [csv], CSV);
	return orders.length;
}

/** Downloads an account's statement for its period as CSV. */
export function downloadStatement(
	holderName: string,
	currency: string,
	statement: PeriodStatement
): void {
	const { from, to } = statement.period;
	const name = `rewind-statement-${fileNamePart(holderName)}-${from}-to-${to}.csv`;
	saveFile(name, [toCsv(statementRows(statement, currency))], CSV);
}

/** Downloads every event on this device as NDJSON; resolves with how many. */
export async function downloadActivityLog(store: EventStore): Promise<number> {
	const { parts, count } = await activityLogParts(store);
	saveFile(`rewind-activity-${localDay(new Date())}.ndjson`, parts, 'application/x-ndjson');
	return count;
}
