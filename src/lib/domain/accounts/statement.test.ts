import { describe, expect, it } from 'vitest';
import type { ReadEvent } from '../../events';
import { statementOf } from './statement';

let version = 0;
function event(type: string, data: object, occurredAt = '2026-02-01T10:00:00.000Z'): ReadEvent {
	version++;
	return {
		eventId: `e${version}`,
		streamId: 'account-1',
		version,
		type,
		schemaVersion: 1,
		data,
		metadata: {
			commandId: `c${version}`,
			correlationId: `c${version}`,
			userId: 'ada',
			deviceId: 'd',
			occurredAt
		},
		seq: version,
		sync: 'pending'
	};
}

describe('statementOf', () => {
	it('names the order a withdrawal paid and a deposit refunded', () => {
		version = 0;
		const at = '2026-02-01T10:00:00.000Z';
		const events = [
			event('AccountOpened', { holderName: 'Ada', currency: 'EUR', openedAt: at, openedBy: 'ada' }),
			event('MoneyDeposited', { amountCents: 5000, at }),
			event('MoneyWithdrawn', { amountCents: 1200, orderId: 'order-7', at }),
			event('MoneyDeposited', { amountCents: 1200, orderId: 'order-7', at })
		];
		expect(statementOf(events).map(({ kind, orderId }) => ({ kind, orderId }))).toEqual([
			{ kind: 'deposit', orderId: undefined },
			{ kind: 'withdrawal', orderId: 'order-7' },
			{ kind: 'deposit', orderId: 'order-7' }
		]);
	});

	it('lists deposits and withdrawals with the running balance, and undos as corrections', () => {
		version = 0;
		const events = [
			event('AccountOpened', {
				holderName: 'Ada',
				currency: 'EUR',
				openedAt: '2026-02-01T10:00:00.000Z',
				openedBy: 'ada'
			}),
			event('MoneyDeposited', { amountCents: 5000, at: '2026-02-01T10:00:00.000Z', note: 'Float' }),
			event('MoneyWithdrawn', { amountCents: 1200, at: '2026-02-01T10:00:00.000Z' }),
			event('$Rewound', { toVersion: 2, undoes: 'c3' }),
			event('$Rewound', { toVersion: 1 })
		];

		expect(statementOf(events)).toEqual([
			expect.objectContaining({
				version: 2,
				amountCents: 5000,
				balanceCents: 5000,
				kind: 'deposit',
				note: 'Float'
			}),
			expect.objectContaining({
				version: 3,
				amountCents: -1200,
				balanceCents: 3800,
				kind: 'withdrawal'
			}),
			expect.objectContaining({
				version: 4,
				amountCents: 1200,
				balanceCents: 5000,
				kind: 'correction'
			}),
			expect.objectContaining({
				version: 5,
				amountCents: -5000,
				balanceCents: 0,
				kind: 'correction'
			})
		]);
	});
});
