import type { EventInput } from '../../src/lib/events';

/** A stream's events as a writer hands them to `append`, with the stream they belong to. */
export interface StreamBatch {
	streamId: string;
	events: EventInput[];
}

const BASE_TIME = Date.parse('2025-03-01T08:00:00.000Z');
const CUSTOMERS = ['Ada Lovelace', 'Grace Hopper', 'Katherine Johnson', 'Hedy Lamarr', 'Alan Kay'];
const PRODUCTS = [
	['Organic apples, 1 kg bag', 'FRU-APL-1KG', 349],
	['Sourdough loaf, whole wheat', 'BAK-SDW-800', 520],
	['Cold-pressed olive oil, 500 ml', 'PAN-OLV-500', 1290],
	['Handmade ceramic mug, speckled glaze', 'HOM-MUG-SPK', 2400],
	['Linen tea towel, natural', 'HOM-TWL-LIN', 950]
] as const;

/** Deterministic metadata of the shape the app writes: one command per event. */
function metadata(
	tick: number,
	userId = 'local-user',
	deviceId = 'device-bench'
): EventInput['metadata'] {
	const commandId = crypto.randomUUID();
	return {
		commandId,
		correlationId: commandId,
		userId,
		deviceId,
		occurredAt: new Date(BASE_TIME + tick * 1_000).toISOString()
	};
}

function at(tick: number): string {
	return new Date(BASE_TIME + tick * 1_000).toISOString();
}

/**
 * One order's events, `count` of them: created, items added, quantities changed, an address,
 * and — when the stream is short enough to be a real order — submitted. Valid for the order
 * aggregate and its schemas, of the size the app writes.
 */
export function orderEvents(count: number, tick = 0, submit = count <= 20): EventInput[] {
	const events: EventInput[] = [
		{
			type: 'OrderCreated',
			data: {
				customerName: CUSTOMERS[tick % CUSTOMERS.length]!,
				currency: 'EUR',
				createdAt: at(tick),
				createdBy: 'local-user'
			},
			metadata: metadata(tick)
		}
	];
	const lines: string[] = [];
	for (let i = 1; events.length < count; i++) {
		const t = tick + i;
		const last = events.length === count - 1;
		if (last && submit && lines.length > 0) {
			events.push({ type: 'OrderSubmitted', data: { submittedAt: at(t) }, metadata: metadata(t) });
		} else if (i === 7) {
			events.push({
				type: 'DeliveryAddressSet',
				data: {
					address: {
						line1: `${10 + (tick % 90)} Market Street`,
						city: 'Utrecht',
						postcode: '3511 AB',
						country: 'Netherlands'
					}
				},
				metadata: metadata(t)
			});
		} else if (lines.length < 20 && (i < 6 || i % 4 === 0)) {
			const [name, sku, price] = PRODUCTS[(tick + i) % PRODUCTS.length]!;
			const lineId = crypto.randomUUID();
			lines.push(lineId);
			events.push({
				type: 'ItemAdded',
				data: { lineId, sku, name, unitPriceCents: price, quantity: 1 + (i % 5) },
				metadata: metadata(t)
			});
		} else {
			events.push({
				type: 'ItemQuantityChanged',
				data: { lineId: lines[i % lines.length]!, quantity: 1 + (i % 9) },
				metadata: metadata(t)
			});
		}
	}
	return events;
}

/** One account's events: opened, then deposits and withdrawals that never overdraw. */
export function accountEvents(count: number, tick = 0): EventInput[] {
	const events: EventInput[] = [
		{
			type: 'AccountOpened',
			data: {
				holderName: CUSTOMERS[tick % CUSTOMERS.length]!,
				currency: 'EUR',
				openedAt: at(tick),
				openedBy: 'local-user'
			},
			metadata: metadata(tick)
		}
	];
	for (let i = 1; events.length < count; i++) {
		const t = tick + i;
		events.push({
			type: i % 3 === 0 ? 'MoneyWithdrawn' : 'MoneyDeposited',
			data: { amountCents: 1_000 + i, note: `Market day ${i}`, at: at(t) },
			metadata: metadata(t)
		});
	}
	return events;
}

/**
 * A device's log of `total` events: orders of 10 events and accounts of 8, four orders to
 * each account, stream after stream.
 */
export function logBatches(total: number): StreamBatch[] {
	const batches: StreamBatch[] = [];
	let written = 0;
	for (let n = 0; written < total; n++) {
		const isAccount = n % 5 === 4;
		const size = Math.min(isAccount ? 8 : 10, total - written);
		const id = crypto.randomUUID();
		batches.push(
			isAccount
				? { streamId: `account-${id}`, events: accountEvents(size, written) }
				: { streamId: `order-${id}`, events: orderEvents(size, written) }
		);
		written += size;
	}
	return batches;
}
