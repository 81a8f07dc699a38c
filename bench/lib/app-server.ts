import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverNodeFlags } from '../shared/server-node-flags';
import { APP_BUILD, ROOT } from './paths';

export interface AppServer {
	url: string;
	/** The server process, e.g. to read its memory from /proc. */
	pid: number;
	stop(): Promise<void>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

/**
 * `npm run build`: the app as users get it, from the code as it is now. The result is copied
 * to `bench/results/app` at once and served from there, so that a build started by anything
 * else during the run cannot swap the files under the running server.
 */
export function buildApp(): void {
	const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
	}
	rmSync(APP_BUILD, { recursive: true, force: true });
	cpSync(join(ROOT, 'build'), APP_BUILD, { recursive: true });
	if (!existsSync(join(APP_BUILD, 'index.js'))) throw new Error('the build has no index.js');
}

export interface AppOptions {
	/** PostgreSQL for `node build`; without it, PGlite in a data folder. */
	databaseUrl?: string;
	/** A PGlite data folder seeded beforehand; it becomes the server's and is removed at stop. */
	dataDir?: string;
	/** More environment for `node build`, e.g. `REWIND_RATE_LIMIT`. */
	env?: Record<string, string>;
}

/**
 * `node build` on 127.0.0.1 with a fresh temporary data folder (PGlite) unless one is given, or
 * on PostgreSQL when `databaseUrl` is given; `env` adds settings (e.g. `REWIND_SIGNUP_LIMIT`).
 * Resolves once `/api/health` answers.
 */
export async function startApp(options: AppOptions = {}): Promise<AppServer> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rewind-bench-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: url,
		REWIND_DATA_DIR: dataDir,
		BODY_SIZE_LIMIT: '2M',
		...options.env
	};
	delete env.DATABASE_URL;
	if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
	const child = spawn(process.execPath, [...serverNodeFlags(), APP_BUILD], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const kill = () => child.kill('SIGKILL');
	process.once('exit', kill);

	const stop = async () => {
		process.off('exit', kill);
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(kill, 10_000);
			await exited;
			clearTimeout(timer);
		}
		rmSync(dataDir, { recursive: true, force: true });
	};

	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`node build exited:\n${output}`);
		try {
			const response = await fetch(`${url}/api/health`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`node build did not answer within 60 s:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { url, pid: child.pid!, stop };
}
