import { beforeAll, describe, it } from 'vitest';
import { deciderSpec } from '../../aggregates/decider-spec';
import { IllegalStateError, ValidationError } from '../../errors';
import { seriesAggregate } from './aggregate';
import type { SeriesEvent } from './events';

const spec = deciderSpec(seriesAggregate);

// The app loads the schemas and the decider with the first command; a spec runs them at once.
beforeAll(() => seriesAggregate.prepare?.());
const now = '2026-01-02T03:04:05.000Z';

const issued = (number: number, recordId = `order-${number}`): SeriesEvent => ({
	type: 'NumberIssued',
	data: { number, recordId }
});
const named = (prefix: string): SeriesEvent => ({
	type: 'SeriesNamed',
	data: { prefix, namedAt: now }
});

describe('IssueNumber', () => {
	it('issues 1 on a new series', () => {
		spec
			.given([])
			.when({ type: 'IssueNumber', recordId: 'order-a' })
			.then([issued(1, 'order-a')]);
	});

	it('issues the number after the last, with no gap, named or not', () => {
		spec
			.given([issued(1), issued(2), named('B'), issued(3)])
			.when({ type: 'IssueNumber', recordId: 'order-x' })
			.then([issued(4, 'order-x')]);
	});

	it('is refused once the series is full', () => {
		spec
			.given([issued(999_999_999)])
			.when({ type: 'IssueNumber', recordId: 'order-x' })
			.thenThrows(IllegalStateError, /every number/);
	});

	it('needs the record it numbers', () => {
		spec.given([]).when({ type: 'IssueNumber' }).thenThrows(ValidationError);
		spec.given([]).when({ type: 'IssueNumber', recordId: '' }).thenThrows(ValidationError);
	});
});

describe('NameSeries', () => {
	it('names a provisional series, keeping the numbers it issued', () => {
		spec
			.given([issued(1), issued(2)])
			.when({ type: 'NameSeries', prefix: 'B' })
			.then([named('B')]);
	});

	it('records nothing when the series already has that name (a second tab, a retry)', () => {
		spec
			.given([named('B'), issued(1)])
			.when({ type: 'NameSeries', prefix: 'B' })
			.then([]);
	});

	it('is refused when the series already has another name', () => {
		spec
			.given([named('B')])
			.when({ type: 'NameSeries', prefix: 'C' })
			.thenThrows(IllegalStateError, /already start with B/);
	});

	it.each(['', 'b', 'B-1', 'ABCDEFG', '7F'])('refuses the prefix "%s" by its schema', (prefix) => {
		spec.given([]).when({ type: 'NameSeries', prefix }).thenThrows(ValidationError);
	});
});

describe('sealed history', () => {
	it('seals on every event, so no rewind can free a number or unname the series', ({ expect }) => {
		expect([...seriesAggregate.sealedBy].sort()).toEqual(['NumberIssued', 'SeriesNamed']);
	});
});
