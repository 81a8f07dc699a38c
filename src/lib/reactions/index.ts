export {
	defineReaction,
	commandsOf,
	type Reaction,
	type AnyReaction,
	type ReactionCommand,
	type ReactionCommands
} from './define-reaction';
export { reactionCommandId } from './reaction-command-id';
export { reactionsCheckpoint, REACTIONS_CHECKPOINT } from './checkpoint';
export { ReactionRunner, type ReactionRunnerOptions } from './reaction-runner';
