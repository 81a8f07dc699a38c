import { describe, expect, it } from 'vitest';
import { NumberBook } from './number-book';

const book = new NumberBook([
	{ seriesId: 'series-device-1', prefix: 'A', records: ['order-a1', 'order-a2'] },
	{ seriesId: 'series-device-7f3a', records: ['order-p1', 'order-p2', 'order-p3'] },
	{ seriesId: 'series-device-2', prefix: 'B', records: ['order-b1', 'order-b2'] }
]);

describe('NumberBook', () => {
	it("gives a record its series' prefix and its number", () => {
		expect(book.numberOf('order-b2')).toEqual({ prefix: 'B', number: 2, provisional: false });
		expect(book.numberOf('order-p3')).toEqual({ prefix: '7F3A', number: 3, provisional: true });
		expect(book.numberOf('order-unknown')).toBeUndefined();
	});

	it('finds a number in one series, or in every series without a prefix', () => {
		expect(book.find({ prefix: 'B', number: 2 })).toEqual(['order-b2']);
		expect(book.find({ number: 2 })).toEqual(['order-a2', 'order-p2', 'order-b2']);
		expect(book.find({ number: 3 })).toEqual(['order-p3']);
		expect(book.find({ prefix: 'C', number: 1 })).toEqual([]);
	});

	it('names the series still provisional: the ones a device signed in must name', () => {
		expect(book.unnamed()).toEqual(['series-device-7f3a']);
	});
});
