import type { CommandParser } from '../aggregates/define-aggregate';
import type * as WriteModelModule from './write-model';

type WriteModel = typeof WriteModelModule;

let model: WriteModel | undefined;
let loading: Promise<WriteModel> | undefined;

/**
 * Loads the write model (zod, the schemas, the deciders), once. It is about a fifth of the
 * app's JavaScript, and a page that only shows records needs none of it.
 */
export function loadWriteModel(): Promise<WriteModel> {
	loading ??= import('./write-model').then((loaded) => (model = loaded));
	// A failed load (offline before the service worker cached it) may be tried again.
	loading.catch(() => (loading = undefined));
	return loading;
}

/** Resolves once the write model is in; undefined when it already is (no wait at all). */
export function prepareWriteModel(): Promise<void> | undefined {
	return model ? undefined : loadWriteModel().then(() => undefined);
}

function loaded(): WriteModel {
	if (!model) throw new Error('The write model is not loaded yet: await prepare() first.');
	return model;
}

/**
 * A command schema of the write model. It parses only once the model is in: the command path
 * and the rebaser await `Aggregate.prepare` (`prepareWriteModel`) first.
 */
export function deferredParser<Command>(
	pick: (model: WriteModel) => CommandParser<Command>
): CommandParser<Command> {
	return {
		safeParse: (data, params) => pick(loaded()).safeParse(data, params),
		parse: (data, params) => pick(loaded()).parse(data, params)
	};
}

/** A decider of the write model, under the same rule as `deferredParser`. */
export function deferredDecider<Args extends unknown[], Result>(
	pick: (model: WriteModel) => (...args: Args) => Result
): (...args: Args) => Result {
	return (...args) => pick(loaded())(...args);
}
