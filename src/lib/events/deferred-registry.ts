import { UnknownEventTypeError } from '../errors';
import type { ReadEvent, StoredEvent } from './envelope';
import type { EventRegistry } from './event-registry';
import { REWOUND, REWOUND_LATEST_VERSION } from './rewound-type';

/** A registry that reads the log at once and loads its schemas when it must validate. */
export interface DeferredEventRegistry extends EventRegistry {
	/** Whether the schemas are in: validating, `parseAt` and upcasting run without waiting. */
	readonly loaded: boolean;
	/** Loads the schemas (once); what `prepare` waits for. */
	load(): Promise<EventRegistry>;
}

/**
 * An event registry whose zod schemas stay out of the page until something needs them. An app
 * that only shows its log needs no schema: events stored in their latest shape are read as
 * they are, and for that each type's latest schemaVersion is enough. Validating a new event,
 * checking data from outside and upcasting an older shape load the full registry first
 * (`prepare`, which the event store awaits). `latestVersions` must match what `load` brings:
 * the load checks it, so a catalogue that drifted from the schemas fails loudly.
 */
export function deferEventRegistry(
	latestVersions: Readonly<Record<string, number>>,
	load: () => Promise<EventRegistry>
): DeferredEventRegistry {
	const versions = new Map(Object.entries(latestVersions));
	versions.set(REWOUND, REWOUND_LATEST_VERSION);
	let full: EventRegistry | undefined;
	let loading: Promise<EventRegistry> | undefined;

	function loadOnce(): Promise<EventRegistry> {
		loading ??= load().then((registry) => {
			assertSameVersions(versions, registry);
			full = registry;
			return registry;
		});
		// A failed load (the network, offline before the service worker cached it) may be retried.
		loading.catch(() => (loading = undefined));
		return loading;
	}

	function loaded(): EventRegistry {
		if (!full) throw new Error('The event schemas are not loaded yet: await prepare() first.');
		return full;
	}

	function latestVersion(type: string): number {
		const version = versions.get(type);
		if (version === undefined) throw new UnknownEventTypeError(type);
		return version;
	}

	/** Whether `read` needs the schemas for this event: an older shape of a known type. */
	function needsSchemas(event: StoredEvent): boolean {
		const version = versions.get(event.type);
		return version !== undefined && event.schemaVersion < version;
	}

	return {
		get loaded() {
			return full !== undefined;
		},
		load: loadOnce,
		get types() {
			return loaded().types;
		},
		knows: (type) => versions.has(type),
		latestVersion,
		validate: (type, data) => loaded().validate(type, data),
		parseAt: (type, schemaVersion, data) => loaded().parseAt(type, schemaVersion, data),
		parseMetadata: (metadata) => loaded().parseMetadata(metadata),
		read(event): ReadEvent {
			if (full) return full.read(event);
			const version = versions.get(event.type);
			if (version === undefined || event.schemaVersion > version) {
				return { ...event, unknownType: true };
			}
			if (event.schemaVersion === version) return event;
			return loaded().read(event);
		},
		prepare(events) {
			if (full) return undefined;
			if (events && !events.some(needsSchemas)) return undefined;
			return loadOnce().then(() => undefined);
		}
	};
}

function assertSameVersions(versions: ReadonlyMap<string, number>, registry: EventRegistry): void {
	const loaded = new Map(
		[...registry.types].map(([type, eventType]) => [type, eventType.latestVersion])
	);
	const same =
		loaded.size === versions.size &&
		[...versions].every(([type, version]) => loaded.get(type) === version);
	if (!same) {
		const describe = (map: ReadonlyMap<string, number>) =>
			[...map].map(([type, version]) => `${type}@${version}`).join(', ');
		throw new Error(
			`The event catalogue (${describe(versions)}) does not match the loaded schemas (${describe(loaded)}).`
		);
	}
}
