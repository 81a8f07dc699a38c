export type { EventMetadata, StoredEvent, ReadEvent, EventInput, SyncState } from './envelope';
export { eventTime } from './envelope';
export { assertStreamId, streamIdOf, categoryOf, idOf } from './stream-id';
export {
	defineEventType,
	type EventType,
	type EventSchemaHistory,
	type EventOf,
	type EventsOf
} from './define-event-type';
export { eventMetadataSchema, MAX_ID_LENGTH, MAX_ISO_TIME_LENGTH } from './metadata-schema';
export { rewound, REWOUND, type RewoundData } from './rewound';
export { createEventRegistry, type EventRegistry } from './event-registry';
export { foldStream, foldSteps, type VersionedState, type Evolver } from './fold-stream';
export { MAX_EVENT_BYTES, jsonByteLength, utf8ByteLength } from './event-size';
