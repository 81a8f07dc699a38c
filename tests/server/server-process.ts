import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'node_modules/.cache/rewind-test-server');
let built: Promise<string> | undefined;

/**
 * Bundles `fixtures/serve.ts` once per test file with Vite (dependencies stay in node_modules),
 * so the tests can run it with plain `node` as a real, separate process.
 */
export function buildServerEntry(): Promise<string> {
	return (built ??= (async () => {
		const { build } = await import('vite');
		const dir = join(outDir, String(process.pid));
		mkdirSync(dir, { recursive: true });
		await build({
			configFile: false,
			logLevel: 'silent',
			root,
			resolve: { alias: { $lib: join(root, 'src/lib') } },
			build: {
				ssr: join(root, 'tests/server/fixtures/serve.ts'),
				outDir: dir,
				emptyOutDir: true,
				minify: false,
				rollupOptions: { output: { entryFileNames: 'serve.mjs' } }
			}
		});
		return join(dir, 'serve.mjs');
	})());
}

/** Removes this test file's bundle. */
export function removeServerEntry(): void {
	rmSync(join(outDir, String(process.pid)), { recursive: true, force: true });
	built = undefined;
}

export interface ServerProcess {
	child: ChildProcess;
	url: string;
	/** Everything the process wrote to stderr so far. */
	stderr(): string;
	/** Resolves with the exit code. */
	exited: Promise<number | null>;
	stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the server on 127.0.0.1 with `env`; resolves once it listens, rejects if it exits first. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
	const entry = await buildServerEntry();
	const child = spawn(process.execPath, [entry], {
		cwd: root,
		env: { PATH: process.env.PATH ?? '', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<number | null>((resolveExit) =>
		child.once('exit', (code) => resolveExit(code))
	);
	const port = await new Promise<number>((resolvePort, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			const match = stdout.match(/listening (\d+)/);
			if (match) resolvePort(Number(match[1]));
		});
		void exited.then((code) => reject(new ServerExitedError(code, stderr)));
	});
	return {
		child,
		url: `http://127.0.0.1:${port}`,
		stderr: () => stderr,
		exited,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			return exited;
		}
	};
}

export class ServerExitedError extends Error {
	constructor(
		readonly code: number | null,
		readonly stderr: string
	) {
		super(`The server exited with code ${code} before listening: ${stderr}`);
	}
}
