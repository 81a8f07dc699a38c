import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UnknownEventTypeError, ValidationError } from '../errors';
import { defineEventType } from './define-event-type';
import type { StoredEvent } from './envelope';
import { createEventRegistry } from './event-registry';
import { noteEvents } from '../testing/notes';
import { REWOUND, rewound } from './rewound';

const counterIncremented = defineEventType({
	type: 'CounterIncremented',
	schema: z.object({ by: z.number().int().positive() })
});

// The fixture domain's notes: NoteWritten (strict), NoteRenamed (v1 `{name}` → v2 `{title}` →
// v3 `{title, language}`). The plain-object counter above is this file's own, for key stripping.
const { NoteWritten: noteWritten, NoteRenamed: noteRenamed } = noteEvents;
const registry = createEventRegistry([counterIncremented, noteWritten, noteRenamed]);

function stored(event: Pick<StoredEvent, 'type' | 'schemaVersion' | 'data'>): StoredEvent {
	return {
		eventId: 'event-1',
		streamId: 'note-1',
		version: 1,
		metadata: {
			commandId: 'command-1',
			correlationId: 'correlation-1',
			userId: 'user-1',
			deviceId: 'device-1',
			occurredAt: '2024-05-01T10:00:00.000Z'
		},
		seq: 1,
		sync: 'synced',
		position: 7,
		recordedAt: '2024-05-01T10:00:01.000Z',
		recordedBy: 'user-1',
		...event
	};
}

function thrown(run: () => unknown): unknown {
	try {
		run();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

describe('defineEventType', () => {
	it('numbers the current schema after its history', () => {
		expect(counterIncremented.latestVersion).toBe(1);
		expect(noteRenamed.latestVersion).toBe(3);
		expect(noteRenamed.history).toHaveLength(2);
	});
});

describe('createEventRegistry', () => {
	it('always knows $Rewound, even when given no types', () => {
		const empty = createEventRegistry([]);
		expect(empty.knows(REWOUND)).toBe(true);
		expect(empty.types.get(REWOUND)).toBe(rewound);
		expect(empty.latestVersion(REWOUND)).toBe(1);
		expect(empty.validate(REWOUND, { toVersion: 3, undoes: 'command-1' })).toEqual({
			toVersion: 3,
			undoes: 'command-1'
		});
		expect(registry.knows(REWOUND)).toBe(true);
	});

	it('knows the types it was given and nothing else', () => {
		expect(registry.knows('CounterIncremented')).toBe(true);
		expect(registry.knows('NoteRenamed')).toBe(true);
		expect(registry.knows('NoteArchived')).toBe(false);
		expect([...registry.types.keys()].sort()).toEqual(
			[REWOUND, 'CounterIncremented', 'NoteRenamed', 'NoteWritten'].sort()
		);
	});

	it('refuses a type declared twice', () => {
		expect(() => createEventRegistry([counterIncremented, counterIncremented])).toThrow(
			/"CounterIncremented" is declared twice/
		);
	});

	it('refuses an app type that takes the name $Rewound', () => {
		const fake = defineEventType({ type: REWOUND, schema: z.object({}) });
		expect(() => createEventRegistry([fake])).toThrow(/declared twice/);
	});

	it('throws UnknownEventTypeError for the latest version of an unknown type', () => {
		const error = thrown(() => registry.latestVersion('NoteArchived'));
		expect(error).toBeInstanceOf(UnknownEventTypeError);
		expect((error as UnknownEventTypeError).type).toBe('NoteArchived');
		expect((error as UnknownEventTypeError).code).toBe('unknown_event_type');
	});
});

describe('registry.validate', () => {
	it('returns the parsed data, stripping keys a plain object schema does not declare', () => {
		expect(registry.validate('CounterIncremented', { by: 2, extra: 'dropped' })).toEqual({ by: 2 });
	});

	it('refuses keys a strict schema does not declare', () => {
		expect(() => registry.validate('NoteWritten', { title: 'hi', extra: 1 })).toThrow(
			ValidationError
		);
	});

	it('refuses data that breaks the schema with a ValidationError naming the type and the issue path', () => {
		const error = thrown(() => registry.validate('CounterIncremented', { by: -1 }));
		expect(error).toBeInstanceOf(ValidationError);
		const validation = error as ValidationError;
		expect(validation.message).toContain('"CounterIncremented"');
		expect(validation.message).toContain('schema version 1');
		expect(validation.code).toBe('validation_failed');
		expect(validation.issues[0]?.path).toEqual(['by']);
	});

	it('refuses data of a type it does not know with UnknownEventTypeError', () => {
		expect(() => registry.validate('NoteArchived', {})).toThrow(UnknownEventTypeError);
	});

	it('validates against the latest schema only, not an older one', () => {
		expect(() => registry.validate('NoteRenamed', { name: 'old shape' })).toThrow(ValidationError);
		expect(registry.validate('NoteRenamed', { title: 'Lamp', language: 'de' })).toEqual({
			title: 'Lamp',
			language: 'de'
		});
	});

	it('refuses a $Rewound without a whole, non-negative toVersion', () => {
		expect(() => registry.validate(REWOUND, { toVersion: -1 })).toThrow(ValidationError);
		expect(() => registry.validate(REWOUND, { toVersion: 1.5 })).toThrow(ValidationError);
		expect(() => registry.validate(REWOUND, {})).toThrow(ValidationError);
		expect(() => registry.validate(REWOUND, { toVersion: 1, surprise: true })).toThrow(
			ValidationError
		);
	});
});

describe('registry.parseAt (upcasting)', () => {
	it('lifts version 1 data through every upcaster to the latest shape', () => {
		expect(registry.parseAt('NoteRenamed', 1, { name: 'Lamp' })).toEqual({
			title: 'Lamp',
			language: 'en'
		});
	});

	it('lifts version 2 data through the remaining upcaster', () => {
		expect(registry.parseAt('NoteRenamed', 2, { title: 'Lamp' })).toEqual({
			title: 'Lamp',
			language: 'en'
		});
	});

	it('validates latest-version data without upcasting it', () => {
		expect(registry.parseAt('NoteRenamed', 3, { title: 'Lamp', language: 'fr' })).toEqual({
			title: 'Lamp',
			language: 'fr'
		});
	});

	it('refuses data that is not valid for the version it claims', () => {
		const error = thrown(() => registry.parseAt('NoteRenamed', 1, { title: 'Lamp' }));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).message).toContain('schema version 1');
		// Valid for v2 but claimed as v3.
		expect(() => registry.parseAt('NoteRenamed', 3, { title: 'Lamp' })).toThrow(ValidationError);
	});

	it('refuses data an upcaster lifts into something the next version rejects', () => {
		// `name: ''` is valid for v1 but v2 requires a non-empty title.
		const error = thrown(() => registry.parseAt('NoteRenamed', 1, { name: '' }));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).message).toContain('schema version 2');
	});

	it.each([0, 4, -1, 1.5, Number.NaN])(
		'refuses schema version %s, which the type never had',
		(v) => {
			const error = thrown(() => registry.parseAt('NoteRenamed', v, { name: 'Lamp' }));
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).message).toContain('has no schema version');
			expect((error as ValidationError).issues).toEqual([
				{ path: ['schemaVersion'], message: 'unknown schema version' }
			]);
		}
	);

	it('refuses a type it does not know', () => {
		expect(() => registry.parseAt('NoteArchived', 1, {})).toThrow(UnknownEventTypeError);
	});
});

describe('registry.read', () => {
	it('returns an event stored at an old schema version in the latest shape and version', () => {
		const old = stored({ type: 'NoteRenamed', schemaVersion: 1, data: { name: 'Lamp' } });
		const read = registry.read(old);
		expect(read.schemaVersion).toBe(3);
		expect(read.data).toEqual({ title: 'Lamp', language: 'en' });
		expect(read.unknownType).toBeUndefined();
		// Everything but the data and its schema version is the stored event's.
		expect({ ...read, data: old.data, schemaVersion: 1 }).toEqual(old);
		// The stored event itself is not mutated.
		expect(old.data).toEqual({ name: 'Lamp' });
		expect(old.schemaVersion).toBe(1);
	});

	it('returns an event already in the latest shape as it is', () => {
		const current = stored({ type: 'CounterIncremented', schemaVersion: 1, data: { by: 3 } });
		expect(registry.read(current)).toEqual(current);
	});

	it('keeps an event of an unknown type untouched and flags it unknownType', () => {
		const future = stored({ type: 'NoteArchived', schemaVersion: 4, data: { carrier: 'x' } });
		const read = registry.read(future);
		expect(read.unknownType).toBe(true);
		expect({ ...read, unknownType: undefined }).toEqual({ ...future, unknownType: undefined });
		expect(read.data).toEqual({ carrier: 'x' });
		expect(read.schemaVersion).toBe(4);
	});
});
