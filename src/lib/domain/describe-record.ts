import { categoryOf, idOf } from '../events';
import type { AccountState } from './accounts/state';
import type { CustomerState } from './customers/state';
import type { RecordContext } from './describe-command';
import type { OrderState } from './orders/state';
import type { AccountListRow } from './projections/account-list';
import type { OrderListRow } from './projections/order-list';
import { isSeriesStream } from './series/series-stream';

/** How each kind of record is spoken of: "the order for Café Aurora", "the account of Lee". */
const NOUNS = {
	order: { noun: 'order', of: 'for' },
	account: { noun: 'account', of: 'of' },
	// "the customer Ada Lovelace": a customer is named, not someone's.
	customer: { noun: 'customer', of: '' },
	other: { noun: 'record', of: 'for' }
} as const;

export type RecordKind = keyof typeof NOUNS;

/** A record as the app names and links it. */
export interface RecordInfo {
	kind: RecordKind;
	/** "Order for Café Aurora", "Account of Lee". */
	title: string;
	href?: string;
	/** It still takes changes: a draft order, an open account. */
	open: boolean;
	context: RecordContext;
}

export function recordKindOf(streamId: string): RecordKind {
	const category = categoryOf(streamId);
	return category === 'order' || category === 'account' || category === 'customer'
		? category
		: 'other';
}

/** A record's name as a heading: "Order for Café Aurora"; "An order" while its name is unknown. */
export function recordTitle(kind: 'order' | 'account', name: string | undefined): string {
	const { noun, of } = NOUNS[kind];
	return name ? `${noun[0]!.toUpperCase()}${noun.slice(1)} ${of} ${name}` : `An ${noun}`;
}

/** How to name the record inside a sentence, with and without a possessive. */
export function recordPhrase(
	kind: RecordKind,
	name: string | undefined
): { plain: string; possessive: string } {
	const { noun, of } = NOUNS[kind];
	const plain = name ? `the ${noun} ${of ? `${of} ` : ''}${name}` : `the ${noun}`;
	// An account is someone's ("Lee's account"); an order is only for someone.
	if (kind === 'account' && name) return { plain, possessive: `${possessiveOf(name)} account` };
	return { plain, possessive: plain };
}

function possessiveOf(name: string): string {
	return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** Names a record from its state, so a page speaks of people, not ids. */
export function describeRecord(
	streamId: string,
	state: OrderState | AccountState | CustomerState | undefined,
	locale?: string
): RecordInfo {
	const kind = recordKindOf(streamId);
	const href = `/${kind}s/${idOf(streamId)}`;
	if (kind === 'order') {
		const order = state as OrderState | undefined;
		const known = order && order.status !== 'none' ? order : undefined;
		return {
			kind,
			title: recordTitle(kind, known?.customerName),
			href,
			open: known?.status === 'draft',
			context: {
				name: known?.customerName,
				currency: known?.currency,
				lineNames: new Map(known?.items.map((item) => [item.lineId, item.name])),
				locale
			}
		};
	}
	if (kind === 'account') {
		const account = state as AccountState | undefined;
		const known = account && account.status !== 'none' ? account : undefined;
		return {
			kind,
			title: recordTitle(kind, known?.holderName),
			href,
			open: known?.status === 'open',
			context: { name: known?.holderName, currency: known?.currency, locale }
		};
	}
	if (isSeriesStream(streamId)) {
		return { kind, title: "This device's order numbers", open: false, context: { locale } };
	}
	if (kind === 'customer') {
		const customer = state as CustomerState | undefined;
		const known = customer && customer.status !== 'none' ? customer : undefined;
		return {
			kind,
			title: known?.name ?? 'A customer',
			href,
			open: known !== undefined,
			context: { name: known?.name, locale }
		};
	}
	return { kind, title: streamId, open: false, context: { locale } };
}

/** Names a record from the list projections. */
export function recordInfo(
	streamId: string,
	orders: ReadonlyMap<string, OrderListRow>,
	accounts: ReadonlyMap<string, AccountListRow>,
	locale?: string
): RecordInfo {
	const kind = recordKindOf(streamId);
	const state =
		kind === 'order'
			? orders.get(streamId)?.order
			: kind === 'account'
				? accounts.get(streamId)?.account
				: undefined;
	return describeRecord(streamId, state, locale);
}

/** The record inside a sentence: "the order for Café Aurora", or "this order" when unnamed. */
export function recordInSentence(record: RecordInfo): string {
	if (record.kind === 'other') return 'this record';
	if (record.kind === 'customer') {
		return record.context.name ? `the customer ${record.context.name}` : 'this customer';
	}
	if (record.title.startsWith('An ')) return `this ${record.kind}`;
	return `the ${record.title[0]!.toLowerCase()}${record.title.slice(1)}`;
}
