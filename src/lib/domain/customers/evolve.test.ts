import { describe, expect, it } from 'vitest';
import { customerAggregate } from './aggregate';
import type { CustomerEvent } from './events';
import type { CustomerState } from './state';

const fold = (events: CustomerEvent[]): CustomerState =>
	events.reduce(customerAggregate.evolve, customerAggregate.initialState());

const at = '2026-01-01T09:00:00.000Z';
const registered: CustomerEvent = {
	type: 'CustomerRegistered',
	data: {
		name: 'Ada',
		email: 'ada@example.com',
		notes: 'VIP',
		registeredAt: at,
		registeredBy: 'u1'
	}
};

describe('evolveCustomer', () => {
	it('starts with no customer', () => {
		expect(fold([])).toEqual({ status: 'none' });
	});

	it('registers an active customer with their details', () => {
		expect(fold([registered])).toEqual({
			status: 'active',
			name: 'Ada',
			email: 'ada@example.com',
			notes: 'VIP',
			registeredAt: at,
			registeredBy: 'u1'
		});
	});

	it('replaces the details as a whole, keeping status and registration', () => {
		const changed = fold([
			registered,
			{ type: 'CustomerArchived', data: { archivedAt: at } },
			{ type: 'CustomerDetailsChanged', data: { name: 'Ada King', phone: '123' } }
		]);
		expect(changed).toEqual({
			status: 'archived',
			archivedAt: at,
			name: 'Ada King',
			phone: '123',
			registeredAt: at,
			registeredBy: 'u1'
		});
	});

	it('reactivates without the archive time', () => {
		const state = fold([
			registered,
			{ type: 'CustomerArchived', data: { archivedAt: at } },
			{ type: 'CustomerReactivated', data: { reactivatedAt: at } }
		]);
		expect(state.status).toBe('active');
		expect(state).not.toHaveProperty('archivedAt');
	});

	it('ignores events of a customer never registered', () => {
		expect(fold([{ type: 'CustomerArchived', data: { archivedAt: at } }])).toEqual({
			status: 'none'
		});
	});
});
