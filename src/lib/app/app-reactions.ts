import type { AggregateRepository, DomainCommand, DomainEvent } from '../aggregates';
import { categoryOf } from '../events';
import { domainReactions } from '../domain/reactions/pay-from-account';
import { ReactionRunner } from '../reactions';
import type { RewindApp } from './rewind-app';

type AnyRepository = AggregateRepository<unknown, DomainCommand, DomainEvent>;

/**
 * The app's reactions over its log, in the tab elected to run them. Loaded on first use (the
 * app starts it once the page is up): a first visit that changes nothing never needs it.
 */
export function startAppReactions(
	app: Pick<RewindApp, 'store' | 'orders' | 'accounts'>,
	deviceId: string
) {
	const repositories = new Map<string, AnyRepository>([
		['order', app.orders as unknown as AnyRepository],
		['account', app.accounts as unknown as AnyRepository]
	]);
	const repositoryOf = (streamId: string) => {
		const repository = repositories.get(categoryOf(streamId));
		if (!repository) throw new Error(`No reaction may change ${streamId}: its kind is unknown.`);
		return repository;
	};
	const runner = new ReactionRunner({
		store: app.store,
		deviceId,
		reactions: domainReactions,
		execute: (streamId, command, context) =>
			repositoryOf(streamId).execute(streamId, command, context),
		stateAfter: async (event) =>
			(await repositoryOf(event.streamId).stateAt(event.streamId, { version: event.version })).state
	});
	return runner.start();
}
