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
export {
	AggregateRepository,
	type CommandContextInput,
	type CommandResult,
	type StatePoint
} from './aggregate-repository';
export { commandValidationError } from './command-validation-error';
export { eventInputsOf } from './event-inputs';
