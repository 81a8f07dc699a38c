// How customers and the links to them read to a person: in history, the review list, headings.
import { describe, expect, it } from 'vitest';
import type { ReadEvent } from '../../events';
import { describeCommand } from '../describe-command';
import { describeEvent } from '../describe-event';
import { describeRecord, recordInSentence, recordKindOf } from '../describe-record';

const event = (type: string, data: object) => ({ type, data }) as unknown as ReadEvent;

describe('a customer in words', () => {
	it('is named by their name, linking to their page', () => {
		const customer = describeRecord('customer-ada', {
			status: 'active',
			name: 'Ada Lovelace',
			registeredAt: '2026-01-01T00:00:00.000Z',
			registeredBy: 'u1'
		});
		expect(recordKindOf('customer-ada')).toBe('customer');
		expect(customer).toMatchObject({ title: 'Ada Lovelace', href: '/customers/ada', open: true });
		expect(recordInSentence(customer)).toBe('the customer Ada Lovelace');
		expect(recordInSentence(describeRecord('customer-x', undefined))).toBe('this customer');
	});

	it('tells in history what happened to them and to the records linked to them', () => {
		expect(describeEvent(event('CustomerRegistered', { name: 'Ada' }))).toBe(
			'Registered the customer Ada'
		);
		expect(describeEvent(event('CustomerArchived', { archivedAt: '' }))).toBe(
			'Archived the customer'
		);
		const link = { customerId: 'customer-ada', customerName: 'Ada' };
		expect(describeEvent(event('OrderCustomerLinked', link))).toBe('Linked to the customer Ada');
		expect(describeEvent(event('AccountCustomerLinked', link))).toBe('Linked to the customer Ada');
	});

	it('names a waiting change to them or a link, as the review list shows it', () => {
		expect(describeCommand({ type: 'ArchiveCustomer' }, 'customer-ada', { name: 'Ada' })).toBe(
			'Archive the customer Ada'
		);
		expect(
			describeCommand(
				{ type: 'LinkCustomer', customerId: 'customer-ada', customerName: 'Ada' },
				'order-1',
				{ name: 'A. L.' }
			)
		).toBe('Link the order for A. L. to Ada');
	});
});
