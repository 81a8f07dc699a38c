import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Creates a new PGlite data folder (PostgreSQL's initdb) in a short-lived child process, and
 * leaves a folder that has a cluster already (its `PG_VERSION`) alone.
 *
 * Why not in this process: initdb runs in PGlite's WebAssembly memory, which grows to about
 * 800 MiB and never shrinks, so a server started on a new folder held twice the memory of the
 * same server started again on it (808 against 363 MiB, idle). The child's memory goes with it;
 * the first start takes about 0.3 s longer.
 *
 * Resolves false when the child could not do it (a folder it may not write, a full disk, PGlite
 * not found where this module can require it); the caller then opens the folder itself and
 * meets the same fault first-hand, with PGlite's own error, as it did before this existed.
 */
export async function initialiseDataDir(dataDir: string): Promise<boolean> {
	if (existsSync(join(dataDir, 'PG_VERSION'))) return true;
	let pglite: string;
	try {
		pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
	} catch {
		return false;
	}
	const script = `
		const { PGlite } = require(${JSON.stringify(pglite)});
		PGlite.create({ dataDir: process.argv[1] })
			.then(async (pg) => { await pg.query('CHECKPOINT'); await pg.close(); })
			.then(() => process.exit(0), () => process.exit(1));
	`;
	const child = spawn(process.execPath, ['-e', script, dataDir], { stdio: 'ignore' });
	const code = await new Promise<number | null>((resolve) => {
		child.once('error', () => resolve(null));
		child.once('exit', (exitCode) => resolve(exitCode));
	});
	return code === 0;
}
