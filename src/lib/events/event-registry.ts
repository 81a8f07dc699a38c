import type { z } from 'zod';
import { UnknownEventTypeError, ValidationError, type ValidationIssue } from '../errors';
import type { EventType } from './define-event-type';
import type { EventMetadata, ReadEvent, StoredEvent } from './envelope';
import { eventMetadataSchema } from './metadata-schema';
import { rewound } from './rewound';

/** The outcome of `parseMetadata`: the metadata as stored, or the first problem found. */
export type MetadataCheck =
	{ success: true; data: EventMetadata } | { success: false; message: string | undefined };

export interface EventRegistry {
	/** Every type this build knows, the system ones included. */
	readonly types: ReadonlyMap<string, EventType>;
	knows(type: string): boolean;
	/** Latest schemaVersion of a known type. */
	latestVersion(type: string): number;
	/** Validates data for a new event of `type`, in its latest shape; returns the parsed data. */
	validate(type: string, data: unknown): unknown;
	/**
	 * Validates data stored at `schemaVersion` and upcasts it to the latest shape. Used where
	 * data comes from outside this device (the server, a pull) and must be checked.
	 */
	parseAt(type: string, schemaVersion: number, data: unknown): unknown;
	/** The event in its latest shape, or flagged `unknownType` when this build does not know it. */
	read<E extends StoredEvent>(event: E): ReadEvent;
	/** Checks an event's metadata against the envelope's schema (`eventMetadataSchema`). */
	parseMetadata(metadata: unknown): MetadataCheck;
	/**
	 * For a registry whose schemas load on demand (`deferEventRegistry`): resolves once
	 * `validate`, `parseAt` and `parseMetadata` can run, or, given `events`, once `read` can take each of them.
	 * Undefined when they already can; the store awaits it before it needs them.
	 */
	prepare?(events?: readonly StoredEvent[]): Promise<void> | undefined;
}

/** The registry of an app's event types; `$Rewound` is always part of it. */
export function createEventRegistry(types: Iterable<EventType>): EventRegistry {
	const byType = new Map<string, EventType>([[rewound.type, rewound]]);
	for (const eventType of types) {
		if (byType.has(eventType.type)) {
			throw new Error(`Event type "${eventType.type}" is declared twice.`);
		}
		byType.set(eventType.type, eventType);
	}

	function get(type: string): EventType {
		const eventType = byType.get(type);
		if (!eventType) throw new UnknownEventTypeError(type);
		return eventType;
	}

	function parse(schema: z.ZodType, type: string, schemaVersion: number, data: unknown): unknown {
		const result = schema.safeParse(data);
		if (result.success) return result.data;
		throw new ValidationError(
			`The data of a "${type}" event (schema version ${schemaVersion}) is not valid: ` +
				result.error.issues.map((issue) => issue.message).join('; '),
			result.error.issues.map((issue): ValidationIssue => ({
				path: issue.path.filter((key) => typeof key !== 'symbol'),
				message: issue.message
			}))
		);
	}

	function parseAt(type: string, schemaVersion: number, data: unknown): unknown {
		const eventType = get(type);
		if (
			!Number.isInteger(schemaVersion) ||
			schemaVersion < 1 ||
			schemaVersion > eventType.latestVersion
		) {
			throw new ValidationError(
				`"${type}" has no schema version ${schemaVersion}; this build knows 1 to ${eventType.latestVersion}.`,
				[{ path: ['schemaVersion'], message: 'unknown schema version' }]
			);
		}
		let current = data;
		for (let version = schemaVersion; version < eventType.latestVersion; version++) {
			const step = eventType.history[version - 1]!;
			current = step.upcast(parse(step.schema, type, version, current) as never);
		}
		return parse(eventType.schema, type, eventType.latestVersion, current);
	}

	return {
		types: byType,
		knows: (type) => byType.has(type),
		latestVersion: (type) => get(type).latestVersion,
		validate: (type, data) => parse(get(type).schema, type, get(type).latestVersion, data),
		parseAt,
		parseMetadata(metadata) {
			const result = eventMetadataSchema.safeParse(metadata);
			return result.success
				? { success: true, data: result.data }
				: { success: false, message: result.error.issues[0]?.message };
		},
		read(event) {
			const eventType = byType.get(event.type);
			// A newer build wrote it (a new type, or a newer shape of a known one): keep it untouched.
			if (!eventType || event.schemaVersion > eventType.latestVersion) {
				return { ...event, unknownType: true };
			}
			// Events in the latest shape were validated when written; only older ones need work.
			if (event.schemaVersion === eventType.latestVersion) return event;
			return {
				...event,
				schemaVersion: eventType.latestVersion,
				data: parseAt(event.type, event.schemaVersion, event.data)
			};
		}
	};
}
