import type { AccountListRow, OrderListRow } from '$lib/domain';
import { categoryOf, idOf } from '$lib/events';
import type { RecordContext } from './describe-command';

/** A record as the sync page names and links it. */
export interface RecordInfo {
	kind: 'order' | 'account' | 'other';
	/** "Order for Café Aurora", "Account of Lee". */
	title: string;
	href?: string;
	/** It still takes changes: a draft order, an open account. */
	open: boolean;
	context: RecordContext;
}

/** Names a record from the list projections, so the sync page speaks of people, not ids. */
export function recordInfo(
	streamId: string,
	orders: ReadonlyMap<string, OrderListRow>,
	accounts: ReadonlyMap<string, AccountListRow>,
	locale?: string
): RecordInfo {
	const category = categoryOf(streamId);
	const id = idOf(streamId);
	if (category === 'order') {
		const order = orders.get(streamId)?.order;
		const known = order && order.status !== 'none' ? order : undefined;
		return {
			kind: 'order',
			title: known ? `Order for ${known.customerName}` : 'An order',
			href: `/orders/${id}`,
			open: known?.status === 'draft',
			context: {
				name: known?.customerName,
				currency: known?.currency,
				lineNames: new Map(known?.items.map((item) => [item.lineId, item.name])),
				locale
			}
		};
	}
	if (category === 'account') {
		const account = accounts.get(streamId)?.account;
		const known = account && account.status !== 'none' ? account : undefined;
		return {
			kind: 'account',
			title: known ? `Account of ${known.holderName}` : 'An account',
			href: `/accounts/${id}`,
			open: known?.status === 'open',
			context: { name: known?.holderName, currency: known?.currency, locale }
		};
	}
	return { kind: 'other', title: streamId, open: false, context: { locale } };
}

/** The record inside a sentence: "the order for Café Aurora", or "this order" when unnamed. */
export function recordInSentence(record: RecordInfo): string {
	if (record.kind === 'other') return 'this record';
	if (record.title.startsWith('An ')) return `this ${record.kind}`;
	return `the ${record.title[0]!.toLowerCase()}${record.title.slice(1)}`;
}
