import { describe, it, expect } from 'vitest';
import { orderEventTypes } from './events';

describe('order event schemas', () => {
	it('are strict', () => {
		const result = orderEventTypes.ItemRemoved.schema.safeParse({ lineId: 'a', extra: 1 });
		expect(result.success).toBe(false);
	});

	it('need an ISO time', () => {
		const { OrderSubmitted } = orderEventTypes;
		expect(
			OrderSubmitted.schema.safeParse({ submittedAt: '2026-01-02T03:04:05.000Z' }).success
		).toBe(true);
		expect(OrderSubmitted.schema.safeParse({ submittedAt: 'yesterday' }).success).toBe(false);
	});

	it('are each at their first schema version', () => {
		for (const eventType of Object.values(orderEventTypes)) expect(eventType.latestVersion).toBe(1);
	});
});
