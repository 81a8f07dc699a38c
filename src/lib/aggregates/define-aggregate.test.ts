import { describe, expect, it } from 'vitest';
import { defineAggregate } from './define-aggregate';
import { counterAggregate } from '../testing';

describe('defineAggregate: seals', () => {
	it('keeps the sealing event types and the words that explain them', () => {
		const counter = counterAggregate();
		expect(counter.sealedBy).toEqual(['Closed']);
		expect(counter.explainSeal?.('Closed')).toMatch(/closed/);
	});

	it('an aggregate that declares none is sealed by nothing', () => {
		const { sealedBy: _, ...definition } = counterAggregate();
		expect(defineAggregate(definition).sealedBy).toEqual([]);
	});

	it('refuses a seal of a type the aggregate never writes: a typo would seal nothing', () => {
		expect(() => defineAggregate({ ...counterAggregate(), sealedBy: ['Closd'] })).toThrow(
			/sealed by "Closd", which it never writes/
		);
	});
});
