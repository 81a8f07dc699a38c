import type { EventInput, EventRegistry, ReadEvent } from '../events';
import { prepareEvents, type PreparedEvent } from './internal/prepare-events';
import type { StoredCommand } from './stored-command';

/**
 * Decides a pending command again on its stream's events as they now are: the new events (none
 * when it no longer changes anything), or a throw with a message for the user when it no
 * longer fits. The app provides it (sync's `CommandRebaser`): the store knows no domain.
 */
export type Redecide = (command: StoredCommand, events: readonly ReadEvent[]) => EventInput[];

/** A pending event a rebase decided, numbered on its stream, not stored yet (no local seq). */
export type RebasedEvent = PreparedEvent & { streamId: string; version: number };

export interface RebaseInput {
	registry: EventRegistry;
	streamId: string;
	/** The stream once the remote events have landed, without its pending events, upcast. */
	events: readonly ReadEvent[];
	/** The stream's pending commands, oldest first. */
	commands: readonly StoredCommand[];
	redecide: Redecide;
}

export interface Rebased {
	/** Commands that still change something, each with its new events, in stream order. */
	kept: { command: StoredCommand; events: RebasedEvent[] }[];
	/** Commands that no longer fit, with the reason, for the conflict inbox. */
	refused: ({ command: StoredCommand } & Refusal)[];
}

/** Why a command no longer fits: the words for the user, and the error's code where it has one. */
export interface Refusal {
	reason: string;
	/** The refusal's kind (`RewindError.code`): what the inbox may offer besides a retry. */
	code?: string;
}

/** A decision's throw as the inbox keeps it. */
export function refusalOf(error: unknown): Refusal {
	const reason = error instanceof Error ? error.message : String(error);
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? { reason, code } : { reason };
}

/**
 * Rebase as a pure merge (DESIGN.md, "Rebase"): each pending command is decided again, in
 * order, on the stream as it is after the remote events and the commands kept before it. A
 * command that decides nothing, or whose id is already among the stream's events, is done and
 * dropped; one whose decision throws, or whose new
 * events are invalid or too big, is refused. No IndexedDB: the store runs it inside the
 * transaction that applies a pull, a refusal or a retry, and writes what it returns.
 */
export function rebase(input: RebaseInput): Rebased {
	const { registry, streamId, redecide } = input;
	const rebased: Rebased = { kept: [], refused: [] };
	let events = input.events;
	// A command another device already ran here (a reaction's, whose id is derived from its
	// cause, the same on every device) is done: running it again would act twice.
	const done = new Set(events.map((event) => event.metadata.commandId));
	for (const command of input.commands) {
		if (done.has(command.commandId)) continue;
		let prepared: PreparedEvent[];
		try {
			// A command decided again may write other events, and they are checked (and sized) anew.
			prepared = prepareEvents(registry, redecide(command, events), streamId);
		} catch (error) {
			rebased.refused.push({ command, ...refusalOf(error) });
			continue;
		}
		// Nothing left to do: the command is done, with nothing pending to keep it for.
		if (prepared.length === 0) continue;
		const head = events.at(-1)?.version ?? 0;
		const decided = prepared.map((event, index): RebasedEvent => ({
			...event,
			streamId,
			version: head + index + 1
		}));
		rebased.kept.push({
			command: {
				...command,
				eventIds: decided.map((event) => event.eventId),
				decidedAtVersion: head
			},
			events: decided
		});
		// The next command sees these as pending events; they get a local seq once stored.
		events = events.concat(
			decided.map((event) => registry.read({ ...event, seq: 0, sync: 'pending' }))
		);
	}
	return rebased;
}

/** A refusal of `rebaseOneByOne`, with the version of the remote event it was refused on. */
export interface SteppedRefusal extends Refusal {
	command: StoredCommand;
	at: number;
}

/**
 * `rebase` as if the remote events had arrived one at a time: at each of `landed` (the
 * versions of this page's remote events on the stream, ascending), the commands still kept
 * are decided again on the stream up to that event. A page of remote events so gives what
 * pulling them one by one gives, however the server cut its pages: a command refused on the
 * way stays refused, even where a later event would have let it fit again.
 */
export function rebaseOneByOne(
	input: RebaseInput,
	landed: readonly number[]
): { kept: Rebased['kept']; refused: SteppedRefusal[] } {
	let commands = input.commands;
	let kept: Rebased['kept'] = [];
	const refused: SteppedRefusal[] = [];
	for (const at of landed) {
		if (commands.length === 0) break;
		const events = input.events.filter((event) => event.version <= at);
		const step = rebase({ ...input, events, commands });
		for (const refusal of step.refused) refused.push({ ...refusal, at });
		kept = step.kept;
		commands = kept.map((decided) => decided.command);
	}
	return { kept, refused };
}
