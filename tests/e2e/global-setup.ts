import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serverNodeFlags } from '../../bench/shared/server-node-flags';
import { requireChromium } from './chromium.js';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Where the built app answers, e.g. `http://127.0.0.1:41234`. */
		baseURL: string;
	}
}

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** Starts the built app on a free port with an empty data folder; stops it after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	requireChromium();
	if (!existsSync(join(root, 'build/index.js'))) {
		throw new Error('No built app in build/: run `npm run test:e2e`, which builds it first.');
	}

	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	const dataDir = mkdtempSync(join(tmpdir(), 'rewind-e2e-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: baseURL,
		REWIND_DATA_DIR: dataDir,
		BODY_SIZE_LIMIT: '2M',
		// Every browser here signs up from 127.0.0.1: one address, which the per-address sign-up
		// limit would count as one person making dozens of workspaces (it has tests of its own).
		REWIND_SIGNUP_LIMIT: '0'
	};
	// The embedded PGlite, whatever the shell has set for other tests.
	delete env.DATABASE_URL;

	const child = spawn(process.execPath, [...serverNodeFlags(), 'build'], {
		cwd: root,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
	// Never leave a server behind, even when the run is interrupted.
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);

	async function stop(): Promise<void> {
		process.off('exit', killOnExit);
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
			await exited;
			clearTimeout(timer);
		}
		rmSync(dataDir, { recursive: true, force: true });
	}

	try {
		await waitUntilAnswering(`${baseURL}/api/health`, exited, () => output);
	} catch (error) {
		await stop();
		throw error;
	}
	project.provide('baseURL', baseURL);
	return stop;
}

async function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))
			);
		});
	});
}

async function waitUntilAnswering(
	url: string,
	exited: Promise<number | null>,
	output: () => string
): Promise<void> {
	let exitCode: number | null | undefined;
	void exited.then((code) => (exitCode = code ?? -1));
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (exitCode !== undefined) {
			throw new Error(`The app server exited with code ${exitCode} before answering:\n${output()}`);
		}
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((done) => setTimeout(done, 150));
	}
	throw new Error(
		`The app server did not answer ${url} within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`
	);
}
