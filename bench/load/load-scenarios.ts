import type { Database } from '../../src/lib/server';
import { openPostgresSchema } from '../../src/lib/server/testing';
import { startApp, type AppServer } from '../lib/app-server';
import { openThrowawayPglite, throwawaySchema } from '../server/backends';
import type { CaseResult } from '../lib/report';
import { loadCaseResult } from './load-case-result';
import { rawInsertRate } from './raw-baseline';
import { runLoad, type LoadOptions } from './run-load';

export interface LoadScenario {
	name: string;
	backend: 'pglite' | 'postgres';
	processes: number;
}

/** One process on PGlite; with a PostgreSQL URL also one, and two sharing it. */
export function loadScenarios(databaseUrl: string | undefined): LoadScenario[] {
	const scenarios: LoadScenario[] = [
		{ name: 'PGlite, one process', backend: 'pglite', processes: 1 }
	];
	if (databaseUrl) {
		scenarios.push(
			{ name: 'PostgreSQL, one process', backend: 'postgres', processes: 1 },
			{ name: 'PostgreSQL, two processes', backend: 'postgres', processes: 2 }
		);
	}
	return scenarios;
}

/**
 * The settings the load needs beyond production's defaults: 200 people sign up from 127.0.0.1
 * in seconds, which the per-address sign-up limit (meant for abuse) would refuse after 30.
 * Every other limit stays as shipped.
 */
export const LOAD_SERVER_ENV = { REWIND_SIGNUP_LIMIT: '0' };

async function rawDatabase(
	scenario: LoadScenario,
	databaseUrl: string | undefined
): Promise<Database> {
	if (scenario.backend === 'postgres') return openPostgresSchema(databaseUrl!, 'rewind_load_raw');
	return openThrowawayPglite('rewind-load-raw-');
}

/**
 * One scenario: its server processes started from the built app (`bench/results/app`), the load
 * played against them, then the raw INSERT baseline on a database of the same kind.
 */
export async function runLoadScenario(
	id: number,
	scenario: LoadScenario,
	options: LoadOptions,
	databaseUrl: string | undefined,
	log: (message: string) => void
): Promise<CaseResult> {
	const schema =
		scenario.backend === 'postgres'
			? await throwawaySchema(databaseUrl!, 'rewind_load')
			: undefined;
	const servers: AppServer[] = [];
	let report;
	try {
		// One after the other: the first migrates the schema.
		for (let n = 0; n < scenario.processes; n++) {
			servers.push(await startApp({ databaseUrl: schema?.url, env: LOAD_SERVER_ENV }));
		}
		report = await runLoad(servers, options, log);
	} finally {
		await Promise.all(servers.map((server) => server.stop()));
		await schema?.close();
	}
	const raw = await rawDatabase(scenario, databaseUrl);
	let rawRate: number;
	try {
		log('raw INSERT baseline');
		rawRate = await rawInsertRate(
			raw,
			options.workspaces * options.devicesPerWorkspace,
			Math.min(options.seconds, 10)
		);
	} finally {
		await raw.close();
	}
	return loadCaseResult(id, scenario.name, options, report, rawRate);
}
