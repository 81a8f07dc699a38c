export type { CommandContext } from './command-context';
export {
	defineAggregate,
	type Aggregate,
	type AggregateDefinition,
	type AnyAggregate,
	type DomainCommand,
	type DomainEvent,
	type StateOf,
	type CommandOf,
	type EventOfAggregate
} from './define-aggregate';
export { foldStream, type VersionedState } from './fold-stream';
export {
	AggregateRepository,
	commandValidationError,
	type CommandContextInput,
	type CommandResult,
	type StatePoint
} from './aggregate-repository';
