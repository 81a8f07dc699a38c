import { page } from '$app/state';
import { fromStore } from 'svelte/store';
import type { AggregateRepository, DomainCommand, DomainEvent } from '../aggregates';
import { describeCommand, describeRecord, describeStream, lineNamesOf } from '../domain';
import type { AccountState, CustomerState, OrderState } from '../domain';
import { isValidationError } from '../errors';
import type { Conflict } from '../eventstore';
import { foldStream, type ReadEvent } from '../events';
import { streamStore } from '../projections';
import { lastSeal } from '../undo';
import { perform } from './actions';
import { restoreTo } from './undo-actions';
import { conflictToEdit, discardEdited, leaveEdit, replacedByEdit } from './conflict-edit';
import { describeError } from './describe-error';
import { focusWhenShown } from './focus';
import { userName } from './identity';
import { rewindApp } from './rewind-app';

type RecordState = OrderState | AccountState | CustomerState;

export interface RecordPageOptions<
	State extends RecordState,
	Command extends DomainCommand,
	Event extends DomainEvent
> {
	repository: AggregateRepository<State, Command, Event>;
	/** "order", "account": in labels such as "Restore the order to version 3". */
	noun: string;
	/**
	 * The status whose buttons disappear when they act (a draft's Submit, an open account's
	 * Close): on leaving it, focus goes to `statusNote`, the element that says what it is now.
	 */
	settles: { from: State['status']; statusNote: string };
	/** A change from the review list was opened in this page to edit. */
	onEditStart?: (conflict: Conflict) => void;
	/** The person stopped editing it. */
	onEditStop?: () => void;
}

/**
 * What a record page knows and does, whatever the record: its events and state at any version,
 * commands run with their refusal shown, restore, and the `?edit=` flow that fills a change
 * from the review list into the page's form. Made while a page component starts (it uses effects).
 */
export class RecordPage<
	State extends RecordState,
	Command extends DomainCommand = DomainCommand,
	Event extends DomainEvent = DomainEvent
> {
	readonly app = rewindApp();
	readonly #options: RecordPageOptions<State, Command, Event>;
	readonly #members = fromStore(this.app.sync.members);

	readonly streamId = $derived.by(
		() => `${this.#options.repository.aggregate.category}-${page.params.id}`
	);
	readonly #stream = $derived(fromStore(streamStore(this.app.store, this.streamId)));
	readonly ready = $derived(this.#stream.current.ready);
	readonly events = $derived(this.#stream.current.events);
	/** The record as it is now. */
	readonly state = $derived.by(() => this.stateAt(this.events.length));
	/** The record as it is now, when there is one with this link. */
	readonly found = $derived(
		this.state.status === 'none' ? undefined : (this.state as Exclude<State, { status: 'none' }>)
	);
	readonly #descriptions = $derived(describeStream(this.events, { locale: navigator.language }));
	/** The version before which nothing can be restored (a submitted order), if any. */
	readonly sealVersion = $derived.by(
		() => lastSeal(this.#options.repository.aggregate, this.events)?.version
	);

	/** A button's refusal, shown at the top of the page; forms show their own. */
	notice = $state('');
	/** The review-list change `?edit=` names, while it is still waiting and belongs here. */
	editing = $state<Conflict | undefined>();

	// `?edit=<commandId>`: a change from the review list, filled into a form to adjust and save.
	readonly #editId = $derived(page.url.searchParams.get('edit'));

	constructor(options: RecordPageOptions<State, Command, Event>) {
		this.#options = options;

		$effect(() => {
			let current = true;
			void conflictToEdit(this.#editId, this.streamId).then((conflict) => {
				if (!current) return;
				this.editing = conflict;
				if (conflict) options.onEditStart?.(conflict);
			});
			return () => {
				current = false;
			};
		});

		// Acting from `settles.from` removes the buttons that did it: focus goes to what it says now.
		let shownStatus = '';
		$effect(() => {
			const status = `${this.streamId}:${this.state.status}`;
			const left = shownStatus === `${this.streamId}:${options.settles.from}`;
			if (left && status !== shownStatus && this.state.status !== 'none') {
				void focusWhenShown(options.settles.statusNote);
			}
			shownStatus = status;
		});
	}

	/** The record as it was at `version`, folded from the events in hand. */
	stateAt = (version: number): State => {
		const aggregate = this.#options.repository.aggregate;
		const base = { state: aggregate.initialState(), version: 0 };
		return foldStream(aggregate, base, this.events.slice(0, version))!.state;
	};

	/** Runs a command; a form shows its own errors, a button's refusal shows at the top. */
	run = async (
		command: Record<string, unknown> & { type: string },
		label: string,
		commandId: string,
		from: 'button' | 'form' = 'button'
	): Promise<void> => {
		this.notice = '';
		try {
			await perform(this.#options.repository, this.streamId, command, label, { commandId });
		} catch (error) {
			if (from === 'button' && !isValidationError(error)) this.notice = describeError(error);
			throw error;
		}
	};

	/** After a form saved: when it held the change being edited, that change leaves the review list. */
	savedEdit = async (filledIn: boolean): Promise<void> => {
		if (this.editing && filledIn) await replacedByEdit(this.editing.commandId);
	};

	/** The change being edited, in the review list's words. */
	describeEditing = (conflict: Conflict): string => {
		const { context } = describeRecord(this.streamId, this.state, navigator.language);
		// Every line the order ever had: the change may name one removed since.
		const lineNames = lineNamesOf(this.events);
		return describeCommand(conflict.command.command, this.streamId, { ...context, lineNames });
	};

	discardEditing = async (): Promise<void> => {
		if (this.editing) await discardEdited(this.editing.commandId);
	};

	stopEditing = (): void => {
		this.#options.onEditStop?.();
		void leaveEdit();
	};

	/**
	 * Everything the RecordPage shell shows that is the same for every record: spread onto it.
	 * `applicable`: the change being edited fits a form this page shows now.
	 */
	shell(applicable: boolean, mayRestore: boolean) {
		const editing = this.editing;
		return {
			ready: this.ready,
			found: this.found,
			notice: this.notice,
			editing: editing && {
				description: this.describeEditing(editing),
				reason: editing.reason,
				applicable
			},
			onStopEditing: this.stopEditing,
			onDiscardEditing: this.discardEditing,
			events: this.events,
			describe: this.describe,
			userName: this.nameOf,
			stateAt: this.stateAt,
			onRestore: mayRestore ? this.restore : undefined,
			sealVersion: this.sealVersion
		};
	}

	describe = (event: ReadEvent): string => this.#descriptions.get(event.eventId) ?? '';

	nameOf = (userId: string): string =>
		userName(userId, this.app.identity().userId, this.#members.current);

	restore = (version: number): Promise<void> =>
		restoreTo(this.streamId, version, `Restore the ${this.#options.noun} to version ${version}`);
}
