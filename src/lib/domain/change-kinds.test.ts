import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, changeKindOf, parseChangeKind } from './change-kinds';
import { domainEventTypes } from './event-types';

describe('change kinds', () => {
	it('give every event type the app writes a kind of its own', () => {
		const kinds = domainEventTypes.map(({ type }) => changeKindOf({ type, data: {} }));
		expect(kinds).not.toContain('other');
		expect(new Set(kinds).size).toBe(kinds.length);
	});

	it('tell undo and redo from a restore', () => {
		expect(changeKindOf({ type: '$Rewound', data: { toVersion: 2, undoes: 'c' } })).toBe(
			'undo-redo'
		);
		expect(changeKindOf({ type: '$Rewound', data: { toVersion: 2, redoes: 'c' } })).toBe(
			'undo-redo'
		);
		expect(changeKindOf({ type: '$Rewound', data: { toVersion: 2 } })).toBe('restore');
	});

	it('put events of a newer app, and odd type names, under "other"', () => {
		expect(changeKindOf({ type: 'ItemDiscounted', data: {}, unknownType: true })).toBe('other');
		expect(changeKindOf({ type: 'toString', data: {} })).toBe('other');
	});

	it('are labelled in words, never by type names', () => {
		for (const { label } of CHANGE_KINDS) {
			expect(label).not.toMatch(/\$|[a-z][A-Z]/);
			for (const { type } of domainEventTypes) expect(label).not.toContain(type);
		}
		expect(CHANGE_KINDS.find(({ kind }) => kind === 'quantity-changed')?.label).toBe(
			'Quantity changed'
		);
		expect(CHANGE_KINDS.find(({ kind }) => kind === 'undo-redo')?.label).toBe('Undo / redo');
	});

	it('are read back from an address only when they name a kind', () => {
		expect(parseChangeKind('deposit')).toBe('deposit');
		expect(parseChangeKind('MoneyDeposited')).toBeUndefined();
		expect(parseChangeKind(null)).toBeUndefined();
	});
});
