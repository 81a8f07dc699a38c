import { describe, expect, it } from 'vitest';
import { recordInSentence, type RecordInfo } from './record-context';

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
