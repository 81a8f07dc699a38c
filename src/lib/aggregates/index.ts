export type { CommandContext } from './command-context';
export {
	defineAggregate,
	type Aggregate,
	type AggregateDefinition,
	type AnyAggregate,
	type CommandParser,
	type DomainCommand,
	type DomainEvent,
	type StateOf,
	type CommandOf,
	type EventOfAggregate
} from './define-aggregate';
export { AggregateRepository, loadCommandPath, type CommandResult } from './aggregate-repository';
export type { StatePoint } from './state-at';
export {
	issueCommand,
	issuedOf,
	contextOf,
	metadataOf,
	storedCommandOf,
	type IssuedCommand,
	type CommandPayload,
	type CommandContextInput
} from './issued-command';
export {
	handleCommand,
	handleCommandNow,
	type CommandHandler,
	type Decision,
	type HandleOptions,
	type Loaded
} from './handle-command';
export { redecideStored } from './redecide-stored';
export { changeOf, type RecordedChange } from './recorded-change';
export { commandIdReusedError } from './command-id-reused-error';
export { commandValidationError } from './command-validation-error';
export { eventInputsOf } from './event-inputs';
