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
export { eventMetadataSchema } from './metadata-schema';
export { MAX_ID_LENGTH, MAX_ISO_TIME_LENGTH } from './envelope-limits';
export { rewound, type RewoundData } from './rewound';
export { REWOUND, REWOUND_LATEST_VERSION } from './rewound-type';
export { createEventRegistry, type EventRegistry } from './event-registry';
export { deferEventRegistry, type DeferredEventRegistry } from './deferred-registry';
export { foldStream, foldSteps, type VersionedState, type Evolver } from './fold-stream';
export { MAX_EVENT_BYTES, jsonByteLength, utf8ByteLength } from './event-size';
export { sameJson } from './same-json';
export {
	sealLeftBehind,
	restingSeal,
	effectiveVersions,
	type SealedStream
} from './sealed-history';
