import fc from 'fast-check';
import { get } from 'svelte/store';
import { afterEach, describe, expect, it } from 'vitest';
import {
	AggregateRepository,
	defineAggregate,
	type CommandContextInput
} from '../../src/lib/aggregates';
import { accountAggregate } from '../../src/lib/domain/accounts/aggregate';
import type { AccountState } from '../../src/lib/domain/accounts/state';
import { orderAggregate } from '../../src/lib/domain/orders/aggregate';
import type { OrderState } from '../../src/lib/domain/orders/state';
import { IllegalStateError, isRewindError, SealedHistoryError } from '../../src/lib/errors';
import type { EventStore } from '../../src/lib/eventstore';
import { StoreTracker } from '../../src/lib/eventstore/testing';
import {
	ACCOUNT_STREAMS,
	ada,
	bob,
	domainCommand,
	domainRegistry,
	ORDER_STREAMS,
	STREAMS,
	domainAggregates
} from './domain-harness';
import { rewind } from '../../src/lib/undo/rewind';
import { UndoConflictError } from '../../src/lib/undo/undo-conflict-error';
import { UndoStack } from '../../src/lib/undo/undo-stack';

// A failure prints fast-check's seed and path; FC_SEED=<seed> replays it.
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

// Snapshots every 3 events, so loads go through a snapshot and rewinds reach below it.
const orders = defineAggregate({ ...orderAggregate, snapshotEvery: 3 });
const accounts = defineAggregate({ ...accountAggregate, snapshotEvery: 3 });
const NOW = new Date('2026-06-01T12:00:00.000Z');

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const step = fc.oneof(
	{ arbitrary: domainCommand, weight: 8 },
	{ arbitrary: fc.record({ kind: fc.constant('undo' as const), force: fc.boolean() }), weight: 4 },
	{ arbitrary: fc.record({ kind: fc.constant('redo' as const), force: fc.boolean() }), weight: 3 },
	{
		arbitrary: fc.record({
			kind: fc.constant('restore' as const),
			streamId: fc.constantFrom(...STREAMS),
			to: fraction,
			// "Restore to here" goes on the undo stack like any command of mine, or not.
			record: fc.boolean()
		}),
		weight: 2
	}
);

const withDiscards = fc.oneof(
	{ arbitrary: step, weight: 8 },
	{
		arbitrary: fc.record({
			kind: fc.constant('discard' as const),
			streamId: fc.constantFrom(...STREAMS),
			from: fraction
		}),
		weight: 1
	}
);

type Step = typeof withDiscards extends fc.Arbitrary<infer T> ? T : never;

/** Two orders and an account with money exist from the start, so fewer commands are refused. */
const prelude: Step[] = [
	{
		kind: 'command',
		streamId: 'order-1',
		command: { type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
		user: 'ada'
	},
	{
		kind: 'command',
		streamId: 'order-2',
		command: { type: 'CreateOrder', customerName: 'Bob', currency: 'EUR' },
		user: 'bob'
	},
	{
		kind: 'command',
		streamId: 'account-1',
		command: { type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' },
		user: 'ada'
	},
	{
		kind: 'command',
		streamId: 'account-1',
		command: { type: 'Deposit', amountCents: 1_000 },
		user: 'ada'
	}
];

const steps = (arbitrary: fc.Arbitrary<Step>) =>
	fc.array(arbitrary, { minLength: 10, maxLength: 35 }).map((tail) => [...prelude, ...tail]);

function aggregateOf(streamId: string) {
	return (streamId.startsWith('order-') ? orders : accounts) as unknown as typeof accounts;
}

function contextOf(user: string): CommandContextInput {
	return { ...(user === 'ada' ? ada : bob), now: NOW };
}

/** A device of Ada's: her stack, and repositories that snapshot often. */
function device() {
	const store = stores.open(undefined, domainRegistry);
	const stack = new UndoStack(store, domainAggregates, () => ({ ...ada, now: NOW }));
	const repositories = {
		order: new AggregateRepository(store, orders),
		account: new AggregateRepository(store, accounts)
	};
	const repositoryOf = (streamId: string) =>
		(streamId.startsWith('order-')
			? repositories.order
			: repositories.account) as unknown as AggregateRepository<unknown, never, never>;
	return { store, stack, repositoryOf };
}

/** JSON with sorted keys: equal states have equal keys whatever their property order. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_, inner: unknown) =>
		inner && typeof inner === 'object' && !Array.isArray(inner)
			? Object.fromEntries(
					Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))
				)
			: inner
	);
}

interface Entry {
	streamId: string;
	commandId: string;
	before: number;
	after: number;
}

/** What the device should hold: every version's state and author per record, and the two stacks. */
/** The author of Ada's changes made without this stack (another tab of hers). */
const ELSEWHERE = 'ada, elsewhere';

class Model {
	readonly states = new Map<string, unknown[]>(STREAMS.map((id) => [id, [{ status: 'none' }]]));
	readonly authors = new Map<string, string[]>(STREAMS.map((id) => [id, ['']]));
	/** Per version, the version of the sealing event its state rests on; 0 for none. */
	readonly seals = new Map<string, number[]>(STREAMS.map((id) => [id, [0]]));
	undo: Entry[] = [];
	redo: (Entry & { undoneAt: number })[] = [];

	head(streamId: string): number {
		return this.states.get(streamId)!.length - 1;
	}

	stateAt(streamId: string, version: number): unknown {
		return this.states.get(streamId)![version];
	}

	append(streamId: string, state: unknown, author: string, seal: number): number {
		this.states.get(streamId)!.push(state);
		this.authors.get(streamId)!.push(author);
		this.seals.get(streamId)!.push(seal);
		return this.head(streamId);
	}

	sealAt(streamId: string, version: number): number {
		return this.seals.get(streamId)![version]!;
	}

	/**
	 * A rewind appended: the record is as it was at `toVersion`, seal included. `ELSEWHERE`
	 * when Ada made it without this stack (another tab of hers).
	 */
	rewind(streamId: string, toVersion: number, author = 'ada'): number {
		const state = this.stateAt(streamId, toVersion);
		return this.append(streamId, state, author, this.sealAt(streamId, toVersion));
	}

	/** Whether a rewind to `toVersion` would leave the record's last seal behind. */
	crossesSeal(streamId: string, toVersion: number): boolean {
		const seal = this.sealAt(streamId, this.head(streamId));
		return seal > 0 && this.sealAt(streamId, toVersion) !== seal;
	}

	/**
	 * Who wrote to the record after `since` without this stack: the last user other than Ada,
	 * else Ada from elsewhere (an undo would revert either unnamed).
	 */
	foreignSince(streamId: string, since: number): string | undefined {
		const later = this.authors.get(streamId)!.slice(since + 1);
		const other = later.findLast((author) => author !== 'ada' && author !== ELSEWHERE);
		return other ?? (later.includes(ELSEWHERE) ? 'ada' : undefined);
	}
}

describe('undo, redo and restore against a model', () => {
	it('at every step each record’s state, its history and the stacks equal the model’s', async () => {
		await fc.assert(
			fc.asyncProperty(
				steps(step),
				fc.array(fraction, { minLength: 50, maxLength: 50 }),
				async (plan, probes) => {
					const { store, stack, repositoryOf } = device();
					const model = new Model();
					try {
						for (const [index, action] of plan.entries()) {
							const touched = await runAgainstModel(store, stack, model, action);
							for (const streamId of STREAMS) {
								expect(await repositoryOf(streamId).load(streamId)).toEqual({
									state: model.stateAt(streamId, model.head(streamId)),
									version: model.head(streamId)
								});
							}
							const head = touched ? model.head(touched) : 0;
							if (touched && head > 0) {
								const version = Math.floor(probes[index % probes.length]! * (head + 1));
								expect((await repositoryOf(touched).stateAt(touched, { version })).state).toEqual(
									model.stateAt(touched, version)
								);
							}
							expect(get(stack.canUndo)).toBe(model.undo.length > 0);
							expect(get(stack.canRedo)).toBe(model.redo.length > 0);
							expect(get(stack.nextUndo)?.commandId).toBe(model.undo.at(-1)?.commandId);
							expect(get(stack.nextRedo)?.commandId).toBe(model.redo.at(-1)?.commandId);
						}
					} finally {
						store.close();
					}
				}
			),
			{ seed: SEED, numRuns: 50 }
		);
	}, 30_000);
});

/** Runs a step on the device and on the model, checking the outcome; returns the record it touched. */
async function runAgainstModel(
	store: EventStore,
	stack: UndoStack,
	model: Model,
	action: Step
): Promise<string | undefined> {
	switch (action.kind) {
		case 'command': {
			const { streamId, command, user } = action;
			const aggregate = aggregateOf(streamId);
			const current = model.stateAt(streamId, model.head(streamId)) as AccountState;
			let decided: ReturnType<typeof aggregate.decide> | undefined;
			try {
				const context = {
					...contextOf(user),
					commandId: 'model',
					correlationId: 'model',
					now: NOW
				};
				// The model decides at once, as the app does once the write model is in.
				await aggregate.prepare?.();
				decided = aggregate.decide(aggregate.commandSchema.parse(command), current, context);
			} catch (error) {
				if (!(error instanceof IllegalStateError)) throw error;
			}
			const repository = new AggregateRepository(store, aggregate);
			if (!decided) {
				await expect(repository.execute(streamId, command, contextOf(user))).rejects.toThrow(
					IllegalStateError
				);
				return streamId;
			}
			const result = await repository.execute(streamId, command, contextOf(user));
			expect(result.events.map(({ type, data }) => ({ type, data }))).toEqual(decided);
			if (decided.length === 0) return streamId;
			let state = current;
			for (const event of decided) state = aggregate.evolve(state, event);
			const head = model.head(streamId);
			const seals = decided.some((event) => aggregate.sealedBy.includes(event.type));
			model.append(
				streamId,
				state,
				user,
				seals ? head + decided.length : model.sealAt(streamId, head)
			);
			if (user === 'ada') {
				const entry = {
					streamId,
					commandId: result.commandId,
					before: result.version - result.events.length,
					after: result.version
				};
				stack.record({ ...entry, label: streamId });
				model.undo.push(entry);
				model.redo = [];
			}
			return streamId;
		}
		case 'undo': {
			const entry = model.undo.at(-1);
			if (!entry) {
				expect(await stack.undo({ force: action.force })).toBeUndefined();
				return undefined;
			}
			if (model.crossesSeal(entry.streamId, entry.before)) {
				// Refused for good, whoever wrote since: the entry leaves the stack, nothing is written.
				await expect(stack.undo({ force: action.force })).rejects.toBeInstanceOf(
					SealedHistoryError
				);
				model.undo.pop();
				return entry.streamId;
			}
			const foreign = model.foreignSince(entry.streamId, entry.after);
			if (foreign && !action.force) {
				const refusal = await stack.undo().catch((error: unknown) => error);
				expect(refusal).toBeInstanceOf(UndoConflictError);
				expect(refusal).toMatchObject({ streamId: entry.streamId, changedBy: foreign });
				return entry.streamId;
			}
			const outcome = await stack.undo({ force: action.force });
			const version = model.rewind(entry.streamId, entry.before);
			expect(outcome?.entry.commandId).toBe(entry.commandId);
			expect(outcome?.event).toMatchObject({
				streamId: entry.streamId,
				version,
				data: { toVersion: entry.before, undoes: entry.commandId }
			});
			model.undo.pop();
			model.redo.push({ ...entry, undoneAt: version });
			return entry.streamId;
		}
		case 'redo': {
			const entry = model.redo.at(-1);
			if (!entry) {
				expect(await stack.redo({ force: action.force })).toBeUndefined();
				return undefined;
			}
			const toVersion = entry.undoneAt - 1;
			if (model.crossesSeal(entry.streamId, toVersion)) {
				await expect(stack.redo({ force: action.force })).rejects.toBeInstanceOf(
					SealedHistoryError
				);
				model.redo.pop();
				return entry.streamId;
			}
			const foreign = model.foreignSince(entry.streamId, entry.undoneAt);
			if (foreign && !action.force) {
				await expect(stack.redo()).rejects.toMatchObject({ changedBy: foreign });
				return entry.streamId;
			}
			const outcome = await stack.redo({ force: action.force });
			const version = model.rewind(entry.streamId, toVersion);
			expect(outcome?.event).toMatchObject({
				version,
				data: { toVersion, redoes: entry.commandId }
			});
			const { undoneAt: _, ...undone } = entry;
			model.redo.pop();
			model.undo.push({ ...undone, after: version });
			return entry.streamId;
		}
		case 'restore': {
			const head = model.head(action.streamId);
			if (head === 0) return undefined;
			const toVersion = Math.floor(action.to * head);
			const request = { streamId: action.streamId, toVersion, expectedVersion: head };
			if (model.crossesSeal(action.streamId, toVersion)) {
				await expect(
					rewind(store, domainAggregates, request, contextOf('ada'))
				).rejects.toMatchObject({ code: 'sealed_history', toVersion });
				return action.streamId;
			}
			const event = await rewind(store, domainAggregates, request, contextOf('ada'));
			model.rewind(action.streamId, toVersion, action.record ? 'ada' : ELSEWHERE);
			if (action.record) {
				const entry = {
					streamId: action.streamId,
					commandId: event.metadata.commandId,
					before: head,
					after: event.version
				};
				stack.record({ ...entry, label: 'restore' });
				model.undo.push(entry);
				model.redo = [];
			}
			return action.streamId;
		}
		case 'discard':
			throw new Error('The model does not know discards');
	}
}

/** Runs a step for the rules property; returns whether it was a command that changed a record. */
async function runForRules(
	store: EventStore,
	stack: UndoStack,
	repositoryOf: (streamId: string) => AggregateRepository<unknown, never, never>,
	action: Step
): Promise<string | undefined> {
	try {
		switch (action.kind) {
			case 'command': {
				const result = await repositoryOf(action.streamId).execute(
					action.streamId,
					action.command,
					contextOf(action.user)
				);
				if (result.events.length === 0) return undefined;
				if (action.user === 'ada') {
					stack.record({
						streamId: action.streamId,
						commandId: result.commandId,
						label: action.streamId,
						before: result.version - result.events.length,
						after: result.version
					});
				}
				return action.streamId;
			}
			case 'undo':
				await stack.undo({ force: action.force });
				return undefined;
			case 'redo':
				await stack.redo({ force: action.force });
				return undefined;
			case 'restore': {
				const head = await store.streamVersion(action.streamId);
				if (head === 0) return undefined;
				const toVersion = Math.floor(action.to * head);
				const event = await rewind(
					store,
					domainAggregates,
					{ streamId: action.streamId, toVersion, expectedVersion: head },
					contextOf('ada')
				);
				if (action.record) {
					stack.record({
						streamId: action.streamId,
						commandId: event.metadata.commandId,
						label: 'restore',
						before: head,
						after: event.version
					});
				}
				return undefined;
			}
			case 'discard': {
				const head = await store.streamVersion(action.streamId);
				if (head > 0)
					await store.discardPending(action.streamId, 1 + Math.floor(action.from * head));
				return undefined;
			}
		}
	} catch (error) {
		// A broken rule, a conflict with someone else's change, or an undo whose events were
		// discarded: refused, nothing written.
		if (error instanceof IllegalStateError || isRewindError(error)) return undefined;
		throw error;
	}
}

describe('business rules can never be broken through undo', () => {
	it('every state reached by undo, redo, restore or discard is one the record had before; balances stay positive; orders keep their rules', async () => {
		await fc.assert(
			fc.asyncProperty(steps(withDiscards), async (plan) => {
				const { store, stack, repositoryOf } = device();
				const seen = new Map<string, Set<string>>(
					STREAMS.map((id) => [id, new Set([canonical({ status: 'none' })])])
				);
				const previous = new Map<string, unknown>();
				try {
					for (const action of plan) {
						const changed = await runForRules(store, stack, repositoryOf, action);
						if (changed) {
							// A command is the only way to a state the record never had.
							seen.get(changed)!.add(canonical((await repositoryOf(changed).load(changed)).state));
						}
						for (const streamId of ORDER_STREAMS) {
							const { state } = await repositoryOf(streamId).load(streamId);
							const order = state as OrderState;
							expect(seen.get(streamId)!.has(canonical(order))).toBe(true);
							if (order.status !== 'none') {
								if (order.status === 'submitted') expect(order.items.length).toBeGreaterThan(0);
								for (const line of order.items) expect(line.quantity).toBeGreaterThan(0);
							}
							const before = previous.get(streamId) as OrderState | undefined;
							if (
								order.status === 'draft' &&
								(before?.status === 'submitted' || before?.status === 'cancelled')
							) {
								// Sealed: no command, undo, redo or restore brings it back to draft. Only
								// discarding the seal itself, while it never left the device, can.
								expect(action.kind).toBe('discard');
							}
							previous.set(streamId, order);
						}
						for (const streamId of ACCOUNT_STREAMS) {
							const { state } = await repositoryOf(streamId).load(streamId);
							const account = state as AccountState;
							expect(seen.get(streamId)!.has(canonical(account))).toBe(true);
							if (account.status !== 'none') {
								expect(account.balanceCents).toBeGreaterThanOrEqual(0);
								expect(Number.isSafeInteger(account.balanceCents)).toBe(true);
							}
							if (account.status === 'closed') expect(account.balanceCents).toBe(0);
						}
					}
				} finally {
					store.close();
				}
			}),
			{ seed: SEED, numRuns: 50 }
		);
	}, 30_000);
});
