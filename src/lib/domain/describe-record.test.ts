import { describe, expect, it } from 'vitest';
import { recordInSentence, recordTitle, type RecordInfo } from './describe-record';

const record = (kind: RecordInfo['kind'], title: string): RecordInfo => ({
	kind,
	title,
	open: true,
	context: {}
});

describe('recordInSentence', () => {
	it('names a known record in lower case after "the"', () => {
		expect(recordInSentence(record('order', 'Order for Café Aurora'))).toBe(
			'the order for Café Aurora'
		);
		expect(recordInSentence(record('account', 'Account of Lee'))).toBe('the account of Lee');
	});

	it('says "this order" or "this record" when the name is unknown', () => {
		expect(recordInSentence(record('order', 'An order'))).toBe('this order');
		expect(recordInSentence(record('other', 'widget-7'))).toBe('this record');
	});
});

describe('recordTitle', () => {
	it('names an order by its customer and an account by its holder', () => {
		expect(recordTitle('order', 'Café Aurora')).toBe('Order for Café Aurora');
		expect(recordTitle('account', 'Lee')).toBe('Account of Lee');
	});

	it('says "An order" or "An account" while the name is unknown', () => {
		expect(recordTitle('order', undefined)).toBe('An order');
		expect(recordTitle('account', undefined)).toBe('An account');
	});
});
