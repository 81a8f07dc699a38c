import { describe, expect, it } from 'vitest';
import { UnknownEventTypeError, ValidationError } from '../errors';
import { noteEvents } from '../testing/notes';
import { deferEventRegistry } from './deferred-registry';
import type { StoredEvent } from './envelope';
import { createEventRegistry, type EventRegistry } from './event-registry';
import { REWOUND } from './rewound-type';

// NoteWritten (v2) and NoteRenamed (v1 `{name}` → v2 `{title}` → v3 `{title, language}`).
const full = createEventRegistry(Object.values(noteEvents));
const catalogue = { NoteWritten: 2, NoteRenamed: 3 };

/** A deferred registry over the notes, counting its loads. */
function deferred(
	versions: Record<string, number> = catalogue,
	load = () => Promise.resolve(full)
) {
	let loads = 0;
	const registry = deferEventRegistry(versions, () => {
		loads++;
		return load();
	});
	return { registry, loads: () => loads };
}

function stored(type: string, schemaVersion: number, data: unknown): StoredEvent {
	return {
		eventId: 'event-1',
		streamId: 'note-1',
		version: 1,
		type,
		schemaVersion,
		data,
		metadata: {
			commandId: 'command-1',
			correlationId: 'correlation-1',
			userId: 'user-1',
			deviceId: 'device-1',
			occurredAt: '2024-05-01T10:00:00.000Z'
		},
		seq: 1,
		sync: 'pending'
	};
}

describe('deferEventRegistry', () => {
	it('reads events in their latest shape, and unknown or newer ones, without loading', () => {
		const { registry, loads } = deferred();
		const latest = stored('NoteRenamed', 3, { title: 'Lamp', language: 'en' });
		expect(registry.read(latest)).toBe(latest);
		expect(registry.read(stored('Unheard', 1, {}))).toMatchObject({ unknownType: true });
		expect(registry.read(stored('NoteRenamed', 4, {}))).toMatchObject({ unknownType: true });
		expect(registry.prepare?.([latest])).toBeUndefined();
		expect(registry.knows('NoteWritten')).toBe(true);
		expect(registry.knows(REWOUND)).toBe(true);
		expect(registry.latestVersion('NoteRenamed')).toBe(3);
		expect(() => registry.latestVersion('Unheard')).toThrow(UnknownEventTypeError);
		expect(registry.loaded).toBe(false);
		expect(loads()).toBe(0);
	});

	it('refuses to validate before its schemas are loaded, then validates as the full registry', async () => {
		const { registry, loads } = deferred();
		expect(() => registry.validate('NoteWritten', { text: 'hi' })).toThrow(/not loaded/);
		expect(() => registry.parseMetadata({})).toThrow(/not loaded/);
		await Promise.all([registry.prepare?.(), registry.prepare?.()]);
		expect(loads()).toBe(1);
		expect(registry.prepare?.()).toBeUndefined();
		expect(() => registry.validate('NoteWritten', {})).toThrow(ValidationError);
		expect(registry.types).toBe(full.types);
	});

	it('loads before upcasting an older shape, and then reads it as the full registry does', async () => {
		const { registry, loads } = deferred();
		const older = stored('NoteRenamed', 1, { name: 'Lamp' });
		expect(() => registry.read(older)).toThrow(/not loaded/);
		await registry.prepare?.([stored('NoteWritten', 2, { text: 'hi' }), older]);
		expect(loads()).toBe(1);
		expect(registry.read(older)).toEqual(full.read(older));
		expect(registry.read(older).data).toEqual({ title: 'Lamp', language: 'en' });
	});

	it('fails its load when the catalogue does not match the schemas, and may load again', async () => {
		const drifted = deferred({ NoteWritten: 2, NoteRenamed: 2 });
		await expect(drifted.registry.load()).rejects.toThrow(/NoteRenamed@2/);
		expect(drifted.registry.loaded).toBe(false);

		let fail = true;
		const flaky = deferred(catalogue, () =>
			fail ? Promise.reject(new Error('offline')) : Promise.resolve(full)
		);
		await expect(flaky.registry.load()).rejects.toThrow('offline');
		fail = false;
		await expect(flaky.registry.load()).resolves.toBe(full satisfies EventRegistry);
		expect(flaky.loads()).toBe(2);
		expect(flaky.registry.loaded).toBe(true);
	});
});
