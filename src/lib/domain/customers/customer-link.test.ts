// Orders and accounts name their customer by a link event on their own stream: at creation when
// a customer was chosen, later for a record made before (or without) one.
import { beforeAll, describe, it } from 'vitest';
import { deciderSpec } from '../../aggregates/decider-spec';
import { IllegalStateError, ValidationError } from '../../errors';
import { accountAggregate } from '../accounts/aggregate';
import type { AccountEvent } from '../accounts/events';
import { orderAggregate } from '../orders/aggregate';
import type { OrderEvent } from '../orders/events';

const orders = deciderSpec(orderAggregate);
const accounts = deciderSpec(accountAggregate);

beforeAll(() => orderAggregate.prepare?.());
const now = '2026-01-02T03:04:05.000Z';
const ada = 'customer-2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';
const lee = 'customer-7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';

const orderCreated: OrderEvent = {
	type: 'OrderCreated',
	data: { customerName: 'Ada Lovelace', currency: 'EUR', createdAt: now, createdBy: 'user-1' }
};
const orderLinked = (customerId: string, customerName: string): OrderEvent => ({
	type: 'OrderCustomerLinked',
	data: { customerId, customerName }
});
const accountOpened: AccountEvent = {
	type: 'AccountOpened',
	data: { holderName: 'Ada Lovelace', currency: 'EUR', openedAt: now, openedBy: 'user-1' }
};
const accountLinked = (customerId: string, customerName: string): AccountEvent => ({
	type: 'AccountCustomerLinked',
	data: { customerId, customerName }
});

describe('CreateOrder for a customer', () => {
	const create = { type: 'CreateOrder', customerName: 'Ada Lovelace ', currency: 'EUR' };

	it('creates the order and links it in the same change', () => {
		orders
			.given([])
			.when({ ...create, customerId: ada })
			.then([orderCreated, orderLinked(ada, 'Ada Lovelace')]);
	});

	it('still creates an order for a name only', () => {
		orders.given([]).when(create).then([orderCreated]);
	});

	it('refuses a customerId that is not a customer', () => {
		orders
			.given([])
			.when({ ...create, customerId: 'account-1' })
			.thenThrows(ValidationError, /customer/);
	});
});

describe('LinkCustomer on an order', () => {
	const link = { type: 'LinkCustomer', customerId: lee, customerName: 'Lee Chen' };

	it('links an order made by name only, even once submitted', () => {
		orders
			.given([orderCreated, { type: 'OrderSubmitted', data: { submittedAt: now } }])
			.when(link)
			.then([orderLinked(lee, 'Lee Chen')]);
	});

	it('moves the order to another customer', () => {
		orders
			.given([orderCreated, orderLinked(ada, 'Ada')])
			.when(link)
			.then([orderLinked(lee, 'Lee Chen')]);
	});

	it('refuses a link that is already there', () => {
		orders
			.given([orderCreated, orderLinked(lee, 'Lee Chen')])
			.when(link)
			.thenThrows(IllegalStateError, /already linked to Lee Chen/);
	});
});

describe('OpenAccount for a customer and LinkCustomer on an account', () => {
	it('opens the account and links it in the same change', () => {
		accounts
			.given([])
			.when({ type: 'OpenAccount', holderName: 'Ada Lovelace', currency: 'EUR', customerId: ada })
			.then([accountOpened, accountLinked(ada, 'Ada Lovelace')]);
	});

	it('links an account opened by name only, even once closed', () => {
		accounts
			.given([accountOpened, { type: 'AccountClosed', data: { closedAt: now } }])
			.when({ type: 'LinkCustomer', customerId: ada, customerName: 'Ada Lovelace' })
			.then([accountLinked(ada, 'Ada Lovelace')]);
	});

	it('needs the customer and their name', () => {
		accounts
			.given([accountOpened])
			.when({ type: 'LinkCustomer', customerId: ada, customerName: ' ' })
			.thenThrows(ValidationError);
	});
});
