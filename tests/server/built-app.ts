import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNodeFlags } from '../../bench/shared/server-node-flags';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const entry = join(root, 'build/index.js');

function newestSource(path: string): number {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

/**
 * Builds the app with `vite build` unless `build/` is newer than every source: these tests
 * are about what adapter-node and SvelteKit do around the sync server, so they need `node build`.
 */
export function ensureBuiltApp(): void {
	const sources = Math.max(
		newestSource(join(root, 'src')),
		newestSource(join(root, 'static')),
		newestSource(join(root, 'svelte.config.js')),
		newestSource(join(root, 'package-lock.json'))
	);
	if (existsSync(entry) && statSync(entry).mtimeMs > sources) return;
	const built = spawnSync(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			// As `npm run build` makes it: under Vitest NODE_ENV is "test", and Vite would then
			// resolve the development builds of packages, SvelteKit's `dev` among them.
			env: { ...process.env, NODE_ENV: 'production' },
			encoding: 'utf8'
		}
	);
	if (built.status !== 0) throw new Error(`vite build failed: ${built.stderr}`);
}

export interface BuiltApp {
	url: string;
	child: ChildProcess;
	stderr(): string;
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => done(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** `node build` on a free port, as `npm run serve` starts it (BODY_SIZE_LIMIT=2M). */
export async function startBuiltApp(env: Record<string, string>): Promise<BuiltApp> {
	const port = await freePort();
	const child = spawn(process.execPath, [...serverNodeFlags(), entry], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '',
			HOST: '127.0.0.1',
			PORT: String(port),
			BODY_SIZE_LIMIT: '2M',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	await new Promise<void>((listening, fail) => {
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			if (stdout.includes('Listening on')) listening();
		});
		void exited.then(() => fail(new Error(`node build exited before listening: ${stderr}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		child,
		stderr: () => stderr,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}
