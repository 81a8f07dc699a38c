import { IllegalStateError, SealedHistoryError, ValidationError } from '../errors';
import type { ReadEvent } from '../events';
import type { EventStore, StoredCommand } from '../eventstore';
import { issueCommand, storedCommandOf, type CommandContextInput } from '../aggregates';
import { commandsOf, type AnyReaction, type ReactionCommand } from './define-reaction';
import { reactionCommandId } from './reaction-command-id';
import { reactionsCheckpoint, REACTIONS_CHECKPOINT } from './checkpoint';

const PAGE = 200;

export interface ReactionRunnerOptions {
	store: EventStore;
	reactions: readonly AnyReaction[];
	/** This device: a reaction runs for the events appended here, never for others' (pulled). */
	deviceId: string;
	/** Runs a command on its record: the app's repositories, by the stream's category. */
	execute(streamId: string, command: unknown, context: CommandContextInput): Promise<unknown>;
	/** The state of the event's record right after it, for `react`. */
	stateAfter(event: ReadEvent): Promise<unknown>;
	/**
	 * The setting that keeps the runner's place in the log; default `reactions:checkpoint`. Another
	 * key lets a second runner replay another device's reactions on this log (a test's way to run
	 * a reaction on two devices).
	 */
	checkpointKey?: string;
}

/** The provenance a reaction's command carries; its id is always derived, never fresh. */
type ReactionContext = CommandContextInput & { commandId: string };

/**
 * Runs reactions for the events appended on this device, after they are in the log, in log
 * order. Its place in the log is kept in the store (`reactions:checkpoint`) and moves only once
 * an event's reactions have all run, so a crash half-way runs them again on the next start;
 * the commands' derived ids make that second run change nothing. One tab runs it at a time
 * (the app elects it, like the sync client).
 */
export class ReactionRunner {
	readonly #options: ReactionRunnerOptions;
	readonly #byType = new Map<string, AnyReaction[]>();
	#draining: Promise<void> | undefined;
	#again = false;
	/** Refused commands compensated by this runner: a compensation runs once per refusal. */
	readonly #compensated = new Set<string>();

	constructor(options: ReactionRunnerOptions) {
		this.#options = options;
		const names = new Set<string>();
		for (const reaction of options.reactions) {
			if (names.has(reaction.name)) throw new Error(`Two reactions are named ${reaction.name}.`);
			names.add(reaction.name);
			for (const type of reaction.on) {
				this.#byType.set(type, [...(this.#byType.get(type) ?? []), reaction]);
			}
		}
	}

	/** Reacts to what is due now and to every commit from now on, until the returned stop. */
	start(): () => void {
		const { store } = this.#options;
		let stopped = false;
		const unsubscribe = store.subscribe(() => {
			if (!stopped) void this.catchUp().catch(report);
		});
		void this.catchUp().catch(report);
		return () => {
			stopped = true;
			unsubscribe();
		};
	}

	/**
	 * Runs every reaction due, from the checkpoint to the end of the log; resolves when it is
	 * through. A call while a run is under way runs once more after it. A command that fails for
	 * a reason other than its rules (storage, a read-only device) stops the run where it is, and
	 * the next commit or start tries again from there.
	 */
	catchUp(): Promise<void> {
		if (this.#draining) {
			this.#again = true;
			return this.#draining;
		}
		this.#draining = this.#drain().finally(() => (this.#draining = undefined));
		return this.#draining;
	}

	async #drain(): Promise<void> {
		const { store } = this.#options;
		const CHECKPOINT = this.#options.checkpointKey ?? REACTIONS_CHECKPOINT;
		do {
			this.#again = false;
			let after = (await reactionsCheckpoint(store, CHECKPOINT)).checkpoint;
			for (;;) {
				const events = await store.readLocal({ afterSeq: after, limit: PAGE });
				if (events.length === 0) break;
				for (const event of events) {
					await this.#reactTo(event);
					after = event.seq;
					await store.sync.writeSetting(CHECKPOINT, after);
				}
			}
			await this.#compensateInbox();
		} while (this.#again);
	}

	async #reactTo(event: ReadEvent): Promise<void> {
		const reactions = this.#byType.get(event.type);
		if (!reactions || event.metadata.deviceId !== this.#options.deviceId) return;
		const cause = await this.#causeOf(event);
		const state = await this.#options.stateAfter(event);
		for (const reaction of reactions) {
			const wanted = commandsOf(reaction.react(event, state));
			for (const [index, command] of wanted.entries()) {
				await this.#run(command, {
					commandId: await reactionCommandId(reaction.name, cause, index),
					correlationId: event.metadata.correlationId,
					causationId: event.eventId,
					reaction: { name: reaction.name, causeCommandId: event.metadata.commandId },
					userId: event.metadata.userId,
					deviceId: this.#options.deviceId
				});
			}
		}
	}

	/** The causing event as its command names it: which of its events of this type it is. */
	async #causeOf(event: ReadEvent) {
		const siblings = await this.#options.store.eventsOfCommand(event.metadata.commandId);
		const sameType = siblings.filter(
			(other) => other.type === event.type && other.streamId === event.streamId
		);
		const occurrence = Math.max(
			0,
			sameType.findIndex((other) => other.eventId === event.eventId)
		);
		return { commandId: event.metadata.commandId, type: event.type, occurrence };
	}

	async #run(wanted: ReactionCommand, context: ReactionContext): Promise<void> {
		const { store } = this.#options;
		// Refused once and told (the inbox, the compensation): acting now, because the cause came
		// round again (a rebase, a lost checkpoint) and it would fit, would act behind the refusal
		// the person was shown. It acts once the person retries it from the inbox, or never.
		const inbox = await store.sync.conflicts();
		if (inbox.some((conflict) => conflict.commandId === context.commandId)) return;
		try {
			await this.#options.execute(wanted.streamId, wanted.command, context);
		} catch (error) {
			if (!isRefusal(error)) throw error;
			const refused: StoredCommand = {
				...storedCommandOf(
					issueCommand(wanted.command, context),
					await store.streamVersion(wanted.streamId)
				),
				streamId: wanted.streamId,
				eventIds: []
			};
			await store.sync.holdRefused({
				commandId: context.commandId,
				streamId: wanted.streamId,
				command: refused,
				reason: error.message,
				createdAt: new Date().toISOString()
			});
			await this.#compensate(refused, error.message);
		}
	}

	/**
	 * A reaction's command that a rebase refused later (others' changes arrived first) is
	 * compensated like one refused when it ran. Compensation ids derive from the refused
	 * command's, so running it again after a restart changes nothing.
	 */
	async #compensateInbox(): Promise<void> {
		for (const { command, reason } of await this.#options.store.sync.conflicts()) {
			if (command.reaction) await this.#compensate(command, reason);
		}
	}

	/**
	 * Runs the compensation of a reaction's refused command (its reaction's `refused` step), once:
	 * its commands' ids derive from the refused command's.
	 */
	async #compensate(refused: StoredCommand, reason: string): Promise<void> {
		const reaction = this.#options.reactions.find((one) => one.name === refused.reaction?.name);
		if (!reaction?.refused || this.#compensated.has(refused.commandId)) return;
		this.#compensated.add(refused.commandId);
		const name = `${reaction.name}:refused`;
		const cause = { commandId: refused.commandId, type: refused.command.type, occurrence: 0 };
		for (const [index, command] of commandsOf(reaction.refused(refused, reason)).entries()) {
			await this.#run(command, {
				commandId: await reactionCommandId(name, cause, index),
				correlationId: refused.correlationId,
				causationId: refused.commandId,
				reaction: { name, causeCommandId: refused.commandId },
				userId: refused.userId,
				deviceId: this.#options.deviceId
			});
		}
	}
}

/** A command refused by its rules, for the person to see: not a fault to try again later. */
function isRefusal(error: unknown): error is Error {
	return (
		error instanceof IllegalStateError ||
		error instanceof ValidationError ||
		error instanceof SealedHistoryError
	);
}

function report(error: unknown): void {
	// Offline, a part of the app not downloaded yet cannot load: expected, and tried again.
	const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
	(offline ? console.warn : console.error)(
		'A reaction could not run; it runs again with the next change',
		error
	);
}
