import { describe, expect, it } from 'vitest';
import { REWOUND, type ReadEvent } from '../events';
import { lastSeal } from '../undo';
import { accountAggregate } from './accounts/aggregate';
import { orderAggregate } from './orders/aggregate';

// DESIGN.md "Sealed history": the facts others act on seal a record's past.

const event = (version: number, type: string, data: object = {}) =>
	({ version, type, data }) as unknown as ReadEvent;

describe('the domain’s seals', () => {
	it('an order is sealed by its submission and by its cancellation', () => {
		expect([...orderAggregate.sealedBy].sort()).toEqual(['OrderCancelled', 'OrderSubmitted']);
		const submitted = [
			event(1, 'OrderCreated'),
			event(2, 'ItemAdded'),
			event(3, 'OrderSubmitted'),
			event(4, REWOUND, { toVersion: 3 })
		];
		expect(lastSeal(orderAggregate, submitted)?.version).toBe(3);
		expect(lastSeal(orderAggregate, submitted.slice(0, 2))).toBeUndefined();
	});

	it('an account is sealed by its closing', () => {
		expect(accountAggregate.sealedBy).toEqual(['AccountClosed']);
		const closed = [event(1, 'AccountOpened'), event(2, 'AccountClosed')];
		expect(lastSeal(accountAggregate, closed)?.type).toBe('AccountClosed');
	});

	it('says why, and what to do instead, in words a person uses', () => {
		expect(orderAggregate.explainSeal?.('OrderSubmitted')).toMatch(
			/^This order was submitted, so it stays as it was sent: neither that nor the changes before it can be undone\. To stop it, cancel the order; .*new order\.$/
		);
		expect(orderAggregate.explainSeal?.('OrderCancelled')).toMatch(/^This order was cancelled/);
		expect(accountAggregate.explainSeal?.('AccountClosed')).toMatch(
			/^This account was closed, .* open a new account\.$/
		);
	});
});
