// The library's public surface: everything an app built on Rewind may use. Nothing domain-specific.
export * from './errors';
export {
	defineEventType,
	createEventRegistry,
	eventTime,
	eventMetadataSchema,
	assertStreamId,
	streamIdOf,
	categoryOf,
	idOf,
	rewound,
	REWOUND,
	foldStream,
	type VersionedState,
	type Evolver,
	type EventType,
	type EventSchemaHistory,
	type EventOf,
	type EventsOf,
	type EventRegistry,
	type EventMetadata,
	type EventInput,
	type StoredEvent,
	type ReadEvent,
	type RewoundData,
	type SyncState
} from './events';
export {
	EventStore,
	LOG_START,
	cursorAfter,
	type EventStoreOptions,
	type AppendOptions,
	type AppendResult,
	type ReadStreamOptions,
	type ReadAllOptions,
	type LogCursor,
	type LogChange,
	type LogListener,
	type Snapshot,
	type StoredCommand
} from './eventstore';
export {
	defineAggregate,
	AggregateRepository,
	type Aggregate,
	type AggregateDefinition,
	type AnyAggregate,
	type CommandContext,
	type CommandContextInput,
	type CommandResult,
	type DomainCommand,
	type DomainEvent,
	type StateOf,
	type CommandOf,
	type EventOfAggregate,
	type StatePoint
} from './aggregates';
